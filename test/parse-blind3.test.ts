/**
 * A third blind set: seven documents written for this test in shapes the corpus, the seeds and the first two blind
 * sets do not show (text copied out of a PDF with page numbers, a running header repeated on each page, a paragraph
 * broken across a page and a heading broken over two lines; a 工作方案 whose 1. items carry 责任单位 and 完成时限 on
 * lines of their own; 若干政策措施 numbered 第一条… without chapters, each article ending with a 责任单位 tag; 一、 / 1. /
 * (1) numbering with a lead rule stated once in the preface; a joint 通知 whose measures follow as its 附件; a page
 * whose body is <div>s and <span>s with the title only in an <h1> outside the content; a one-line OCR 县 工作要点 whose
 * items end with （牵头单位：…；责任单位：…）).
 * The answers were written by hand from shared/gold/SCHEMA.md before the parser was run on them.
 */
import { blind } from "./support/blind.js";

// PDF text: the page numbers (— 2 —) and the running header repeated on each page belong to no title and no node;
// the paragraph broken across pages 2 and 3 is one paragraph of 二; the heading 三、 wrapped onto a second line is whole.
blind("blind3-pdf-pages.txt", {
  wrappers: [
    {
      title: "梧川市人民政府办公室关于印发梧川市加快发展银发经济若干措施的通知",
      docNumber: "梧府办〔2025〕8号",
      issuers: ["梧川市人民政府办公室"],
      date: "2025-03-12",
      cites: [],
    },
  ],
  document: {
    title: "梧川市加快发展银发经济若干措施",
    docNumber: "梧府办〔2025〕8号",
    issuers: ["梧川市人民政府办公室"],
    date: "2025-03-12",
    validUntil: "2027-12-31",
    cites: [{ docNumber: "国办发〔2024〕1号", title: "国务院办公厅关于发展银发经济增进老年人福祉的意见" }],
  },
  outline: [
    "一 扩大老年助餐服务",
    "二 发展居家社区养老",
    "三 推进家庭适老化改造和智慧健康养老产品应用推广",
    "四 培育银发经济经营主体",
    "五 本措施自印发之日起施行，有效期至2027年12月31日",
  ],
  nodes: {
    // 运营满1年 is a condition (other); 5万元 is a grant.
    "一": {
      units: ["市民政局", "市财政局"],
      qs: [
        [200, "个", "target", "2025-12-31"],
        [90, "%", "target", "2025-12-31"],
        [1, "年", "other", null],
        [50000, "元", "incentive", null],
      ],
    },
    // The sentence with 1000人次 has no time of its own: the document's validUntil ends it. The subsidy sentence runs
    // on over the page break and its tag stands on page 3.
    "二": {
      units: ["市民政局", "市人力资源社会保障局"],
      qs: [[1000, "人次", "target", "2027-12-31"], [2000, "元", "incentive", null]],
    },
    "三": {
      units: ["市民政局", "市残联", "市卫生健康委"],
      qs: [[3000, "户", "target", "2026-12-31"], [6000, "元", "incentive", null]],
    },
    "四": {
      units: ["市发展改革委", "市工业和信息化局", "市财政局"],
      qs: [[100000000, "元", "other", null], [300000, "元", "incentive", null]],
    },
    "五": { units: [], qs: [] },
  },
});

// 责任单位 and 完成时限 on lines of their own under each 1. item are that item's text.
blind("blind3-workplan-lines.txt", {
  wrappers: [
    {
      title: "关于印发《荆阳市2025年招商引资攻坚行动工作方案》的通知",
      docNumber: "荆政办函〔2025〕15号",
      issuers: ["荆阳市人民政府办公室"],
      date: "2025-02-20",
      cites: [],
    },
  ],
  document: {
    title: "荆阳市2025年招商引资攻坚行动工作方案",
    docNumber: "荆政办函〔2025〕15号",
    issuers: ["荆阳市人民政府办公室"],
    date: "2025-02-20",
    validUntil: null,
    cites: [],
  },
  outline: [
    "一 目标任务", "二 重点举措",
    "二/1 开展产业链精准招商", "二/2 强化以商招商", "二/3 加快签约项目落地",
    "三 保障措施", "三/一 加强组织领导", "三/二 严格考核奖惩",
  ],
  nodes: {
    // 全年 -> the document's year. 亿元以上项目 has no number.
    "一": { units: [], qs: [[150, "个", "target", "2025-12-31"], [12, "%", "target", "2025-12-31"]] },
    "二": { units: [], qs: [] },
    // 年内 stands after 50家 in the same sentence and is the only time there.
    "二/1": {
      units: ["市发展改革委", "市经信局", "市商务局"],
      qs: [[50, "家", "target", "2025-12-31"], [10, "场", "target", "2025-12-31"]],
    },
    "二/2": {
      units: ["市商务局", "市财政局", "各县市区人民政府"],
      qs: [[500000000, "元", "other", null], [1, "%", "incentive", null], [1000000, "元", "incentive", null]],
    },
    // 6月底前 without a year: the document's year (as 年底前 is).
    "二/3": {
      units: ["市重点项目建设服务中心", "市自然资源和规划局", "市生态环境局"],
      qs: [[60, "%", "target", "2025-06-30"], [85, "%", "target", "2025-12-31"]],
    },
    "三/一": { units: [], qs: [] },
  },
});

// 第一条… without chapters: each article is a top-level node labelled by its numeral.
blind("blind3-articles-tags.txt", {
  wrappers: [],
  document: {
    title: "澜州市促进数字经济发展若干政策措施",
    docNumber: null,
    issuers: ["澜州市人民政府"],
    date: "2025-05-20",
    // 自2025年6月1日起施行，有效期3年.
    validUntil: "2028-05-31",
    cites: [],
  },
  outline: [
    "一 为加快数字产业化和产业数字化，推动全市数字经济高质量发展，结合本市实际，制定本措施",
    "二 支持企业做大做强", "三 支持数字化改造", "四 支持算力基础设施建设", "五 支持平台企业发展", "六 加强人才支撑",
    "七 本措施与本市其他同类政策有重复的，按照“从高、不重复”的原则执行",
    "八 本措施自2025年6月1日起施行，有效期3年",
  ],
  nodes: {
    "一": { units: [], qs: [] },
    // 百强 is part of a name; 10亿元 defines who is in scope.
    "二": {
      units: ["市工业和信息化局", "市财政局"],
      qs: [[500000, "元", "incentive", null], [1000000000, "元", "other", null], [1000000, "元", "incentive", null]],
    },
    "三": {
      units: ["市工业和信息化局"],
      qs: [[5000000, "元", "other", null], [10, "%", "incentive", null], [3000000, "元", "incentive", null]],
    },
    // 5G is a name; 补贴期限不超过3年 is a term.
    "四": {
      units: ["市发展改革委", "市数据局", "市通信管理办"],
      qs: [
        [20000, "架", "target", "2026-12-31"],
        [2000, "个", "target", "2026-12-31"],
        [30, "%", "incentive", null],
        [2000000, "元", "incentive", null],
        [3, "年", "other", null],
      ],
    },
    "五": { units: ["市商务局", "市财政局", "市税务局"], qs: [[3, "年", "other", null], [50, "%", "incentive", null]] },
    // 每年 is no time expression: the target falls back on validUntil.
    "六": {
      units: ["市委组织部", "市人力资源社会保障局"],
      qs: [[10000, "人", "target", "2028-05-31"], [1000000, "元", "incentive", null]],
    },
    "七": { units: [], qs: [] },
    // 由市工业和信息化局负责解释 is no tag of responsible bodies.
    "八": { units: [], qs: [[3, "年", "other", null]] },
  },
});

// 一、 / 1. / (1), and a lead rule stated once in the preface (not in a tag with 下同).
blind("blind3-two-level-lead.txt", {
  wrappers: [],
  document: {
    title: "云塘县推进县域商业体系建设实施方案",
    docNumber: null,
    issuers: ["云塘县人民政府办公室"],
    date: "2025-04-08",
    validUntil: null,
    cites: [{ docNumber: null, title: "商务部等9部门关于推动县域商业高质量发展的指导意见" }],
  },
  outline: [
    "一 工作目标", "二 重点任务",
    "二/1 完善县乡村三级物流配送体系", "二/1/1 建设县级物流配送中心", "二/1/2 改造提升乡镇快递网点",
    "二/2 推动农产品上行", "二/2/1 培育农村电商主体", "二/2/2 加强产地冷链设施建设",
    "三 保障措施", "三/1 加强资金保障", "三/2 强化督导考核",
  ],
  nodes: {
    "一": {
      units: [],
      qs: [[8, "个", "target", "2026-12-31"], [120, "个", "target", "2026-12-31"], [100, "%", "target", "2026-12-31"]],
    },
    "二/1": { units: [], qs: [] },
    "二/1/1": {
      units: ["县商务局", "县邮政管理局", "县供销社"],
      lead: ["县商务局"],
      qs: [[1, "个", "target", "2025-09-30"]],
    },
    // No time in the sentence, none in the title, no validUntil: null.
    "二/1/2": {
      units: ["县交通运输局", "县财政局"],
      lead: ["县交通运输局"],
      qs: [[1, "个", "target", null], [30000, "元", "incentive", null]],
    },
    // 团县委 has its own level.
    "二/2/1": {
      units: ["县商务局", "团县委", "县妇联"],
      lead: ["县商务局"],
      qs: [[5000000, "元", "other", null], [10, "家", "target", "2025-12-31"]],
    },
    // 县 carries to 发展改革委.
    "二/2/2": {
      units: ["县农业农村局", "县发展改革委"],
      lead: ["县农业农村局"],
      qs: [[15000, "吨", "target", null]],
    },
    // A yearly special fund for the measures: the size of a support fund.
    "三/1": { units: ["县财政局"], lead: ["县财政局"], qs: [[5000000, "元", "incentive", null]] },
    "三/2": { units: [], qs: [] },
  },
});

// The wrapper's own 附件 line and the 附件 heading above the attached text are neither titles nor nodes.
blind("blind3-notice-attachment.txt", {
  wrappers: [
    {
      title: "杉河市商务局杉河市财政局关于印发《杉河市促进外贸稳规模优结构若干措施》的通知",
      docNumber: "杉商务〔2024〕46号",
      issuers: ["杉河市商务局", "杉河市财政局"],
      date: "2024-09-05",
      cites: [],
    },
  ],
  document: {
    title: "杉河市促进外贸稳规模优结构若干措施",
    docNumber: "杉商务〔2024〕46号",
    issuers: ["杉河市商务局", "杉河市财政局"],
    date: "2024-09-05",
    validUntil: "2025-12-31",
    cites: [],
  },
  outline: [
    "1 支持企业开拓国际市场", "2 扩大出口信用保险覆盖面", "3 培育外贸新业态", "4 降低企业融资成本",
    "5 本措施自印发之日起实施，有效期至2025年12月31日",
  ],
  nodes: {
    "1": { units: ["市商务局", "市财政局"], qs: [[70, "%", "incentive", null], [300000, "元", "incentive", null]] },
    "2": { units: ["市商务局", "中国信保杉河营业管理部"], qs: [[1500, "家", "target", "2024-12-31"]] },
    "3": { units: ["市商务局"], qs: [[100000000, "元", "other", null], [200000, "元", "incentive", null]] },
    // 人民银行杉河市分行 names its own place: 市 does not carry onto it.
    "4": { units: ["市财政局", "人民银行杉河市分行"], qs: [[50, "%", "incentive", null], [1, "年", "other", null]] },
    "5": { units: [], qs: [] },
  },
});

// Body in <div>/<span>s: spans join within a paragraph ("3000个" + "以上"); the title stands only in the <h1>.
blind("blind3-div-page.html", {
  wrappers: [],
  document: {
    title: "石湾区关于支持新能源汽车充电基础设施建设的实施意见",
    docNumber: "石发改〔2024〕73号",
    // The signature names the issuer; 发布时间 is the posting date, never the date.
    issuers: ["石湾区发展和改革局"],
    date: "2024-10-28",
    validUntil: "2027-10-31",
    cites: [],
  },
  outline: ["一 总体要求", "二 支持措施", "二/一 建设补贴", "二/二 运营奖励", "二/三 用地保障", "三 其他"],
  nodes: {
    "一": { units: [], qs: [[3000, "个", "target", "2025-12-31"], [20, "座", "target", "2025-12-31"]] },
    "二/一": {
      units: ["区发展和改革局", "区财政局"],
      qs: [[200, "元", "incentive", null], [500000, "元", "incentive", null]],
    },
    "二/二": {
      units: ["区发展和改革局"],
      qs: [[1000000, "千瓦时", "other", null], [0.1, "元", "incentive", null], [2, "年", "other", null]],
    },
    "二/三": {
      units: ["区自然资源分局", "区住房城乡建设局", "区城管执法局"],
      qs: [[20, "%", "target", "2025-06-30"]],
    },
    "三": { units: [], qs: [[3, "年", "other", null]] },
  },
});

// One line; items end with （牵头单位：X；责任单位：Y、Z）: units are the leads then the others.
blind("blind3-ocr-oneline.txt", {
  wrappers: [
    {
      title: "青岭县人民政府办公室关于印发青岭县2025年农村人居环境整治提升工作要点的通知",
      docNumber: "青政办发〔2025〕6号",
      issuers: ["青岭县人民政府办公室"],
      date: "2025-03-03",
      cites: [],
    },
  ],
  document: {
    title: "青岭县2025年农村人居环境整治提升工作要点",
    docNumber: "青政办发〔2025〕6号",
    issuers: ["青岭县人民政府办公室"],
    date: "2025-03-03",
    validUntil: null,
    cites: [],
  },
  outline: [
    "1 推进农村户厕改造", "2 加强农村生活垃圾治理", "3 推进农村生活污水治理", "4 开展村庄清洁行动",
    "5 提升村容村貌", "6 健全长效管护机制", "7 强化资金保障", "8 加强督查考核",
  ],
  nodes: {
    // An OCR space inside 县卫生 健康局 is removed.
    "1": {
      units: ["县农业农村局", "县卫生健康局", "县财政局", "各乡镇人民政府"],
      lead: ["县农业农村局"],
      qs: [[2000, "户", "target", "2025-12-31"], [100, "%", "target", "2025-12-31"]],
    },
    // 县 carries to 生态环境分局.
    "2": {
      units: ["县住房城乡建设局", "县城管局", "县生态环境分局"],
      lead: ["县住房城乡建设局"],
      qs: [[3, "座", "target", "2025-12-31"]],
    },
    // No time in the sentence: the single year in the title.
    "3": {
      units: ["县生态环境分局", "县水利局", "县农业农村局"],
      lead: ["县生态环境分局"],
      qs: [[15, "个", "target", "2025-12-31"], [40, "%", "target", "2025-12-31"]],
    },
    "4": {
      units: ["县农业农村局", "县妇联"],
      lead: ["县农业农村局"],
      qs: [[500, "户", "target", "2025-12-31"], [500, "元", "incentive", null]],
    },
    "5": {
      units: ["县农业农村局", "县自然资源局", "县住房城乡建设局"],
      lead: ["县农业农村局"],
      qs: [[5, "个", "target", "2025-12-31"]],
    },
    "6": { units: ["县农业农村局", "各乡镇人民政府"], lead: ["县农业农村局"], qs: [] },
    "7": {
      units: ["县财政局", "县农业农村局"],
      lead: ["县财政局"],
      qs: [[100000, "元", "incentive", null]],
      maxes: [300000],
    },
    "8": { units: ["县委农办", "县政府督查室"], lead: ["县委农办"], qs: [] },
  },
});

// A letterhead with the 文号 in square brackets, the title in two lines under the body's name, and the signature date
// in Chinese numerals (the 印发 line's later date is not the 成文日期).
blind("blind3-letterhead-cndate.txt", {
  wrappers: [
    {
      title: "宛丘市发展和改革委员会关于印发宛丘市推动大规模设备更新实施方案的通知",
      docNumber: "宛发改〔2025〕12号",
      issuers: ["宛丘市发展和改革委员会"],
      date: "2025-01-20",
      cites: [],
    },
  ],
  document: {
    title: "宛丘市推动大规模设备更新实施方案",
    docNumber: "宛发改〔2025〕12号",
    issuers: ["宛丘市发展和改革委员会"],
    date: "2025-01-20",
    validUntil: "2028-03-31",
    cites: [],
  },
  outline: [
    "一 主要目标", "二 重点任务",
    "二/一 推进工业设备更新", "二/二 推进建筑和市政设施更新", "二/三 推进农业机械更新", "二/四 优化审批服务",
    "三 政策保障", "三/一 强化资金支持", "三/二 加强用地保障",
  ],
  nodes: {
    // 较2023年 is a baseline; the second clause has its own time.
    "一": { units: [], qs: [[25, "%", "target", "2027-12-31"], [200, "家", "target", "2025-06-30"]] },
    // 300个 has no time before it in its sentence: the one after (到2027年) governs it.
    "二/一": {
      units: ["市工业和信息化局", "市发展改革委", "市财政局"],
      lead: ["市工业和信息化局"],
      qs: [[300, "个", "target", "2027-12-31"], [90, "%", "target", "2027-12-31"]],
    },
    // 市市场监管局 is one name (市 + 市场监管局), not two run together.
    "二/二": {
      units: ["市住房城乡建设局", "市财政局", "市市场监管局"],
      lead: ["市住房城乡建设局"],
      qs: [[120, "公里", "target", "2026-12-31"], [500, "台", "target", "2026-12-31"], [10000, "元", "incentive", null]],
      maxes: [undefined, undefined, 20000],
    },
    "二/三": { units: ["市农业农村局", "市财政局", "各县（市、区）政府"], qs: [[20, "%", "incentive", null]] },
    // A time cut to reach, with no time of its own: the document's validUntil.
    "二/四": {
      units: ["市发展改革委", "市行政审批和政务信息管理局"],
      qs: [[3, "个工作日", "target", "2028-03-31"]],
    },
    "三/一": { units: ["市发展改革委", "市财政局"], qs: [] },
    "三/二": { units: ["市自然资源和规划局"], qs: [] },
  },
});

// pdftotext output hard-wrapped at a fixed width, no indentation: lines break inside sentences, inside a number and its
// unit (50 / 万元), inside body names (区商 / 务局) and inside the title; "- 1 -" page numbers stand between items.
blind("blind3-pdf-hardwrap.txt", {
  wrappers: [
    {
      title: "关于印发《柳溪区促进文化旅游消费若干措施》的通知",
      docNumber: "柳文旅〔2024〕21号",
      issuers: ["柳溪区文化广电旅游体育局", "柳溪区财政局"],
      date: "2024-06-18",
      cites: [],
    },
  ],
  document: {
    title: "柳溪区促进文化旅游消费若干措施",
    docNumber: "柳文旅〔2024〕21号",
    issuers: ["柳溪区文化广电旅游体育局", "柳溪区财政局"],
    date: "2024-06-18",
    // 自2024年7月1日起施行，有效期2年.
    validUntil: "2026-06-30",
    cites: [],
  },
  outline: [
    "一 培育文旅消费新场景", "二 支持A级旅游景区提质升级", "三 开展文旅惠民活动", "四 鼓励旅行社招徕游客",
    "五 本措施自2024年7月1日起施行，有效期2年",
  ],
  nodes: {
    "一": {
      units: ["区文广旅体局", "区商务局"],
      qs: [[3, "个", "target", "2025-12-31"], [1, "个", "target", "2025-12-31"], [500000, "元", "incentive", null]],
    },
    // 5A级, 4A级 are grades, not quantities.
    "二": { units: ["区文广旅体局", "区财政局"], qs: [[3000000, "元", "incentive", null], [1000000, "元", "incentive", null]] },
    // No time in the sentence or the title: validUntil.
    "三": { units: ["区文广旅体局", "区财政局", "各镇（街道）"], qs: [[50, "场次", "target", "2026-06-30"]] },
    "四": { units: ["区文广旅体局"], qs: [[20, "元", "incentive", null], [100000, "元", "incentive", null]] },
    "五": { units: [], qs: [[2, "年", "other", null]] },
  },
});

// （一）… run into one paragraph after a colon; the 附件 list (1. 2.) after the text is no outline.
blind("blind3-runon-points.txt", {
  wrappers: [],
  document: {
    title: "鹤港区2025年数字政府建设工作要点",
    docNumber: null,
    issuers: ["鹤港区数据资源管理局"],
    date: "2025-02-10",
    validUntil: null,
    cites: [],
  },
  outline: ["一 夯实数字基础设施", "二 提升政务服务效能", "三 强化数据共享应用"],
  nodes: {
    // 一季度末前 without a year is in the document's year, as 年底前 is; 千兆 is part of the name 千兆光网.
    "一": {
      units: ["区数据局", "区工信局"],
      qs: [[500, "TB", "target", "2025-03-31"], [150000, "户", "target", "2025-12-31"]],
    },
    // “一网通办” is a set phrase; 三十项 is a count in Chinese numerals.
    "二": {
      units: ["区政务服务中心", "区数据局"],
      qs: [[80, "%", "target", "2025-12-31"], [30, "项", "target", "2025-12-31"]],
    },
    "三": { units: ["区数据局"], qs: [[100000000, "条", "target", "2025-06-30"]] },
  },
});
