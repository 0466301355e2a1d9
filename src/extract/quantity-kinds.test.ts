import { describe, expect, it } from "vitest";
import { classifyQuantities, findQuantities } from "./quantities.js";
import { PREDICATES } from "./quantity-frames.js";

const kinds = (s: string) => classifyQuantities(s, findQuantities(s)).map((q) => [q.text, q.kind]);
const rules = (s: string) => classifyQuantities(s, findQuantities(s)).map((q) => [q.text, q.kindRule]);

describe("kinds from the predicate's role", () => {
  it("reads a count after a delivery verb as a target even before a noun", () => {
    expect(kinds("今年新增120户示范农户")).toEqual([["120户", "target"]]);
    expect(kinds("每年培训800人次乡村医生")).toEqual([["800人次", "target"]]);
  });
  it("knows verbs of selecting, funding, closing and relocating", () => {
    expect(kinds("遴选15家试点单位，关停12座小型砖窑，搬迁6个村庄")).toEqual([
      ["15家", "target"],
      ["12座", "target"],
      ["6个", "target"],
    ]);
  });
  it("lets the items of a list inherit their lead-in's verb", () => {
    expect(kinds("扶持8家龙头企业、25家骨干企业和40家小微企业")).toEqual([
      ["8家", "target"],
      ["25家", "target"],
      ["40家", "target"],
    ]);
  });
  it("lets a clause with no verb read the verb that leads its sentence", () => {
    expect(rules("新建污水管网30公里，泵站4座")).toEqual([
      ["30公里", "kind.target-verb-before"],
      ["4座", "kind.clause-final"],
    ]);
    expect(kinds("小组设组长1人，副组长3人")).toEqual([
      ["1人", "other"],
      ["3人", "other"],
    ]);
  });
  it("reads 比例, 比重, 占比 as no comparison", () => {
    expect(kinds("本地采购比例不低于35%")).toEqual([["35%", "target"]]);
    expect(kinds("绿色建材占比达到45%以上")).toEqual([["45%以上", "target"]]);
    expect(kinds("比上年增加6个百分点，比2019年的40家")).toEqual([
      ["6个百分点", "target"],
      ["40家", "other"],
    ]);
  });
  it("reads a number after 在 or 与 as a place or a party", () => {
    expect(rules("在12个乡镇开展试点，与9家银行签订协议")).toEqual([
      ["12个", "kind.located-in"],
      ["9家", "kind.located-in"],
    ]);
  });
  it("reads a number after 从 as a source and a radius as the reach of a rule", () => {
    expect(rules("从三个方面加强管理，整治变电站出线3公里范围内的线路")).toEqual([
      ["三个", "kind.located-in"],
      ["3公里", "kind.reach"],
    ]);
  });
  it("reads existing figures and reckoning bases as other", () => {
    expect(kinds("全市现有产能90万吨")).toEqual([["90万吨", "other"]]);
    expect(kinds("按照60套的采购规模测算")).toEqual([["60套", "other"]]);
  });
  it("reads a count after a verb marked done (已) as existing", () => {
    expect(rules("改造在运120台（已完成45台）")).toEqual([
      ["120台", "kind.target-verb-before"],
      ["45台", "kind.done-already"],
    ]);
  });
  it("reads the figures of a sentence on the present state as existing, unless it looks ahead", () => {
    expect(rules("截至目前，全省累计建成充电桩3200个，较上年增加400个。")).toEqual([
      ["3200个", "kind.existing-sentence"],
      ["400个", "kind.existing-sentence"],
    ]);
    expect(kinds("目前已建成12座，力争再建成8座。")).toEqual([
      ["12座", "other"],
      ["8座", "target"],
    ]);
  });
  it("reads ages, sizes and reported statistics as other", () => {
    expect(kinds("负责人年龄不超过65周岁，标牌规格为600毫米×300毫米")).toEqual([
      ["65周岁", "other"],
      ["600毫米", "other"],
      ["300毫米", "other"],
    ]);
    expect(rules("据不完全统计，全年共接待游客86万人次。")).toEqual([["86万人次", "kind.existing-sentence"]]);
    expect(rules("申请家庭的收入准入限额为年人均32000元")).toEqual([["32000元", "kind.spec"]]);
  });
  it("reads a count picked by a condition under 支持 as the scope backed", () => {
    expect(kinds("优先支持2家符合条件的园区扩区")).toEqual([["2家", "other"]]);
    expect(kinds("支持纳入名录的30个村庄建设")).toEqual([["30个", "other"]]);
    expect(kinds("支持12家企业开展改造")).toEqual([["12家", "target"]]);
  });
});

describe("incentives", () => {
  it("reads shares granted or returned as incentives", () => {
    expect(kinds("按其缴纳房产税的40%给予奖励")).toEqual([["40%", "incentive"]]);
    expect(kinds("可返还其上年度缴纳培训费的70%")).toEqual([["70%", "incentive"]]);
  });
  it("reads a fee cut granted as an incentive and a fee level to reach as a target", () => {
    expect(kinds("对入驻企业的场地收费标准降低25%")).toEqual([["25%", "incentive"]]);
    expect(kinds("将平均贷款费率降至2%以下")).toEqual([["2%以下", "target"]]);
    expect(kinds("对小微企业下调担保费率40%")).toEqual([["40%", "incentive"]]);
  });
  it("reads a fund's size and a cap of a loan granted as incentives", () => {
    expect(kinds("设立规模3亿元的创投引导基金")).toEqual([["3亿元", "incentive"]]);
    expect(kinds("个人可申请最高不超过20万元的创业担保贷款")).toEqual([["20万元", "incentive"]]);
  });
  it("reads money paid per unit delivered as an incentive and the unit as other", () => {
    expect(kinds("每新认定1家专精特新企业，给予补助5万元")).toEqual([
      ["1家", "other"],
      ["5万元", "incentive"],
    ]);
  });
});

describe("conditions and thresholds", () => {
  it("reads the numbers of a condition clause ending in 的 as other", () => {
    expect(kinds("年销售收入达到800万元及以上的，给予一次性奖励20万元")).toEqual([
      ["800万元及以上", "other"],
      ["20万元", "incentive"],
    ]);
    expect(kinds("吸纳人数达到职工总数30%并签订2年以上合同的，可申请补贴")).toEqual([
      ["30%", "other"],
      ["2年以上", "other"],
    ]);
  });
  it("reads a bound that picks who is covered as a threshold, even after 支持", () => {
    expect(kinds("重点支持单笔金额300万元及以下的小额贷款")).toEqual([["300万元及以下", "other"]]);
    expect(kinds("对合同金额200万元及以下、利率不超过4%的贷款给予贴息")).toEqual([
      ["200万元及以下", "other"],
      ["4%", "other"],
    ]);
  });
  it("reads the base of a reckoning as other and a level with 的规模 as a target", () => {
    expect(kinds("以上年实招人数800名为基数，到明年达到1200名的招生规模")).toEqual([
      ["800名", "other"],
      ["1200名", "target"],
    ]);
  });
  it("reads a rank cut (前10家) and a count a rate is reckoned per as other", () => {
    expect(kinds("对得分排名前5家的单位给予表彰，每新增1名学员相应核增编制")).toEqual([
      ["5家", "other"],
      ["1名", "other"],
    ]);
  });
  it("reads 每…一次 as a frequency, other", () => {
    expect(kinds("联席会议每季度召开一次")).toEqual([["一次", "other"]]);
  });
});

describe("the predicate table", () => {
  it("lists each word once", () => {
    const words = PREDICATES.map(([w]) => w);
    expect(new Set(words).size).toBe(words.length);
  });
});

describe("money set aside as a named support fund", () => {
  it("reads the amount after 专项资金/引导资金 that a budget sets aside as an incentive", () => {
    expect(kinds("县级财政每年安排乡村振兴专项资金3000万元")).toEqual([["3000万元", "incentive"]]);
    expect(kinds("统筹设立产业引导资金5亿元")).toEqual([["5亿元", "incentive"]]);
  });
  it("leaves an amount to be invested, with no fund named, a target", () => {
    expect(kinds("全年完成固定资产投资50亿元")).toEqual([["50亿元", "target"]]);
  });
});

describe("a bare 十 with a counter", () => {
  it("counts 十个 as it counts 三个 and 十二个", () => {
    expect(kinds("年底前建成社区食堂十个")).toEqual([["十个", "target"]]);
  });
});

describe("fee cuts and compound scope conditions", () => {
  it("reads a cut of a fee charged for a service as an incentive, an operator's tariff cut as a target", () => {
    expect(kinds("港口作业包干费降低20%")).toEqual([["20%", "incentive"]]);
    expect(kinds("移动网络平均资费降低15%")).toEqual([["15%", "target"]]);
  });
  it("reads a bound joined to a second condition before 的 as scope, and 超 as a bound", () => {
    expect(kinds("对年营业收入超过1亿元且增速达到15%以上的工业企业给予奖励")[0]).toEqual(["1亿元", "other"]);
    expect(kinds("培育产值超10亿元的龙头企业5家以上")).toEqual([["10亿元", "other"], ["5家以上", "target"]]);
  });
});

describe("a time a cut is to reach", () => {
  it("reads 压缩至1天以内 as the target level, 为期3天 as a term", () => {
    expect(kinds("企业开办时间压缩至1天以内")).toEqual([["1天", "target"]]);
    expect(kinds("集中培训为期3天")).toEqual([["3天", "other"]]);
  });
});

describe("storage capacity and counts of events", () => {
  it("reads storage to add as a target, a disk's size as a specification, and 场次 whole", () => {
    expect(kinds("新增政务云存储容量500TB")).toEqual([["500TB", "target"]]);
    expect(kinds("应用服务器一台，内存128GB")).toEqual([["128GB", "other"]]);
    expect(findQuantities("开展演出50场次以上").map((q) => q.unit)).toEqual(["场次"]);
  });
});

describe("who bears a cost, and a fund named 资金", () => {
  it("reads a share a budget bears as other and a fund's size as an incentive", () => {
    expect(kinds("补贴资金由省级财政承担70%")).toEqual([["70%", "other"]]);
    expect(kinds("设立规模10亿元的转贷应急资金")).toEqual([["10亿元", "incentive"]]);
  });
});

describe("putting into service, offsets granted, caps of support", () => {
  it("reads 投产 as delivery, 抵扣 as a grant and a cap of support as an incentive", () => {
    expect(kinds("年底前投产配套工程12项")).toEqual([["12项", "target"]]);
    expect(kinds("按合同金额的50%予以抵扣")).toEqual([["50%", "incentive"]]);
    expect(kinds("同一企业年度支持总额不超过50万元")).toEqual([["50万元", "incentive"]]);
  });
});
