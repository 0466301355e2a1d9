import { describe, expect, it } from "vitest";
import { cellText, escapeCell, MAX_CELL_CHARS, startsLikeFormula, unescapeCell, xmlSafe } from "./cell-text.js";

describe("cell text", () => {
  it("puts a quote before anything a spreadsheet would read as a formula", () => {
    for (const s of ['=HYPERLINK("http://x","y")', "@SUM(1)", "-1+2", "+1", "\t=1", "\r=1"]) {
      expect(escapeCell(s)).toBe(`'${s}`);
      expect(startsLikeFormula(escapeCell(s))).toBe(false);
    }
  });

  it("leaves ordinary text as it is, a formula character inside it too", () => {
    for (const s of ["提速5G网络建设", "1.", "（一）", "a=b", "5G基站 4.8万座", "", "'quoted already"]) expect(escapeCell(s)).toBe(s);
  });

  it("gives the text back through unescapeCell, and only the quote it added", () => {
    for (const s of ["=1+1", "@x", "-5", "普通文字", "'not ours", "''=x"]) expect(unescapeCell(escapeCell(s))).toBe(s);
    expect(unescapeCell("'abc")).toBe("'abc");
  });

  it("drops what XML cannot carry and keeps tabs, line breaks and astral characters", () => {
    expect(xmlSafe("a\u0000b\u0007c\u001fd\uFFFEe")).toBe("abcde");
    expect(xmlSafe("行一\n行二\t列\r")).toBe("行一\n行二\t列\r");
    expect(xmlSafe("𠀀字")).toBe("𠀀字");
    expect(xmlSafe("lone\uD800 high, lone\uDC00 low")).toBe("lone high, lone low");
  });

  it("cuts text longer than a cell holds, and escapes after cleaning", () => {
    const long = "字".repeat(MAX_CELL_CHARS + 10);
    const c = cellText(long);
    expect(c.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(c.endsWith("…")).toBe(true);
    // a control character before the formula must not hide it
    expect(cellText("\u0001=1+1")).toBe("'=1+1");
    expect(cellText(null)).toBe("");
  });
});
