/**
 * A second blind set: ten documents written for this test in shapes neither the corpus, the seeds nor the first blind
 * set show (a 广东-style 若干措施 with shares, caps, fee cuts and a fund; a 行动计划 with staged targets, a baseline and
 * 【牵头单位：…；配合单位：…】 tags; a lead rule said once with 责任单位 lines of their own; a 令 promulgating a 办法 in
 * 章/节/条; a saved page whose task table is an HTML <table>; a one-line OCR 转发 with damaged labels; a traditional page
 * whose issuer and 文号 stand only in the page's table; an 意见 with its issuers above the title and a gazette date; a
 * county 局's 工作要点 dated only by its title; a 江苏-style letterhead whose only date is the 印发 line).
 * The answers were written by hand from shared/gold/SCHEMA.md before the parser was run on them.
 */
import { blind } from "./support/blind.js";

blind("blind2-gd-measures.txt", {
  wrappers: [
    {
      title: "珠湾市人民政府关于印发珠湾市支持先进制造业高质量发展若干措施的通知",
      docNumber: "珠府〔2024〕11号",
      issuers: ["珠湾市人民政府"],
      date: "2024-04-18",
      cites: [],
    },
  ],
  document: {
    title: "珠湾市支持先进制造业高质量发展若干措施",
    docNumber: "珠府〔2024〕11号",
    issuers: ["珠湾市人民政府"],
    date: "2024-04-18",
    // 自2024年5月1日起施行，有效期3年: the start plus three years minus a day.
    validUntil: "2027-04-30",
    cites: [{ docNumber: null, title: "广东省制造业高质量发展“十四五”规划" }],
  },
  outline: [
    "一 支持企业扩产增效", "一/一 奖励规模以上工业企业增长", "一/二 支持技术改造",
    "二 降低企业要素成本", "二/三 降低用地成本", "二/四 降低涉企收费",
    "三 强化金融支撑", "三/五 设立产业基金", "三/六 支持企业融资",
    "四 附则",
  ],
  nodes: {
    "一": { units: [], qs: [] },
    // Thresholds of who is in scope (1亿元, 15%以上) are other; a share of a payment granted and its cap are incentives.
    "一/一": {
      units: ["市工业和信息化局", "市财政局"],
      qs: [
        [100000000, "元", "other", null],
        [15, "%", "other", null],
        [50, "%", "incentive", null],
        [5000000, "元", "incentive", null],
      ],
    },
    "一/二": {
      units: ["市工业和信息化局", "市财政局", "各区人民政府"],
      qs: [[20000000, "元", "other", null], [10, "%", "incentive", null], [10000000, "元", "incentive", null]],
    },
    // A land price set by reference to a standard (按…最低价标准的70%执行): the basis of a price, neither granted
    // nor returned (SCHEMA's incentive shares are 给予/返还), so other. A reader could call it a price cut granted.
    "二/三": { units: ["市自然资源局"], qs: [[70, "%", "other", null]] },
    "二/四": { units: ["市交通运输局", "珠湾港集团"], qs: [[20, "%", "incentive", null]] },
    "三/五": {
      units: ["市财政局", "市国资委", "市金融工作局"],
      qs: [[1000000000, "元", "incentive", null], [10000000000, "元", "target", "2026-12-31"]],
    },
    "三/六": {
      units: ["市金融工作局", "市财政局"],
      qs: [[50, "%", "incentive", null], [1000000, "元", "incentive", null], [2, "年", "other", null]],
    },
    "四": { units: [], qs: [[3, "年", "other", null]] },
  },
});

blind("blind2-action-plan.txt", {
  wrappers: [],
  document: {
    title: "江澄市新型储能产业发展行动计划（2025—2027年）",
    docNumber: null,
    issuers: [],
    date: null,
    validUntil: null,
    cites: [],
  },
  outline: [
    "一 发展目标", "二 重点任务",
    "二/一 壮大储能制造集群", "二/一/1 做强电池制造", "二/一/2 补齐材料短板",
    "二/一/2/① 推动正负极材料项目建设，2025年三季度末前完成2个重点项目主体工程",
    "二/一/2/② 支持企业开展电解液技术攻关，研发投入强度达到3%以上",
    "二/二 拓展储能应用场景", "二/二/3 推进电源侧储能", "二/二/4 发展用户侧储能",
    "三 保障措施", "三/一 强化政策支持", "三/二 加强监测评估",
  ],
  nodes: {
    // Two staged lead-ins in one sentence: each target takes the nearest before it; 较2020年 is a baseline;
    // 产值超10亿元的龙头企业 is a threshold.
    "一": {
      units: [],
      qs: [
        [500000, "千瓦", "target", "2025-12-31"],
        [30000000000, "元", "target", "2025-12-31"],
        [1500000, "千瓦", "target", "2027-12-31"],
        [1000000000, "元", "other", null],
        [5, "家", "target", "2027-12-31"],
        [15, "%", "target", "2027-12-31"],
      ],
    },
    // 在现有产能的基础上 sets no time; 2026年底前 does.
    "二/一/1": {
      units: ["市发展改革委", "市工业和信息化局", "市自然资源局"],
      lead: ["市发展改革委"],
      qs: [[20, "吉瓦时", "target", "2026-12-31"]],
    },
    "二/一/2": { units: [], qs: [] },
    "二/一/2/①": { units: [], qs: [[2, "个", "target", "2025-09-30"]] },
    // The tag stands in ②'s own text; the target has no time of its own, so the plan's period ends it.
    "二/一/2/②": { units: ["市工业和信息化局", "市科技局"], lead: ["市工业和信息化局"], qs: [[3, "%", "target", "2027-12-31"]] },
    "二/二/3": {
      units: ["市发展改革委", "国网江澄供电公司"],
      lead: ["市发展改革委"],
      qs: [[3, "座", "target", "2025-12-31"]],
    },
    "二/二/4": {
      units: ["市发展改革委", "市工业和信息化局", "各县（市、区）人民政府"],
      lead: ["市发展改革委", "市工业和信息化局"],
      qs: [[30, "个", "target", "2026-12-31"], [100, "处", "target", "2026-12-31"]],
    },
    "三/一": {
      units: ["市财政局", "市发展改革委"],
      lead: ["市财政局"],
      qs: [[10000, "千瓦", "other", null], [0.3, "元", "incentive", null], [3, "年", "other", null]],
    },
    "三/二": { units: [], qs: [] },
  },
});

blind("blind2-lead-rule.txt", {
  wrappers: [
    {
      title: "溪山区人民政府办公室关于印发溪山区优化营商环境三年行动实施方案的通知",
      docNumber: "溪府办〔2023〕29号",
      issuers: ["溪山区人民政府办公室"],
      date: "2023-07-03",
      cites: [],
    },
  ],
  document: {
    // The year range on the line under the title is part of the title.
    title: "溪山区优化营商环境三年行动实施方案（2023—2025年）",
    docNumber: "溪府办〔2023〕29号",
    issuers: ["溪山区人民政府办公室"],
    date: "2023-07-03",
    validUntil: null,
    cites: [],
  },
  outline: [
    "一 总体目标", "二 重点任务",
    "二/一 提升开办便利度",
    "二/一/1 推行企业开办“一件事”集成服务，免费为新开办企业刻制公章，每户补贴标准不超过400元",
    "二/一/2 优化银行开户服务，年内实现开户预约线上办理率达到100%",
    "二/二 优化工程建设审批",
    "二/二/3 社会投资低风险项目审批时限压减至15天以内",
    "二/二/4 推行“拿地即开工”，全年服务项目不少于20个",
    // A part with a single item, numbered on from the previous part.
    "三 保障措施", "三/5 强化督查考核",
  ],
  nodes: {
    "一": { units: [], qs: [[1, "天", "target", "2025-12-31"], [95, "%", "target", "2025-12-31"]] },
    "二": { units: [], qs: [] },
    "二/一": { units: [], qs: [] },
    // 责任单位 on a line of its own after the item; the rule said once (排在第一位的为牵头单位，下同) makes the first lead.
    "二/一/1": {
      units: ["区市场监管局", "区行政审批局", "区财政局"],
      lead: ["区市场监管局"],
      qs: [[400, "元", "incentive", null]],
    },
    // 年内: the year of the document's date.
    "二/一/2": {
      units: ["人行溪山支行", "区金融服务中心"],
      lead: ["人行溪山支行"],
      qs: [[100, "%", "target", "2023-12-31"]],
    },
    "二/二/3": {
      units: ["区住房城乡建设局", "区自然资源局", "区行政审批局"],
      lead: ["区住房城乡建设局"],
      qs: [[15, "天", "target", "2025-12-31"]],
    },
    // A tag ending in 按职责分工负责 has no lead, and the tail is dropped from the name.
    "二/二/4": { units: ["区各有关部门"], lead: [], qs: [[20, "个", "target", "2023-12-31"]] },
    "三/5": { units: ["区委督查室", "区政府督查室"], lead: ["区委督查室"], qs: [] },
  },
});

blind("blind2-decree-banfa.txt", {
  // A 令 whose body promulgates the 办法 (现予公布) issues it: a wrapper. Its number 第38号 has no year, so it is not
  // asserted here (unsure how SCHEMA normalises it).
  wrappers: [{ title: "江澄市人民政府令", issuers: ["江澄市人民政府"], date: "2024-10-08", cites: [] }],
  document: {
    title: "江澄市城市道路挖掘管理办法",
    issuers: ["江澄市人民政府"],
    date: "2024-10-08",
    validUntil: null,
    cites: [{ docNumber: null, title: "城市道路管理条例" }],
  },
  outline: [
    "一 总则",
    "一/一 为加强城市道路挖掘管理，保障道路完好和通行安全，根据《城市道路管理条例》，结合本市实际，制定本办法",
    "一/二 本市城市建成区内城市道路的挖掘及其监督管理，适用本办法",
    "二 挖掘许可",
    "二/一 申请与审批",
    "二/一/三 因工程建设需要挖掘城市道路的，建设单位应当向市城市管理局提出申请",
    "二/一/四 市城市管理局应当自受理申请之日起5日内作出决定",
    "二/二 限制挖掘",
    "二/二/五 新建、改建、扩建的城市道路交付使用后5年内、大修的城市道路竣工后3年内不得挖掘",
    "三 法律责任",
    "三/六 违反本办法规定，未经批准擅自挖掘城市道路的，由市城市管理局责令限期改正，并处2万元以上5万元以下罚款",
    "四 附则",
    "四/七 本办法自2024年12月1日起施行",
  ],
  nodes: {
    "一/一": { units: [], qs: [] },
    "二/一/四": { units: [], qs: [[5, "日", "other", null]] },
    // Lengths of time that are conditions.
    "二/二/五": { qs: [[5, "年", "other", null], [3, "年", "other", null]] },
    // A fine is neither a target nor support.
    "三/六": { units: [], qs: [[20000, "元", "other", null], [50000, "元", "other", null]] },
    "四/七": { qs: [] },
  },
});

blind("blind2-table-page.html", {
  wrappers: [
    {
      title: "关于印发《青田市推进快递进村工作方案》的通知",
      docNumber: "青邮管〔2024〕12号",
      issuers: ["青田市邮政管理局", "青田市商务局", "青田市农业农村局"],
      date: "2024-03-28",
      cites: [],
    },
  ],
  document: {
    title: "青田市推进快递进村工作方案",
    docNumber: "青邮管〔2024〕12号",
    issuers: ["青田市邮政管理局", "青田市商务局", "青田市农业农村局"],
    date: "2024-03-28",
    validUntil: null,
    cites: [],
  },
  // The task table's rows carry the measures' labels but are not outline nodes.
  outline: [
    "一 工作目标", "二 主要任务", "二/一 推进共建共配", "二/二 发展农村电商寄递", "二/三 完善末端网络", "三 保障措施",
  ],
  nodes: {
    "一": { units: [], qs: [[100, "%", "target", "2024-12-31"], [300, "个", "target", "2024-12-31"]] },
    // No time in the text and none in the title: no deadline.
    "二/一": { units: ["市邮政管理局", "市商务局", "市供销社"], lead: ["市邮政管理局"], qs: [[60, "%", "target", null]] },
    "二/二": {
      units: ["市农业农村局", "市邮政管理局", "市财政局"],
      lead: ["市农业农村局"],
      qs: [[5, "个", "target", "2024-12-31"], [50000, "元", "incentive", null]],
    },
    "二/三": {
      units: ["各县（市、区）邮政管理局", "各快递企业"],
      lead: ["各县（市、区）邮政管理局"],
      qs: [],
    },
    "三": { units: [], qs: [] },
  },
});

blind("blind2-ocr-forward.txt", {
  wrappers: [
    {
      title: "桐山县人民政府办公室转发市人民政府办公室关于进一步做好稳就业工作的通知",
      docNumber: "桐府办发〔2022〕7号",
      issuers: ["桐山县人民政府办公室"],
      date: "2022-06-20",
      cites: [],
    },
  ],
  // The forwarded notice carries the measures itself (通知如下：一、…), so it is the main document.
  document: {
    title: "芦州市人民政府办公室关于进一步做好稳就业工作的通知",
    docNumber: "芦府办〔2022〕18号",
    issuers: ["芦州市人民政府办公室"],
    date: "2022-06-10",
    validUntil: null,
    cites: [],
  },
  outline: [
    "一 加大援企稳岗力度",
    "一/1 对不裁员或少裁员的参保企业，按企业及其职工上年度实际缴纳失业保险费的60%返还",
    "一/2 对吸纳高校毕业生就业的中小微企业，按每人1500元的标准给予一次性扩岗补助",
    "二 优化就业服务",
    // 3. followed by 12345热线: a label, not the number 3.12345.
    "二/3 12345热线设立就业服务专席，群众诉求办结率达到95%以上",
    "二/4 全年城镇新增就业2万人以上，城镇调查失业率控制在5.5%以内",
    "二/5 开发城乡公益性岗位800个，优先安置就业困难人员",
    "三 强化组织保障",
    "三/6 各地要压实工作责任，每月5日前报送工作进展",
    // 7。 is the OCR's 7. continuing the sequence (unsure: SCHEMA lists no 。 after a digit label).
    "三/7 加强督导检查，对工作滞后的进行通报",
  ],
  nodes: {
    "一/1": { units: ["市人力资源社会保障局", "市财政局"], lead: [], qs: [[60, "%", "incentive", null]] },
    "一/2": { units: ["市人力资源社会保障局", "市财政局"], lead: [], qs: [[1500, "元", "incentive", null]] },
    "二/3": { units: ["市政务服务管理局"], lead: [], qs: [[95, "%", "target", null]] },
    "二/4": {
      units: ["市人力资源社会保障局"],
      lead: [],
      qs: [[20000, "人", "target", "2022-12-31"], [5.5, "%", "target", "2022-12-31"]],
    },
    "二/5": { units: ["各县（区）人民政府"], lead: [], qs: [[800, "个", "target", null]] },
    "三/6": { units: [], qs: [] },
    "三/7": { units: [], qs: [] },
  },
});

blind("blind2-tw-page.html", {
  wrappers: [],
  // Issuer and 文号 only in the page's table (the text names none); 发布日期 is a posting date, never the date.
  document: {
    title: "兰陵市夜间经济提质扩容实施方案",
    docNumber: "兰商发〔2023〕15号",
    issuers: ["兰陵市商务局"],
    date: null,
    validUntil: null,
    cites: [],
  },
  outline: [
    "一 工作目标", "二 重点任务", "二/1 打造夜间消费地标", "二/2 丰富夜间文旅产品", "二/3 延长公共交通服务时间",
    "三 保障措施",
  ],
  nodes: {
    "一": { units: [], qs: [[10, "个", "target", "2025-12-31"], [35, "%", "target", "2025-12-31"]] },
    "二/1": {
      units: ["市商务局", "市财政局", "各区人民政府"],
      lead: ["市商务局"],
      qs: [[300000, "元", "incentive", null]],
    },
    "二/2": {
      units: ["市文化广电旅游局", "市商务局"],
      lead: ["市文化广电旅游局"],
      qs: [[50, "场", "target", null], [6, "条", "target", null]],
    },
    // 22时 is a time of day, no quantity; the hour added is a level delivered (unsure: could be read as other).
    "二/3": { units: ["市交通运输局"], lead: ["市交通运输局"], qs: [[1, "小时", "target", null]] },
    "三": { units: [], qs: [[100000000, "元", "incentive", null]] },
  },
});

blind("blind2-gazette-opinion.txt", {
  wrappers: [],
  // Issuers on their own line above 关于…: the title's lines are the issuers' line and 关于… (a title names its
  // issuing organ, 发文机关 + 事由 + 文种; test/fixtures/opinion-letterhead.txt reads it the same way); the bracketed
  // date under the title is the date.
  document: {
    title: "中共南溪市委南溪市人民政府关于加快建设现代化海洋牧场的意见",
    docNumber: null,
    issuers: ["中共南溪市委", "南溪市人民政府"],
    date: "2024-03-05",
    validUntil: null,
    cites: [{ docNumber: null, title: "中共中央国务院关于全面推进乡村振兴加快农业农村现代化的意见" }],
  },
  outline: [
    "一 总体要求", "二 重点任务", "二/一 建设深远海养殖平台", "二/二 培育海洋牧场龙头企业", "二/三 完善冷链物流体系",
    "三 保障措施", "三/一 加强组织领导", "三/二 加大金融支持",
  ],
  nodes: {
    "一": {
      units: [],
      qs: [
        [4, "个", "target", "2027-12-31"],
        [200000, "吨", "target", "2027-12-31"],
        [50000000000, "元", "target", "2030-12-31"],
      ],
    },
    "二/一": { units: [], qs: [[30, "%", "incentive", null], [20000000, "元", "incentive", null]] },
    "二/二": { units: [], qs: [[500000000, "元", "other", null], [1000000, "元", "incentive", null]] },
    "二/三": { units: [], qs: [[2, "个", "target", "2026-06-30"], [100000, "吨", "target", "2026-06-30"]] },
    "三/一": { units: [], qs: [] },
    "三/二": { units: [], qs: [[2000000000, "元", "incentive", null]] },
  },
});

blind("blind2-county-bureau.txt", {
  wrappers: [],
  // The body opening the title is the issuer; the year stands only in the title.
  document: {
    title: "平溪县农业农村局2025年工作要点",
    docNumber: null,
    issuers: ["平溪县农业农村局"],
    date: null,
    validUntil: null,
    cites: [],
  },
  outline: [
    "一 稳定粮食和重要农产品供给",
    "一/1 全年粮食播种面积稳定在45万亩以上，总产量达到18万吨",
    "一/2 上半年完成高标准农田建设2万亩，年底前完成全部3.5万亩建设任务并通过验收",
    "一/3 生猪出栏量保持在30万头左右",
    "二 巩固拓展脱贫攻坚成果",
    "二/4 落实防止返贫动态监测帮扶机制，监测对象风险消除率达到70%以上",
    "三 推进农业农村改革",
    "三/5 年底前完成农村集体经营性资产股份合作制改革，村级集体经济年收入10万元以上的村占比达到80%",
    "三/6 深化农业综合行政执法改革，开展执法培训不少于4期",
  ],
  nodes: {
    // 责任股室: an inline tag of a 局's own offices (unsure: SCHEMA names 责任单位 tags only).
    "一/1": {
      units: ["种植业股"],
      qs: [[450000, "亩", "target", "2025-12-31"], [180000, "吨", "target", "2025-12-31"]],
    },
    // 上半年 of the title's year ends on 30 June (unsure: SCHEMA does not list 上半年).
    "一/2": {
      units: ["农田建设股", "计划财务股"],
      qs: [[20000, "亩", "target", "2025-06-30"], [35000, "亩", "target", "2025-12-31"]],
    },
    "一/3": { units: ["畜牧兽医股"], qs: [[300000, "头", "target", "2025-12-31"]] },
    "二/4": { units: ["乡村振兴股"], qs: [[70, "%", "target", "2025-12-31"], [3000, "元", "incentive", null]] },
    "三/5": {
      units: ["农村经营管理股"],
      qs: [[100000, "元", "other", null], [80, "%", "target", "2025-12-31"]],
    },
    "三/6": { units: ["执法大队"], qs: [[4, "期", "target", "2025-12-31"]] },
  },
});

blind("blind2-js-measures.txt", {
  // The letterhead body and the title's short form (省政府办公厅) are one issuer, in its fuller form; the only date is
  // the 印发 line's.
  wrappers: [
    {
      title: "省政府办公厅关于印发苏海省促进跨境电商高质量发展若干措施的通知",
      docNumber: "苏海政办发〔2023〕48号",
      issuers: ["苏海省人民政府办公厅"],
      date: "2023-11-30",
      cites: [],
    },
  ],
  document: {
    title: "苏海省促进跨境电商高质量发展若干措施",
    docNumber: "苏海政办发〔2023〕48号",
    issuers: ["苏海省人民政府办公厅"],
    date: "2023-11-30",
    validUntil: "2025-12-31",
    cites: [{ docNumber: "国办发〔2023〕10号", title: "国务院办公厅关于推动外贸稳规模优结构的意见" }],
  },
  outline: ["1 培育跨境电商主体", "2 建设海外仓", "3 降低物流成本", "4 强化金融服务", "5 加强人才培养"],
  nodes: {
    "1": {
      units: ["省商务厅", "省财政厅"],
      lead: ["省商务厅"],
      qs: [[100000000, "美元", "other", null], [2000000, "元", "incentive", null]],
    },
    // The level prefix carries over (发展改革委 -> 省发展改革委) but not to the 各设区市 name.
    "2": {
      units: ["省商务厅", "省发展改革委", "各设区市人民政府"],
      lead: [],
      qs: [[300, "个", "target", "2025-12-31"], [10000, "平方米", "other", null], [50, "个", "target", "2025-12-31"]],
    },
    // A fee cut granted, as a range.
    "3": { units: ["省交通运输厅", "省港口集团"], lead: [], qs: [[10, "%", "incentive", null]], maxes: [15] },
    "4": {
      units: ["省商务厅", "省财政厅", "中国出口信用保险公司苏海分公司"],
      lead: [],
      qs: [[50, "%", "incentive", null]],
    },
    // No time in the sentence; the document's validUntil ends it.
    "5": {
      units: ["省人力资源社会保障厅", "省教育厅", "省商务厅"],
      lead: [],
      qs: [[10000, "人次", "target", "2025-12-31"]],
    },
  },
});
