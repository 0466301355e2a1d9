import { describe, expect, it } from "vitest";
import { splitBodyNames } from "./body-names.js";
import { cellDate, cellNumber, cellText, parseDateText, parseNumberText, serialToIso } from "./cells.js";
import { labelKey, narrowByText, showsMeasure } from "./measure-match.js";
import { findTable, headerKey, TASK_COLUMN_SPECS } from "./table.js";
import type { Cell, SheetData } from "./xlsx-read.js";

const str = (text: string): Cell => ({ value: { type: "string", text }, formula: null, format: "general" });
const num = (value: number, format: Cell["format"] = "general"): Cell => ({ value: { type: "number", value }, formula: null, format });

describe("text", () => {
  it("takes off the quote the exporter put before formula-like text, and only that one", () => {
    expect(cellText(str(`'=HYPERLINK("http://x","y")`))).toBe(`=HYPERLINK("http://x","y")`);
    expect(cellText(str("'-1+2"))).toBe("-1+2");
    expect(cellText(str("'引号开头的进展"))).toBe("'引号开头的进展");
  });
});

describe("days", () => {
  it("reads the four ways a day is typed, and full-width digits", () => {
    for (const s of ["2024-06-30", "2024/6/30", "2024年6月30日", "2024.6.30", "20240630", "２０２４年６月３０日", " 2024 - 06 - 30 "]) expect(parseDateText(s), s).toBe("2024-06-30");
  });

  it("refuses days that are not on the calendar or not days", () => {
    for (const s of ["2023-02-29", "2024-13-01", "2024/6/31", "六月底", "2024年6月", "30/6/2024", "1899-12-31"]) expect(parseDateText(s), s).toBeNull();
  });

  it("counts serials from 1900 with Excel's 1900-02-29, and from 1904", () => {
    expect(serialToIso(1)).toBe("1900-01-01");
    expect(serialToIso(59)).toBe("1900-02-28");
    expect(serialToIso(60)).toBeNull();
    expect(serialToIso(61)).toBe("1900-03-01");
    expect(serialToIso(43921)).toBe("2020-03-31");
    expect(serialToIso(43921.99)).toBe("2020-03-31");
    expect(serialToIso(0, true)).toBe("1904-01-01");
    expect(serialToIso(42459, true)).toBe("2020-03-31");
    expect([serialToIso(0), serialToIso(-5), serialToIso(1e9), serialToIso(NaN)]).toEqual([null, null, null, null]);
    expect(cellDate(num(43921), false)).toBe("2020-03-31");
    expect(cellDate(str("2020年3月31日"))).toBe("2020-03-31");
  });
});

describe("numbers", () => {
  it("reads a number as bodies type it, 万 and 亿 multiplied out", () => {
    expect(parseNumberText("1,234.5")).toEqual({ value: 1234.5, percent: false, unit: "" });
    expect(parseNumberText("４．８万座")).toEqual({ value: 48000, percent: false, unit: "座" });
    expect(parseNumberText("0.7万")).toEqual({ value: 7000, percent: false, unit: "" });
    expect(parseNumberText("1.5亿元")).toEqual({ value: 150000000, percent: false, unit: "元" });
    expect(parseNumberText("85%")).toEqual({ value: 85, percent: true, unit: "%" });
    expect(parseNumberText("-3")).toEqual({ value: -3, percent: false, unit: "" });
  });

  it("refuses what is not one number", () => {
    for (const s of ["约4万", "4万左右", "4万以上", "两千", "1-2", "3个和4个", "12.5.3", "", "abc", "1e5"]) expect(parseNumberText(s), s).toBeNull();
  });

  it("reads a number cell in a percent style as the percentage shown", () => {
    expect(cellNumber(num(0.85, "percent"))).toEqual({ value: 85, percent: true, unit: "%" });
    expect(cellNumber(num(0.85))).toEqual({ value: 0.85, percent: false, unit: "" });
  });
});

describe("headers, labels, names", () => {
  it("compares headers without spaces, marks and notes", () => {
    expect(["完成数值", " 完成\n数值 ", "*完成数值", "完成数值（填写）", "完成数值(万座)", "完成数值：请填数字"].map(headerKey)).toEqual(Array(6).fill("完成数值"));
  });

  it("finds the header below a title and by its texts, whatever the order", () => {
    const row = (r: number, texts: string[]) => ({ r, cells: new Map(texts.map((t, i) => [i, str(t)])) });
    const sheet: SheetData = {
      name: "S",
      state: "visible",
      rows: [row(1, ["关于……的任务分工表"]), row(2, ["填报单位：", "日期："]), row(3, ["最新进展", "序号", "填报 单位"]), row(4, ["进展", "1.", "省财政厅"])],
      merges: [{ top: 1, bottom: 1, left: 0, right: 2 }],
    };
    const t = findTable(sheet, TASK_COLUMN_SPECS, (f) => f.has("label") && f.has("body"))!;
    expect(t.headerRow).toBe(3);
    expect([...t.columns]).toEqual([["latest", 0], ["label", 1], ["body", 2]]);
    expect(t.rows.map((r) => r.row)).toEqual([4]);
  });

  it("folds the ways a label is written", () => {
    expect(["1.", "1", "１．", " 1、"].map(labelKey)).toEqual(["1", "1", "1", "1"]);
    expect(labelKey("（一）")).toBe(labelKey("(一)"));
    expect(labelKey("（一）")).not.toBe(labelKey("一、"));
  });

  it("splits a cell of body names and drops role notes, keeping a name's own brackets", () => {
    expect(splitBodyNames("省发展改革委（牵头）、省财政厅,省教育厅；广州铁路（集团）公司\n省通信管理局等")).toEqual([
      "省发展改革委",
      "省财政厅",
      "省教育厅",
      "广州铁路（集团）公司",
      "省通信管理局",
    ]);
  });

  it("tells a measure's text as exported from a changed one, spacing and punctuation aside", () => {
    const m = { label: "1.", title: "提速5G网络建设", text: "1. 提速5G网络建设。到2020年底建成基站4.8万座。" };
    expect(showsMeasure("提速5G网络建设", m)).toBe(true);
    expect(showsMeasure("1.提速5G网络建设 到2020年底建成基站4.8万座", m)).toBe(true);
    expect(showsMeasure("提速5G网络建设。到2020年底建成基站5万座。", m)).toBe(false);
    const a = { id: 1, measure: { label: "1.", title: "甲", text: "1. 甲。推进甲项工作。" } };
    const b = { id: 2, measure: { label: "1.", title: "乙", text: "1. 乙。推进乙项工作。" } };
    expect(narrowByText([a, b], "乙").map((x) => x.id)).toEqual([2]);
    expect(narrowByText([a, b], "").map((x) => x.id)).toEqual([1, 2]);
  });
});
