import { describe, expect, it } from "vitest";
import { classifyQuantities, findQuantities } from "./quantities.js";

const found = (s: string) => findQuantities(s).map((q) => [q.text, q.value, q.unit, q.max]);
const kinds = (s: string) => classifyQuantities(s, findQuantities(s)).map((q) => [q.text, q.kind]);

describe("findQuantities", () => {
  it("applies 万/亿 multipliers and keeps the exact span", () => {
    expect(found("确保完成 4.8 万座 5G 基站，规模达到1.5万亿元")).toEqual([
      ["4.8 万座", 48000, "座", undefined],
      ["1.5万亿元", 1500000000000, "元", undefined],
    ]);
  });
  it("reads ranges, qualifiers and Chinese numerals", () => {
    expect(found("建设3-5个场景，5.9—7.1GHz频段，200多个产品，覆盖90% 以上人口，新增十五万户")).toEqual([
      ["3-5个", 3, "个", 5],
      ["5.9—7.1GHz", 5.9, "GHz", 7.1],
      ["200多个", 200, "个", undefined],
      ["90% 以上", 90, "%", undefined],
      ["十五万户", 150000, "户", undefined],
    ]);
  });
  it("counts a number with a multiplier but no unit", () => {
    expect(found("5G 用户数达到 2000 万，")).toEqual([["2000 万", 20000000, "", undefined]]);
  });
  it("leaves out years, dates, codes, ordinals, names and vague amounts", () => {
    const s =
      "2020年三季度末，5G、4G、IPv6、NB-IoT、4K/8K、12345热线、120急救、“1+6”园区、十三五、3A级、四星级、" +
      "第二代、第六届、省市两级、三级联动、一批、一次办、一张网、三年行动计划、2019-2021年、2017年10月1日";
    expect(found(s)).toEqual([]);
  });
  it("reads 10G and 50M as bandwidths but not 5G as one", () => {
    expect(found("建成10G主干网，50M起步")).toEqual([
      ["10G", 10, "G", undefined],
      ["50M", 50, "M", undefined],
    ]);
  });
  it("keeps a term (为期半年) and drops a duration that names a plan", () => {
    expect(found("提供为期半年的节目")).toEqual([["半年", 0.5, "年", undefined]]);
    expect(found("实施三年行动计划")).toEqual([]);
  });
  it("does not take 四个 before 100% as a quantity", () => {
    expect(found("实现四个100%")).toEqual([["100%", 100, "%", undefined]]);
  });
});

describe("findQuantities: units, ranges and terms", () => {
  it("reads a range with its unit on both ends as one quantity", () => {
    expect(found("补助比例为15%—35%，奖励3万元及以上至8万元")).toEqual([
      ["15%—35%", 15, "%", 35],
      ["3万元及以上至8万元", 30000, "元", 80000],
    ]);
  });
  it("reads a range of Chinese numerals", () => {
    expect(found("选择一至两个县试点，培育三到五家企业，用二至三年时间完成")).toEqual([
      ["一至两个", 1, "个", 2],
      ["三到五家", 3, "家", 5],
      ["二至三年", 2, "年", 3],
    ]);
    expect(found("一至三季度，第一至三批")).toEqual([]);
  });
  it("applies a multiplier written once after the high end to both ends", () => {
    expect(found("密度保持在0.5-2万人")).toEqual([["0.5-2万人", 5000, "人", 20000]]);
  });
  it("does not join two quantities of different units into a range", () => {
    expect(found("投资50亿元到2030年")).toEqual([["50亿元", 5000000000, "元", undefined]]);
  });
  it("reads compound units and units of several characters", () => {
    expect(found("处理能力800立方米/日，能耗2.5千瓦时/吨，节约3万吨标准煤，接待12万人次，限价60元/平方米，排放不高于40吨/万平方米")).toEqual([
      ["800立方米/日", 800, "立方米/日", undefined],
      ["2.5千瓦时/吨", 2.5, "千瓦时/吨", undefined],
      ["3万吨标准煤", 30000, "吨标准煤", undefined],
      ["12万人次", 120000, "人次", undefined],
      ["60元/平方米", 60, "元/平方米", undefined],
      ["40吨/万平方米", 40, "吨/万平方米", undefined],
    ]);
  });
  it("keeps 及以上 and 及以下 in the span", () => {
    expect(found("年产值3000万元及以上的企业")).toEqual([["3000万元及以上", 30000000, "元", undefined]]);
  });
  it("reads terms written with 分, 用, 有效期 and 之内", () => {
    expect(found("分4年实施，用2年时间完成，证书5年有效期，在三年之内办结")).toEqual([
      ["4年", 4, "年", undefined],
      ["2年", 2, "年", undefined],
      ["5年", 5, "年", undefined],
      ["三年", 3, "年", undefined],
    ]);
  });
  it("reads days only as a term or a time limit, never a date", () => {
    expect(found("自收到申请之日起15日内办结，于6月20日前报送")).toEqual([["15日", 15, "日", undefined]]);
  });
  it("reads a lone 一 after 每 as a quota or a frequency", () => {
    expect(found("每个县建设一个服务中心，每半年通报一次")).toEqual([
      ["一个", 1, "个", undefined],
      ["一次", 1, "次", undefined],
    ]);
    expect(found("建设一个平台，发放一次性补贴")).toEqual([]);
  });
  it("leaves out 上半年, counters that open a word, names with 百万 and product codes", () => {
    expect(found("2021年上半年完成，共分5部分，实施百万农民培训工程，推广3C产品")).toEqual([]);
    expect(found("服务器配置为8C、32G")).toEqual([
      ["8C", 8, "C", undefined],
      ["32G", 32, "G", undefined],
    ]);
  });
  it("leaves out counts that only sum up the items named beside them, and numerals inside listed names", () => {
    expect(found("守住安全标准和质量标准两个关口，在甲市、乙市、丙市3个城市试点，推广越野滑雪、冬季两项、花样滑冰")).toEqual([]);
    expect(found("建设20所学校和150个实训基地，新建两个、改造三个")).toEqual([
      ["20所", 20, "所", undefined],
      ["150个", 150, "个", undefined],
      ["两个", 2, "个", undefined],
      ["三个", 3, "个", undefined],
    ]);
    expect(found("甲公司、乙公司等14家单位")).toEqual([["14家", 14, "家", undefined]]);
  });
  it("reads 个工作日 as one unit and a unit counted per two things", () => {
    expect(found("在5个工作日内办结，标准为80元/人/日")).toEqual([
      ["5个工作日", 5, "个工作日", undefined],
      ["80元/人/日", 80, "元/人/日", undefined],
    ]);
  });
  it("leaves out a count that announces the items after it or totals them in a heading", () => {
    expect(found("二、便民服务举措（共6项）\n（一）审批服务方面4项：推行容缺受理")).toEqual([]);
    expect(found("共建成6个服务站，其中4项已完成")).toEqual([
      ["6个", 6, "个", undefined],
      ["4项", 4, "项", undefined],
    ]);
  });
  it("leaves out a factor of a formula and the base of a rate", () => {
    expect(found("计算方法：达标户数/总户数×100%。每百名职工拥有的设备数，每千人床位")).toEqual([]);
    expect(found("每周巡查一次，尺寸为40厘米×30厘米")).toEqual([
      ["一次", 1, "次", undefined],
      ["40厘米", 40, "厘米", undefined],
      ["30厘米", 30, "厘米", undefined],
    ]);
  });
  it("reads 人口 as what a coverage counts", () => {
    expect(found("服务覆盖500万人口")).toEqual([["500万人口", 5000000, "人口", undefined]]);
  });
});

describe("classifyQuantities", () => {
  it("tells targets from thresholds that define who is in scope", () => {
    expect(kinds("2020年底实现全省所有20户以上自然村宽带网络全覆盖")).toEqual([["20户以上", "other"]]);
    expect(kinds("实现主营业务收入超过100亿元的工业企业全覆盖")).toEqual([["100亿元", "other"]]);
    expect(kinds("全省100家以上医疗卫生机构实现5G网络覆盖")).toEqual([["100家以上", "target"]]);
    expect(kinds("培育形成16个以上的4K应用示范社区")).toEqual([["16个以上", "target"]]);
  });
  it("reads money granted as an incentive, with its cap", () => {
    expect(kinds("给予每个自然村3万元事后奖励")).toEqual([["3万元", "incentive"]]);
    expect(kinds("按投资额的10%给予补助，最高不超过200万元。")).toEqual([
      ["10%", "incentive"],
      ["200万元", "incentive"],
    ]);
  });
  it("reads specifications, existing figures and scopes as other", () => {
    expect(kinds("免申请提速至100Mbps")).toEqual([["100Mbps", "other"]]);
    expect(kinds("提升首批18个小镇功能")).toEqual([["18个", "other"]]);
    expect(kinds("加快在14个国家全域旅游创建示范区、27个省全域旅游创建示范区的数据中心建设")).toEqual([
      ["14个", "other"],
      ["27个", "other"],
    ]);
    expect(kinds("省内7个直属海关进出口通关环节的作业无纸化率达95%")).toEqual([
      ["7个", "other"],
      ["95%", "target"],
    ]);
  });
  it("reads a level to hold (控制在…以下) as a target, not a place", () => {
    expect(kinds("单位能耗控制在5%以下")).toEqual([["5%以下", "target"]]);
  });
  it("reads 对…的 conditions of a grant as other", () => {
    expect(kinds("对新增机架超过1000个的项目给予50万元奖励")).toEqual([
      ["1000个", "other"],
      ["50万元", "incentive"],
    ]);
  });
  it("reads reductions and growth rates as targets", () => {
    expect(kinds("平均资费较2019年底均降低15%")).toEqual([["15%", "target"]]);
    expect(kinds("全年新增公共区域WLAN热点4294个、AP数7.83万个")).toEqual([
      ["4294个", "target"],
      ["7.83万个", "target"],
    ]);
  });
});

describe("more units: livestock, energy, sessions held", () => {
  it("reads 头, 吉瓦时 and a count of sessions to hold, but still no phase (一期工程)", () => {
    const units = (s: string) => findQuantities(s).map((q) => [q.text, q.unit]);
    expect(units("生猪出栏30万头左右")).toEqual([["30万头左右", "头"]]);
    expect(units("新型储能装机达到20吉瓦时")).toEqual([["20吉瓦时", "吉瓦时"]]);
    expect(units("举办不少于4期培训班")).toEqual([["4期", "期"]]);
    expect(units("推进二期工程建设")).toEqual([]);
  });
});
