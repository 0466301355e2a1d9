import { describe, expect, it } from "vitest";
import { addDays, daysUntil, fmtAmount, fmtDate, fmtHeading, fmtDateTime, fmtDue, fmtMonth, fmtNumber, fmtPercent, fmtQuantity, fmtTarget, isPast } from "./format.js";

describe("fmtDate", () => {
  it("writes dates as officials do", () => {
    expect(fmtDate("2020-09-30")).toBe("2020年9月30日");
    expect(fmtDate("2021-01-05")).toBe("2021年1月5日");
    expect(fmtDate(null)).toBe("—");
    expect(fmtDate("")).toBe("—");
  });
  it("reads timestamps on the China calendar (UTC+8)", () => {
    expect(fmtDate("2020-09-30T17:00:00Z")).toBe("2020年10月1日");
    expect(fmtDate("2020-09-30T15:59:59Z")).toBe("2020年9月30日");
    expect(fmtDateTime("2020-09-30T06:05:00Z")).toBe("2020年9月30日 14:05");
  });
  it("leaves what is not a date alone", () => {
    expect(fmtDate("年底前")).toBe("年底前");
    expect(fmtMonth("2020-09")).toBe("2020年9月");
  });
});

describe("fmtNumber", () => {
  it("keeps small numbers whole", () => {
    expect(fmtNumber(0)).toBe("0");
    expect(fmtNumber(8000)).toBe("8000");
    expect(fmtNumber(12.5)).toBe("12.5");
    expect(fmtNumber(1 / 3)).toBe("0.33");
  });
  it("uses 万 and 亿", () => {
    expect(fmtNumber(10_000)).toBe("1万");
    expect(fmtNumber(15_000)).toBe("1.5万");
    expect(fmtNumber(123_456)).toBe("12.35万");
    expect(fmtNumber(300_000_000)).toBe("3亿");
    expect(fmtNumber(1_250_000_000)).toBe("12.5亿");
    expect(fmtNumber(1.2e12)).toBe("1.2万亿");
    expect(fmtNumber(-20_000)).toBe("-2万");
  });
  it("does not round a number below 10万 that 万 cannot carry exactly", () => {
    expect(fmtNumber(12_345)).toBe("12345");
  });
  it("shows a dash for nothing", () => {
    expect(fmtNumber(null)).toBe("—");
    expect(fmtNumber(Number.NaN)).toBe("—");
  });
});

describe("fmtQuantity and fmtPercent", () => {
  it("keeps a unit that carries its own 万/亿", () => {
    expect(fmtQuantity(5000, "万元")).toBe("5000万元");
    expect(fmtQuantity(50_000, "个")).toBe("5万个");
    expect(fmtQuantity(null, "个")).toBe("—");
  });
  it("writes shares as percentages", () => {
    expect(fmtPercent(0.853)).toBe("85.3%");
    expect(fmtPercent(1)).toBe("100%");
    expect(fmtPercent(null)).toBe("—");
  });
});

describe("due dates", () => {
  it("counts days", () => {
    expect(daysUntil("2020-10-01", "2020-09-30")).toBe(1);
    expect(fmtDue("2020-10-03", "2020-09-30")).toBe("还剩 3 天");
    expect(fmtDue("2020-09-30", "2020-09-30")).toBe("今日到期");
    expect(fmtDue("2020-09-25", "2020-09-30")).toBe("已逾期 5 天");
    expect(fmtDue(null, "2020-09-30")).toBe("未定时限");
    expect(addDays("2020-02-28", 2)).toBe("2020-03-01");
  });
});

describe("fmtAmount", () => {
  it("writes a cap as a cap, never as a fixed amount", () => {
    expect(fmtAmount({ value: 300_000, unit: "元", cap: true, kind: "incentive" })).toBe("最高30万元");
    expect(fmtAmount({ value: 5, unit: "%", cap: true, kind: "target" })).toBe("不超过5%");
    expect(fmtAmount({ value: 300_000, unit: "元", cap: false, kind: "incentive" })).toBe("30万元");
  });
  it("writes a range with both ends", () => {
    expect(fmtAmount({ value: 3, max: 5, unit: "个" })).toBe("3—5个");
    expect(fmtAmount({ value: 48_000, max: null, unit: "座" })).toBe("4.8万座");
  });
});

describe("isPast", () => {
  it("says a day before today is past, today and later not", () => {
    expect(isPast("2020-12-31", "2021-01-01")).toBe(true);
    expect(isPast("2021-01-01", "2021-01-01")).toBe(false);
    expect(isPast(null, "2021-01-01")).toBe(false);
  });
});

describe("fmtHeading", () => {
  it("puts the label as written before the title, spaced only where no mark closes it", () => {
    expect(fmtHeading("一、", "加快信息基础设施建设")).toBe("一、加快信息基础设施建设");
    expect(fmtHeading("（一）", "发展生活类信息消费")).toBe("（一）发展生活类信息消费");
    expect(fmtHeading("1.", "提速5G网络建设")).toBe("1. 提速5G网络建设");
    expect(fmtHeading("第三条", "资金支持")).toBe("第三条 资金支持");
    expect(fmtHeading("", "无编号")).toBe("无编号");
  });
});

describe("a target as written", () => {
  it("keeps both ends of a range, and writes a single value alone", () => {
    expect(fmtTarget(3, 5, "个")).toBe("3–5个");
    expect(fmtTarget(3, null, "个")).toBe("3个");
    expect(fmtTarget(48000, 48000, "座")).toBe(fmtQuantity(48000, "座"));
    expect(fmtTarget(null, 5, "个")).toBe("—");
  });
});
