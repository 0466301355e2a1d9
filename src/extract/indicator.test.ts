import { describe, expect, it } from "vitest";
import { indicatorOf, isCap } from "./indicator.js";
import { findQuantities } from "./quantities.js";

/** The indicator of every quantity of a made-up sentence, each reading the one before it as the parser does. */
function indicators(s: string): Array<[string, string | null]> {
  let previous: { end: number; indicator: string | null } | undefined;
  return findQuantities(s).map((q) => {
    const indicator = indicatorOf(s, q, previous);
    previous = { end: q.end, indicator };
    return [q.text, indicator];
  });
}

describe("the indicator a quantity measures", () => {
  it("reads the counted thing after a measure word, up to the next verb", () => {
    expect(indicators("年内建成15个社区食堂，改造800户老旧住房")).toEqual([
      ["15个", "社区食堂"],
      ["800户", "老旧住房"],
    ]);
    // 改造任务 is what is done to the pipes, not what is counted
    expect(indicators("完成3000户燃气管道改造任务")).toEqual([["3000户", "燃气管道"]]);
    expect(indicators("培育形成12个以上的特色产业园")).toEqual([["12个以上", "特色产业园"]]);
  });

  it("reads the subject of the verb before the number, without time, scope and adverbs", () => {
    expect(indicators("到2023年底，全市公交车辆电动化率达到85%")).toEqual([["85%", "公交车辆电动化率"]]);
    expect(indicators("力争2022年全县快递网点数量超过260个。")).toEqual([["260个", "快递网点数量"]]);
    // of a phrase with 的, what follows the last 的
    expect(indicators("纳入统计的规上企业研发投入强度提高到2.5%")).toEqual([["2.5%", "规上企业研发投入强度"]]);
  });

  it("reads the object between the verb and the number, with its subject in front", () => {
    expect(indicators("全年新增城镇就业岗位4500个")).toEqual([["4500个", "城镇就业岗位"]]);
    expect(indicators("乡村旅游力争实现收入12亿元")).toEqual([["12亿元", "乡村旅游收入"]]);
    // 增加值 is a noun, so 实现 governs the number
    expect(indicators("全县实现工业增加值80亿元")).toEqual([["80亿元", "工业增加值"]]);
  });

  it("lets a clause that repeats only the verb measure what the quantity before it measures", () => {
    expect(indicators("森林覆盖率2022年达到62%、2025年达到65%。")).toEqual([
      ["62%", "森林覆盖率"],
      ["65%", "森林覆盖率"],
    ]);
  });

  it("names a rate of growth or fall as the change of its subject", () => {
    expect(indicators("全区农业总产值达到90亿元、年均增长6%")).toEqual([
      ["90亿元", "农业总产值"],
      ["6%", "农业总产值年均增长率"],
    ]);
    expect(indicators("单位产值能耗较2020年下降13.5%")).toEqual([["13.5%", "单位产值能耗降幅"]]);
  });

  it("leaves a slogan the counted things take up out of their name", () => {
    expect(indicators("引导300家企业“上云用数”")).toEqual([["300家", "企业"]]);
  });

  it("leaves out what links a subject to its amount, and what opens the clause", () => {
    expect(indicators("全市城乡低保标准为每人每月900元")).toEqual([["900元", "城乡低保标准"]]);
    expect(indicators("其中：轿车号牌字符共7位")).toEqual([["7位", "轿车号牌字符"]]);
    // 其他 is a word, not 其 before one
    expect(indicators("其他人员补助标准不超过100元")).toEqual([["100元", "其他人员补助标准"]]);
  });

  it("reads a verb right after a share as what the counted things do, not as their name", () => {
    expect(indicators("接入平台的车辆100%实现定位")).toEqual([["100%", "车辆"]]);
  });

  it("finds nothing where the sentence names nothing, and inherits nothing across a clause", () => {
    expect(indicators("确保完成100%")).toEqual([["100%", null]]);
    expect(indicators("建成便民站点200个，90%以上覆盖")).toEqual([
      ["200个", "便民站点"],
      ["90%以上", null],
    ]);
  });

  it("keeps the head noun of a long phrase", () => {
    const [[, name]] = indicators("建成一批面向先进制造业集群和战略性新兴产业集群的工业互联网标识解析二级节点平台10个") as [[string, string]];
    expect(name.length).toBeLessThanOrEqual(20);
    expect(name.endsWith("平台")).toBe(true);
  });
});

describe("caps", () => {
  const cap = (s: string) => findQuantities(s).map((q) => isCap(s, q));
  it("reads 最高, 不超过 and 以内 as an upper bound", () => {
    expect(cap("给予最高50万元补助")).toEqual([true]);
    expect(cap("每家奖励不超过100万元")).toEqual([true]);
    expect(cap("补助资金30万元以内")).toEqual([true]);
  });
  it("reads a fixed amount as no cap", () => {
    expect(cap("给予每家20万元一次性补助")).toEqual([false]);
  });
});
