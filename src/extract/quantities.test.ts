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
