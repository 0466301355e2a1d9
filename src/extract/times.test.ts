import { describe, expect, it } from "vitest";
import { findStartYear, findTimeExpressions } from "./times.js";

const dates = (s: string, docYear: number | null = 2020, startYear: number | null = null) =>
  findTimeExpressions(s, { docYear, startYear }).map((t) => [t.text, t.date, t.baseline]);

describe("findTimeExpressions", () => {
  it("resolves quarters, half years, month ends and days", () => {
    expect(dates("2020 年三季度末提前完成")).toEqual([["2020 年三季度末", "2020-09-30", false]]);
    expect(dates("2017年6月底前完成")).toEqual([["2017年6月底前", "2017-06-30", false]]);
    expect(dates("2017年10月1日前取消")).toEqual([["2017年10月1日前", "2017-10-01", false]]);
    expect(dates("到2020年底，到2021年")).toEqual([
      ["2020年底", "2020-12-31", false],
      ["2021年", "2021-12-31", false],
    ]);
    expect(dates("2021年上半年")).toEqual([["2021年上半年", "2021-06-30", false]]);
  });
  it("places 年底前, 年内, 全年, 上半年 and 6月底前 in the document's year", () => {
    expect(dates("年底前实现，年内建成，全年新增", 2017)).toEqual([
      ["年底前", "2017-12-31", false],
      ["年内", "2017-12-31", false],
      ["全年", "2017-12-31", false],
    ]);
    expect(dates("上半年完成；6月底前上线；三季度末验收", 2019)).toEqual([
      ["上半年", "2019-06-30", false],
      ["6月底前", "2019-06-30", false],
      ["三季度末", "2019-09-30", false],
    ]);
    expect(dates("年内建成", null)).toEqual([["年内", null, false]]);
  });
  it("counts N年内 from a stated start, else from the document's year", () => {
    expect(dates("5年内引进100名", 2012, 2012)).toEqual([["5年内", "2016-12-31", false]]);
    expect(dates("3年内建成", 2020)).toEqual([["3年内", "2022-12-31", false]]);
    expect(findStartYear("自2012年起，5年内")).toBe(2012);
  });
  it("flags baselines after 较/比/同比", () => {
    expect(dates("实现2020年资费较2019年底均降低15%")).toEqual([
      ["2020年", "2020-12-31", false],
      ["2019年底", "2019-12-31", true],
    ]);
  });
  it("flags a time inside 在…的基础上 as a baseline, and 比 inside 比例 as no comparison", () => {
    expect(dates("在2021年完成摸底调查的基础上，2023年底前建成")).toEqual([
      ["2021年", "2021-12-31", true],
      ["2023年底前", "2023-12-31", false],
    ]);
    expect(dates("在2024年底前完成改造")).toEqual([["2024年底前", "2024-12-31", false]]);
    expect(dates("占比2025年达到30%")).toEqual([["2025年", "2025-12-31", false]]);
  });
  it("does not read a year that opens an event's name as a time", () => {
    expect(dates("2021 年亚青会等重大活动")).toEqual([]);
  });
});

describe("a time that says which things are meant", () => {
  it("reads 2000年前建成的 as no deadline", () => {
    const t = findTimeExpressions("完成2000年前建成的老旧小区改造", { docYear: 2025 });
    expect(t.every((x) => x.baseline)).toBe(true);
  });
});
