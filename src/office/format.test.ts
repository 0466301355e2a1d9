import { describe, expect, it } from "vitest";
import { targetText, zhDeadline, zhNumber, zhQuantity } from "./format.js";

describe("targets as officials write them", () => {
  it("writes numbers with 万 and 亿", () => {
    expect(zhNumber(48000)).toBe("4.8万");
    expect(zhNumber(12345)).toBe("12345");
    expect(zhNumber(20_000_000)).toBe("2000万");
    expect(zhNumber(300_000_000)).toBe("3亿");
    expect(zhNumber(0.5)).toBe("0.5");
    expect(zhQuantity(5, "万元")).toBe("5万元");
  });

  it("reads the end of a year as 年底", () => {
    expect(zhDeadline("2020-12-31")).toBe("2020年底");
    expect(zhDeadline("2020-09-30")).toBe("2020年9月30日");
  });

  it("names the indicator, the amount and the deadline", () => {
    expect(targetText({ indicator: "5G基站", value: 48000, max: null, unit: "座", deadline: "2020-12-31" })).toBe("5G基站 4.8万座（2020年底前）");
    expect(targetText({ indicator: null, value: 10, max: 20, unit: "个", deadline: null })).toBe("10–20个");
    expect(targetText({ indicator: "覆盖率", value: 90, max: null, unit: "%", deadline: "2021-06-30" })).toBe("覆盖率 90%（2021年6月30日前）");
  });
});
