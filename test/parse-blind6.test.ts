/**
 * A sixth blind set: three documents written for this test in shapes the corpus, the seeds and the first five blind
 * sets do not show (a 市 若干措施 whose 第一条…第七条 run on across 一、二、三、 parts, each article closed by one
 * （责任单位：…）, with 最高…万元奖励 and 按…的30%给予补助 incentives and a 有效期3年 from a start date; a 县 通知 whose 一、
 * holds 一是…二是…三是 inline items (no outline nodes) and whose numbers are written "32.5 万亩", "1,000 吨"; a 方案 under
 * a 印发 wrapper whose targets stand in a text-line table (指标名称 2026年目标值) and whose 保障措施 has no items).
 * The answers were written by hand from shared/gold/SCHEMA.md before the parser was run on them.
 */
import { blind } from "./support/blind.js";

// Articles under parts keep their written labels (第三条 under 二、 would be 二/三; here 第四条 is 二/四).
// 有效期3年 from 2026-05-01 ends 2029-04-30.
blind("blind6-city-articles.txt", {
  wrappers: [],
  document: {
    title: "安江市人民政府关于促进制造业高质量发展的若干措施",
    docNumber: "安府〔2026〕12号",
    issuers: ["安江市人民政府"],
    date: "2026-04-20",
    validUntil: "2029-04-30",
    cites: [],
  },
  outline: [
    "一 支持企业做大做强",
    "一/一 对年主营业务收入首次突破10亿元的工业企业，给予最高100万元奖励",
    "一/二 支持企业实施技术改造，按设备投资额的10%给予补贴，单个项目最高500万元",
    "一/三 到2027年，全市规模以上工业企业达到1,500家",
    "二 强化创新驱动",
    "二/四 对新认定的国家级企业技术中心，给予一次性奖励200万元",
    "二/五 企业研发费用占营业收入比重超过3%的，按其研发费用增量的30%给予补助",
    "三 优化发展环境",
    "三/六 对新引进投资额超过5亿元的制造业项目，优先保障用地指标",
    "三/七 本措施自2026年5月1日起施行，有效期3年",
  ],
  nodes: {
    一: { units: [], qs: [] },
    // 突破10亿元 defines who is in scope; the award cap is the incentive. 市 carries to 财政局.
    "一/一": {
      units: ["市工业和信息化局", "市财政局"],
      qs: [[1000000000, "元", "other", null], [1000000, "元", "incentive", null]],
    },
    // A share of the investment granted, and a cap.
    "一/二": { units: ["市工业和信息化局"], qs: [[10, "%", "incentive", null], [5000000, "元", "incentive", null]] },
    // "1,500 家": thousands separator and a space before the unit.
    "一/三": { units: ["市工业和信息化局", "市统计局"], qs: [[1500, "家", "target", "2027-12-31"]] },
    "二/四": { units: ["市发展改革委"], qs: [[2000000, "元", "incentive", null]] },
    // 比重超过3% is a threshold; 比 inside 比重 is no comparison.
    "二/五": { units: ["市科技局", "市财政局"], qs: [[3, "%", "other", null], [30, "%", "incentive", null]] },
    "三/六": { units: ["市自然资源局"], qs: [[500000000, "元", "other", null]] },
    // A term of validity is a length of time as a term: other. The interpreting body is no tag.
    "三/七": { units: [], qs: [[3, "年", "other", null]] },
  },
});

// 一是…二是…三是 are inline items, not labels. One sentence holds all three targets; 年内 (after the first two,
// before the third) is the only time expression in it, so it governs all: 2026-12-31. 二、 has no time: the single
// year of the title (2026). The 县 prefix carries to 财政局 in a trailing parenthesis without a tag word.
blind("blind6-county-yishi.txt", {
  wrappers: [],
  document: {
    title: "青山县人民政府办公室关于做好2026年春季农业生产工作的通知",
    docNumber: null,
    issuers: ["青山县人民政府办公室"],
    date: "2026-02-26",
    validUntil: null,
    cites: [],
  },
  outline: ["一 稳定粮食播种面积", "二 强化农资保障", "三 加强组织领导"],
  nodes: {
    一: {
      units: ["县农业农村局", "各乡镇人民政府"],
      qs: [
        [325000, "亩", "target", "2026-12-31"],
        [98, "%", "target", "2026-12-31"],
        [35000, "亩", "target", "2026-12-31"],
      ],
    },
    二: {
      units: ["县供销社", "县农业农村局", "县财政局"],
      qs: [
        [1000, "吨", "target", "2026-12-31"],
        [50, "吨", "target", "2026-12-31"],
        [30, "%", "incentive", null],
        [20000, "元", "incentive", null],
      ],
    },
    // The body to report problems to is no responsible body.
    三: { units: [], qs: [] },
  },
});

// The wrapper issues the 方案, which takes its 文号, issuer and date. The table rows under 主要指标如下 are targets of
// 一、 (到2026年 / 2026年目标值 / the title's range all give 2026-12-31). 每年 5,000 户 has no time expression of
// its own: the end of the title's range. 三、保障措施 has no numbered items and is one node with its own text.
blind("blind6-target-table.txt", {
  wrappers: [
    {
      title: "西岭市人民政府办公室关于印发西岭市农村人居环境整治提升实施方案（2024—2026年）的通知",
      docNumber: "西政办〔2024〕15号",
      issuers: ["西岭市人民政府办公室"],
      date: "2024-03-08",
      cites: [],
    },
  ],
  document: {
    title: "西岭市农村人居环境整治提升实施方案（2024—2026年）",
    docNumber: "西政办〔2024〕15号",
    issuers: ["西岭市人民政府办公室"],
    date: "2024-03-08",
    validUntil: null,
    cites: [{ docNumber: null, title: "农村人居环境整治提升五年行动方案（2021—2025年）" }],
  },
  outline: ["一 主要目标", "二 重点任务", "二/一 推进农村厕所革命", "二/二 治理生活污水", "三 保障措施"],
  nodes: {
    一: {
      units: [],
      qs: [
        [90, "%", "target", "2026-12-31"],
        [100, "%", "target", "2026-12-31"],
        [120, "座", "target", "2026-12-31"],
      ],
    },
    // 牵头 names the lead; 配合 is dropped from the names; 市 carries to 财政局.
    "二/一": {
      units: ["市农业农村局", "市卫生健康委", "市财政局"],
      lead: ["市农业农村局"],
      qs: [[5000, "户", "target", "2026-12-31"], [1500, "元", "incentive", null]],
    },
    "二/二": { units: ["市生态环境局", "市住房城乡建设局"], qs: [[30, "个", "target", "2025-12-31"]] },
    // A yearly special fund for 以奖代补 is support money: incentive. 会同有关部门 is no tag.
    三: { units: [], qs: [[80000000, "元", "incentive", null]] },
  },
});

// 1．…5． run on across （一）（二） and 二、, keeping their labels. Tags split 牵头单位：…；配合单位：… — all are units,
// the 牵头单位 leads; 区 carries to 财政局. 较2025年 is a baseline; the title's single year (2026) gives the deadline.
blind("blind6-lead-coop.txt", {
  wrappers: [],
  document: {
    title: "南陵区2026年优化营商环境工作要点",
    docNumber: null,
    issuers: ["南陵区优化营商环境工作领导小组办公室"],
    date: "2026-01-15",
    validUntil: null,
    cites: [],
  },
  outline: [
    "一 提升政务服务效能",
    "一/一 深化网上办事",
    "一/一/1 推动高频事项全程网办，全程网办率较2025年提高10%，达到90%以上",
    "一/一/2 新建基层便民服务站3—5个，每个站点给予一次性建设补助5万元",
    "一/二 规范涉企收费",
    "一/二/3 年底前清理规范涉企收费项目，行政事业性收费标准降低20%",
    "二 强化要素保障",
    "二/4 全年培训企业经营管理人员0.6-1万人次",
    "二/5 对年纳税额超过500万元的企业，按其地方留成部分的50%给予奖励",
  ],
  nodes: {
    "一/一/1": {
      units: ["区政务服务数据管理局", "区司法局", "区财政局"],
      lead: ["区政务服务数据管理局"],
      qs: [[10, "%", "target", "2026-12-31"], [90, "%", "target", "2026-12-31"]],
    },
    "一/一/2": {
      units: ["区政务服务数据管理局"],
      lead: ["区政务服务数据管理局"],
      qs: [[3, "个", "target", "2026-12-31"], [50000, "元", "incentive", null]],
      maxes: [5, undefined],
    },
    // A fee cut granted is an incentive.
    "一/二/3": { units: ["区发展改革局", "区财政局"], qs: [[20, "%", "incentive", null]] },
    "二/4": {
      units: ["区人力资源社会保障局"],
      lead: ["区人力资源社会保障局"],
      qs: [[6000, "人次", "target", "2026-12-31"]],
      maxes: [10000],
    },
    "二/5": {
      units: ["区财政局", "区税务局"],
      lead: ["区财政局"],
      qs: [[5000000, "元", "other", null], [50, "%", "incentive", null]],
    },
  },
});
