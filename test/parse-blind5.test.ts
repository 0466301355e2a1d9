/**
 * A fifth blind set: five documents written for this test in shapes the corpus, the seeds and the first four blind
 * sets do not show (a 省 实施方案 whose 主要任务 run 1. / （1） with 〔责任单位：…〕 tags in 〔〕 at the end of the （1）
 * items; a 市 通知 forwarding a 省 通知 that issues a 方案, three levels each signed; a 市 办法 whose articles carry 款
 * and 项 ((一)(二) inside an article, a 款 after the 项) and a 附则 with 有效期至; an OCR one-line 国网-style 工作安排
 * whose 1.–4. run across （一）（二） and whose parentheses mix 牵头/配合 with a 完成 time; a 区 page whose metadata table
 * puts 成文日期 and 发布日期 in one row).
 * The answers were written by hand from shared/gold/SCHEMA.md before the parser was run on them.
 */
import { blind } from "./support/blind.js";

// A wrapper issuing a 方案 with no 文号 of its own. Tags in 〔〕 close the （1） items; the 省 of the first name carries
// over the list. The 1万人次 training target is 每年 (no time expression) in a title with no year: no deadline.
blind("blind5-province-plan.txt", {
  wrappers: [
    {
      title: "闽江省人民政府办公厅关于印发闽江省数字乡村建设实施方案的通知",
      docNumber: "闽政办〔2026〕9号",
      issuers: ["闽江省人民政府办公厅"],
      date: "2026-02-14",
      cites: [],
    },
  ],
  document: {
    title: "闽江省数字乡村建设实施方案",
    docNumber: "闽政办〔2026〕9号",
    issuers: ["闽江省人民政府办公厅"],
    date: "2026-02-14",
    validUntil: null,
    cites: [{ docNumber: null, title: "数字乡村发展战略纲要" }],
  },
  outline: [
    "一 总体目标",
    "二 主要任务",
    "二/1 夯实乡村信息基础设施",
    "二/1/1 推进农村网络提档升级",
    "二/1/2 推进广播电视网络改造",
    "二/2 发展乡村数字经济",
    "二/2/1 培育农村电商主体",
    "二/2/2 推进智慧农业应用",
    "三 保障措施",
    "三/1 加强资金保障",
    "三/2 强化考核评估",
  ],
  nodes: {
    // 5G is a name; 到2027年 opens the sentence and governs both clauses.
    一: { units: [], qs: [[95, "%", "target", "2027-12-31"], [20, "个", "target", "2027-12-31"]] },
    // No time before 8000个 in its sentence: the one after it (2026年底前) governs. 20户以上 defines the scope.
    "二/1/1": {
      units: ["省通信管理局", "省工业和信息化厅"],
      qs: [[8000, "个", "target", "2026-12-31"], [20, "户", "other", null]],
    },
    "二/1/2": { units: ["省广电局"], qs: [] },
    "二/2/1": {
      units: ["省商务厅", "省人力资源社会保障厅", "省财政厅"],
      lead: ["省商务厅"],
      qs: [[10000, "人次", "target", null], [300000, "元", "incentive", null]],
    },
    "二/2/2": { units: ["省农业农村厅"], qs: [[50, "个", "target", null]] },
    "三/1": { units: ["省财政厅"], qs: [[200000000, "元", "incentive", null]] },
    "三/2": { units: [], qs: [] },
  },
});

// Three levels: the 市 notice forwards the 省 notice, which issues the 方案. Neither notice cites the other (they are
// the text's own wrappers). The 方案 takes the 文号, issuer and date of the innermost wrapper.
blind("blind5-three-level.txt", {
  wrappers: [
    {
      title: "海州市人民政府办公室关于转发东海省人民政府办公厅关于印发东海省养老服务设施提升方案的通知的通知",
      docNumber: "海政办〔2026〕21号",
      issuers: ["海州市人民政府办公室"],
      date: "2026-03-20",
      cites: [],
    },
    {
      title: "东海省人民政府办公厅关于印发东海省养老服务设施提升方案的通知",
      docNumber: "东政办发〔2026〕3号",
      issuers: ["东海省人民政府办公厅"],
      date: "2026-02-28",
      cites: [],
    },
  ],
  document: {
    title: "东海省养老服务设施提升方案（2026—2028年）",
    docNumber: "东政办发〔2026〕3号",
    issuers: ["东海省人民政府办公厅"],
    date: "2026-02-28",
    validUntil: null,
    cites: [],
  },
  outline: [
    "一 工作目标",
    "二 重点任务",
    "二/一 建设社区嵌入式养老设施",
    "二/二 推进特困供养机构改造",
    "二/三 发展居家养老上门服务",
    "三 保障措施",
    "三/一 加大投入",
    "三/二 加强督导",
  ],
  nodes: {
    一: { units: [], qs: [[1, "个", "target", "2028-12-31"], [65, "%", "target", "2028-12-31"]] },
    "二/一": {
      units: ["省民政厅", "省发展改革委", "省财政厅"],
      lead: ["省民政厅"],
      qs: [[300, "个", "target", "2026-12-31"], [200000, "元", "incentive", null]],
    },
    // No lead rule and no 牵头: lead is empty.
    "二/二": { units: ["省民政厅", "省住房城乡建设厅"], qs: [[100, "所", "target", "2027-12-31"]] },
    // An age threshold defines who is served.
    "二/三": { units: [], qs: [[80, "周岁", "other", null]] },
    // A share the 市、县 are to commit, with no time of its own: the end of the title's range.
    "三/一": { units: [], qs: [[55, "%", "target", "2028-12-31"]] },
    "三/二": { units: [], qs: [] },
  },
});

// A 办法 in 章/条 whose articles hold 项 (（一）…) and a 款 after the 项. The 款 after （二） is part of （二）'s own text
// (a node's text runs to the next heading of any level). The signature has two bodies on one line.
blind("blind5-banfa-kuan.txt", {
  wrappers: [],
  document: {
    title: "南川市科技创新券管理办法",
    docNumber: null,
    issuers: ["南川市科学技术局", "南川市财政局"],
    date: "2026-04-08",
    validUntil: "2028-04-30",
    cites: [{ docNumber: null, title: "南川省科技创新条例" }],
  },
  outline: [
    "一 总则",
    "一/一 为激发中小企业创新活力，根据《南川省科技创新条例》，制定本办法",
    "一/二 本办法所称创新券，是指市财政安排资金，向中小企业发放的用于购买科技服务的权益凭证",
    "二 申领与使用",
    "二/三 申领创新券的企业应当同时符合下列条件",
    "二/三/一 在本市注册登记满1年",
    "二/三/二 上年度研发投入不低于50万元",
    "二/三/三 无严重失信记录",
    "二/四 创新券按下列标准支持",
    "二/四/一 购买检验检测服务的，按合同金额的50%予以抵扣，每家企业每年最高20万元",
    "二/四/二 购买研发设计服务的，按合同金额的40%予以抵扣，每家企业每年最高30万元",
    "三 附则",
    "三/五 本办法由市科学技术局负责解释",
    "三/六 本办法自2026年5月1日起施行，有效期至2028年4月30日",
  ],
  nodes: {
    // Bodies as subjects of a 款 are no tag.
    "一/二": { units: [], qs: [] },
    // A length of time as a condition, and a threshold of eligibility.
    "二/三/一": { units: [], qs: [[1, "年", "other", null]] },
    "二/三/二": { units: [], qs: [[500000, "元", "other", null]] },
    "二/三/三": { units: [], qs: [] },
    "二/四": { units: [], qs: [] },
    "二/四/一": { units: [], qs: [[50, "%", "incentive", null], [200000, "元", "incentive", null]] },
    "二/四/二": {
      units: [],
      qs: [[40, "%", "incentive", null], [300000, "元", "incentive", null], [500000, "元", "incentive", null]],
    },
    "三/六": { units: [], qs: [] },
  },
});

// One OCR line. 1.–4. run on across （一）（二） and keep their labels. The parentheses name 牵头 and 配合 bodies and a
// 完成 time that is no name; the time inside the sentence governs its targets (6月底前 of the title's year).
// 国网江西检修、信通公司 writes the head and tail once for two names (a real province: the shared head is found by its place, as a 国网 provincial company is always named). Only a 印发 line dates the text, and its 办公室 is no
// issuer: the body opening the title issues it.
blind("blind5-grid-oneline.txt", {
  wrappers: [],
  document: {
    title: "国网江西省电力有限公司2026年迎峰度夏工作安排",
    docNumber: null,
    issuers: ["国网江西省电力有限公司"],
    date: "2026-04-02",
    validUntil: null,
    cites: [],
  },
  outline: [
    "一 总体要求",
    "二 重点工作",
    "二/一 加强电网建设",
    "二/一/1 加快度夏工程投产",
    "二/一/2 推进配网改造",
    "二/二 强化运行保障",
    "二/二/3 开展隐患排查",
    "二/二/4 储备应急物资",
  ],
  nodes: {
    一: { units: [], qs: [] },
    // 110千伏及以上 is a specification of which works count.
    "二/一/1": {
      units: ["建设部", "国网江西建设公司"],
      lead: ["建设部"],
      qs: [[110, "千伏", "other", null], [42, "项", "target", "2026-06-30"]],
    },
    "二/一/2": {
      units: ["设备部", "各市供电公司"],
      lead: ["设备部"],
      qs: [[1200, "台", "target", "2026-05-31"]],
    },
    "二/二/3": {
      units: ["设备部", "国网江西检修公司", "国网江西信通公司"],
      lead: ["设备部"],
      qs: [],
    },
    "二/二/4": {
      units: ["物资部", "各市供电公司"],
      lead: ["物资部"],
      qs: [[30, "台", "target", "2026-05-31"], [500, "台", "target", "2026-05-31"]],
    },
  },
});

// A 区 page: the metadata table puts 成文日期 and 发布日期 in one row; the posting date is never the date. Site name,
// breadcrumb and footer are no title or issuer. 2000年前 is a date; 城管局 takes the 区 prefix; 各街道办事处 keeps its own.
blind("blind5-district-page.html", {
  wrappers: [
    {
      title: "青山区人民政府关于印发青山区老旧小区改造三年行动计划的通知",
      docNumber: "青政〔2026〕4号",
      issuers: ["青山区人民政府"],
      date: "2026-01-20",
      cites: [],
    },
  ],
  document: {
    title: "青山区老旧小区改造三年行动计划（2026—2028年）",
    docNumber: "青政〔2026〕4号",
    issuers: ["青山区人民政府"],
    date: "2026-01-20",
    validUntil: null,
    cites: [],
  },
  outline: ["一 目标任务", "二 工作措施", "二/一 加装电梯", "二/二 完善配套设施"],
  nodes: {
    一: { units: [], qs: [[120, "个", "target", "2028-12-31"], [24000, "户", "target", "2028-12-31"]] },
    "二/一": { units: ["区住房和城市更新局", "区财政局"], qs: [[150000, "元", "incentive", null]] },
    "二/二": {
      units: ["区住房和城市更新局", "区城管局", "各街道办事处"],
      qs: [[800, "个", "target", "2026-12-31"]],
    },
  },
});
