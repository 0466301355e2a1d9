/**
 * A fourth blind set: five documents written for this test in shapes the corpus, the seeds and the first three blind
 * sets do not show (a western province's 实施意见 whose 到2027年 targets stand in a 主要目标 paragraph and whose measures
 * end with parentheses mixing 各州（市）人民政府 and 省直有关部门 with 省 lists; a 市 实施细则 of a provincial 办法 in
 * 章/条 with thresholds, per-household grants and a 资金来源 chapter; a 区 工作清单 whose items are single lines with
 * 牵头单位 / 配合单位 / 完成时间 fields separated by spaces; a 通知 issuing three attachments of which only the second
 * carries the measures, written in full-width digits, with ①② items inside （一）; a web page saved with its share
 * bar, comment box and 相关文件 list after the text).
 * The answers were written by hand from shared/gold/SCHEMA.md before the parser was run on them.
 */
import { blind } from "./support/blind.js";

// A province's 实施意见 with no wrapper. The 主要目标 paragraph holds the targets under 到2027年. 各州（市）人民政府 is a
// collective name with its own place and keeps its brackets; the 省 of 省商务厅 carries over 交通运输厅、邮政管理局 but
// not to 省直有关部门, which has its own level.
blind("blind4-west-opinion.txt", {
  wrappers: [],
  document: {
    title: "云岭省人民政府关于加快推进县域商业体系建设的实施意见",
    docNumber: "云政发〔2025〕6号",
    issuers: ["云岭省人民政府"],
    date: "2025-03-18",
    validUntil: null,
    cites: [{ docNumber: null, title: "商务部等9部门关于推动县域商业体系建设的指导意见" }],
  },
  outline: [
    "一 总体要求", "一/一 主要目标",
    "二 重点任务", "二/二 完善县乡村三级物流配送体系", "二/三 改造提升乡镇商贸中心", "二/四 培育农村电商主体",
    "三 保障措施", "三/五 加强资金保障", "三/六 强化督导考核",
  ],
  nodes: {
    // 到2027年 opens the sentence and governs all three clauses.
    "一/一": {
      units: [],
      qs: [
        [120, "个", "target", "2027-12-31"],
        [95, "%", "target", "2027-12-31"],
        [10, "%", "target", "2027-12-31"],
      ],
    },
    "二/二": {
      units: ["各州（市）人民政府", "省商务厅", "省交通运输厅", "省邮政管理局"],
      qs: [[30, "%", "incentive", null], [2000000, "元", "incentive", null]],
    },
    "二/三": {
      units: ["省商务厅", "省直有关部门", "各州（市）人民政府"],
      lead: ["省商务厅"],
      qs: [[500, "个", "target", "2026-12-31"]],
    },
    // 每年 is no time expression and the document states no period: the training target has no deadline.
    // 500万元以上 defines which firms are in scope.
    "二/四": {
      units: ["省商务厅", "省人力资源社会保障厅", "各州（市）人民政府"],
      qs: [[20000, "人次", "target", null], [5000000, "元", "other", null], [100000, "元", "incentive", null]],
    },
    // A special support fund's size is an incentive.
    "三/五": { units: ["省财政厅", "省商务厅"], qs: [[300000000, "元", "incentive", null]] },
    "三/六": { units: ["省政府督查室", "省直有关部门"], qs: [] },
  },
});

// A 市 实施细则 in 章/条 issued by two bureaus; the 办法 it implements is cited by the wrapper together with its 文号.
// Articles run on across chapters and keep their written labels. 全年 (nearest before 1万户) beats 2025年6月30日前.
blind("blind4-city-rules.txt", {
  wrappers: [
    {
      title: "关于印发《澜州市家电以旧换新补贴实施细则》的通知",
      docNumber: "澜商发〔2025〕12号",
      issuers: ["澜州市商务局", "澜州市财政局"],
      date: "2025-04-10",
      cites: [{ docNumber: "滇商规〔2025〕2号", title: "滇南省家电以旧换新补贴管理办法" }],
    },
  ],
  document: {
    title: "澜州市家电以旧换新补贴实施细则",
    docNumber: "澜商发〔2025〕12号",
    issuers: ["澜州市商务局", "澜州市财政局"],
    date: "2025-04-10",
    validUntil: "2025-12-31",
    cites: [],
  },
  outline: [
    "一 总则",
    "一/一 为规范家电以旧换新补贴资金管理，根据省有关规定，制定本细则",
    "一/二 本细则适用于本市行政区域内开展家电以旧换新的参与企业和消费者",
    "二 申请条件",
    "二/三 参与企业应当在本市注册，上年度家电年销售额5000万元以上，并具有3家以上线下门店",
    "二/四 消费者以户为单位申请，每户最多申请3件",
    "三 补贴标准",
    "三/五 购买一级能效家电的，按售价的20%给予补贴，每件最高不超过2000元，每户补贴总额不超过6000元",
    "三/六 回收旧家电并交售给合规回收企业的，每户另给予200元回收奖励",
    "四 资金来源",
    "四/七 补贴资金由省级财政承担70%，市、县（区）两级财政共同承担30%",
    "四/八 市财政局、市商务局应当于2025年6月30日前下达首批资金，全年累计发放补贴不少于1万户",
    "五 附则",
    "五/九 本细则自2025年5月1日起施行，有效期至2025年12月31日",
  ],
  nodes: {
    "一/一": { units: [], qs: [] },
    // Thresholds of eligibility and a cap on claims are `other`.
    "二/三": { units: [], qs: [[50000000, "元", "other", null], [3, "家", "other", null]] },
    "二/四": { units: [], qs: [[3, "件", "other", null]] },
    "三/五": {
      units: [],
      qs: [[20, "%", "incentive", null], [2000, "元", "incentive", null], [6000, "元", "incentive", null]],
    },
    "三/六": { units: [], qs: [[200, "元", "incentive", null]] },
    // Shares of who pays: neither granted nor to be reached; 两级 is a tier.
    "四/七": { units: [], qs: [[70, "%", "other", null], [30, "%", "other", null]] },
    // Bodies named as the subject of a sentence are no tag.
    "四/八": { units: [], qs: [[10000, "户", "target", "2025-12-31"]] },
    "五/九": { units: [], qs: [] },
  },
});

// A 工作清单 whose items are one line each, fields separated by spaces. 牵头单位 names the lead, 配合单位 the others; the
// 完成时间 after the target is its deadline. The field names end no title by the letter of SCHEMA (the first ： ends
// it), but they are cells of a row, not words of the heading.
blind("blind4-district-list.txt", {
  wrappers: [],
  document: {
    title: "青溪区2025年优化营商环境重点工作清单",
    docNumber: null,
    issuers: ["青溪区优化营商环境工作领导小组办公室"],
    date: "2025-02-14",
    validUntil: null,
    cites: [],
  },
  outline: [
    "一 政务服务提效",
    "一/1 企业开办全程网办率达到98%以上",
    "一/2 新建政务自助服务点10个",
    "一/3 涉企审批事项承诺时限压缩30%",
    "二 要素保障",
    "二/4 新增工业用地供应500亩",
    "二/5 为中小企业新增贷款20亿元",
    "二/6 对新招用高校毕业生的企业每人给予1000元补贴",
  ],
  nodes: {
    "一/1": { units: ["区行政审批局", "区市场监管局"], lead: ["区行政审批局"], qs: [[98, "%", "target", "2025-06-30"]] },
    "一/2": { units: ["区政务服务中心"], lead: ["区政务服务中心"], qs: [[10, "个", "target", "2025-09-30"]] },
    // 各有关部门 stands in a field of its own: no 区 carried.
    "一/3": { units: ["区行政审批局", "各有关部门"], lead: ["区行政审批局"], qs: [[30, "%", "target", "2025-12-31"]] },
    "二/4": { units: ["区自然资源局"], lead: ["区自然资源局"], qs: [[500, "亩", "target", "2025-12-31"]] },
    // New lending is an amount to deliver, not a grant.
    "二/5": {
      units: ["区金融服务中心", "人民银行青溪支行"],
      lead: ["区金融服务中心"],
      qs: [[2000000000, "元", "target", "2025-12-31"]],
    },
    "二/6": {
      units: ["区人力资源社会保障局", "区财政局"],
      lead: ["区人力资源社会保障局"],
      qs: [[1000, "元", "incentive", null]],
    },
  },
});

// A 通知 issuing three texts; the measures are 附件2, so attachments 1 and 3 give no nodes. Full-width digits: the 文号
// is normalised like any other, the title is kept as written. ①② items inside （一） are nodes under it; the trailing
// parenthesis after ② names the bodies of the whole measure （一）.
blind("blind4-attachments-fullwidth.txt", {
  wrappers: [
    {
      title: "北原市人民政府办公室关于印发北原市促进民营经济发展壮大若干措施等文件的通知",
      docNumber: "北政办发〔2024〕5号",
      issuers: ["北原市人民政府办公室"],
      date: "2024-06-03",
    },
  ],
  document: {
    title: "北原市促进民营经济发展壮大若干措施（2024—2026年）", // digits as the normalised text has them (the scorer compares NFKC)
    docNumber: "北政办发〔2024〕5号",
    issuers: ["北原市人民政府办公室"],
    date: "2024-06-03",
    validUntil: null,
    cites: [],
  },
  outline: [
    "一 降低经营成本",
    "一/一 减轻用能负担", "一/一/① 电费补贴", "一/一/② 电网改造",
    "一/二 降低融资成本", "一/二/① 转贷应急", "一/二/② 首贷贴息",
    "二 拓展市场空间",
    "二/三 支持参与政府采购", "二/三/① 预留份额", "二/三/② 中标占比",
  ],
  nodes: {
    // The trailing parenthesis stands in ②'s own text (SCHEMA: a node's text runs to the next heading of any level,
    // and ② is one), so the bodies are ②'s, though a reader may take them for the whole of （一）.
    "一/一": { units: [], qs: [] },
    // 千 in 千瓦时 is part of the unit; 100万 is a threshold.
    "一/一/①": { qs: [[1000000, "千瓦时", "other", null], [0.02, "元", "incentive", null]] },
    "一/一/②": { units: ["市发展改革委", "市工业和信息化局"], qs: [[20, "个", "target", "2025-12-31"]] },
    "一/二": { units: [], qs: [] },
    "一/二/①": { qs: [[1000000000, "元", "incentive", null]] },
    "一/二/②": { units: ["市金融工作局", "市财政局"], lead: ["市金融工作局"], qs: [[50, "%", "incentive", null]] },
    "二/三": { units: [], qs: [] },
    // The sentence runs over ； to 到２０２６年 after the share; the title's period ends in 2026 too.
    "二/三/①": { qs: [[40, "%", "target", "2026-12-31"]] },
    "二/三/②": { units: ["市财政局"], qs: [[60, "%", "target", "2026-12-31"]] },
  },
});

// A saved page: menu, breadcrumb, share bar, comment box (with a 1. 2. list of its own), 相关文件 and footer are not
// the text. 有效期3年 counts from the stated start 2025-06-01.
blind("blind4-page-comments.html", {
  wrappers: [
    {
      title: "关于印发《汀洲市支持首台（套）装备推广应用若干措施》的通知",
      docNumber: "汀工信〔2025〕21号",
      issuers: ["汀洲市工业和信息化局"],
      date: "2025-05-16",
      cites: [],
    },
  ],
  document: {
    title: "汀洲市支持首台（套）装备推广应用若干措施",
    docNumber: "汀工信〔2025〕21号",
    issuers: ["汀洲市工业和信息化局"],
    date: "2025-05-16",
    validUntil: "2028-05-31",
    cites: [],
  },
  outline: [
    "一 加大首台（套）奖励力度",
    "二 推动示范应用",
    "三 强化保险补偿",
    "四 本措施自2025年6月1日起施行，有效期3年",
  ],
  nodes: {
    "一": {
      units: ["市工业和信息化局", "市财政局"],
      qs: [[15, "%", "incentive", null], [3000000, "元", "incentive", null]],
    },
    "二": {
      units: ["市工业和信息化局", "各县（市、区）人民政府"],
      lead: ["市工业和信息化局"],
      qs: [[100, "台", "target", "2026-12-31"]],
    },
    "三": {
      units: ["市财政局", "市工业和信息化局", "汀洲银保监分局"],
      qs: [[80, "%", "incentive", null], [500000, "元", "incentive", null]],
    },
    // A term of validity is a length of time of kind `other`.
    "四": { units: [], qs: [[3, "年", "other", null]] },
  },
});
