import fc from "fast-check";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Document, Packer, Paragraph } from "docx";
import { fakeZip } from "../../test/support/zip.js";
import {
  deflatedZeros,
  excelWorkbook,
  inlineSheetXml,
  manyRowsSheet,
  rawWorkbook,
  sharedStringsOf,
  workbookAround,
  type CellInput,
} from "../../test/support/xlsx.js";
import { cellDate, cellText } from "./cells.js";
import { columnIndex, columnLetter, formatKind, XlsxError, XlsxFile, type SheetData } from "./xlsx-read.js";

const texts = (s: SheetData) => s.rows.map((r) => [r.r, ...[...r.cells].sort((a, b) => a[0] - b[0]).map(([c, cell]) => `${columnLetter(c)}=${cellText(cell)}`)]);

async function refusal(bytes: Uint8Array, name: string, read = true): Promise<XlsxError> {
  try {
    const f = await XlsxFile.open(bytes, name);
    if (read) for (const s of f.sheets) await f.readSheet(s.name);
  } catch (err) {
    if (err instanceof XlsxError) return err;
    throw err;
  }
  throw new Error(`${name} was read`);
}

const TABLE: CellInput[][] = [
  ["关于印发若干政策措施的任务分工表"],
  ["序号", "具体措施", "填报单位", "最新进展", "完成数值", "任务编号"],
  ["1.", "提速5G网络建设", "省通信管理局", "已建成基站4.2万座", 42000, 17],
  ["2.", "完善乡村信息基础设施", "省财政厅", "", "", 18],
];

describe("reading a workbook", () => {
  it("reads the same rows from shared strings (Excel) and inline strings (WPS)", async () => {
    const { sheetXml, sharedStrings } = sharedStringsOf(TABLE);
    const excel = await XlsxFile.open(await rawWorkbook({ sheets: [{ name: "任务分工表", xml: sheetXml }], sharedStrings }), "excel.xlsx");
    const wps = await XlsxFile.open(await rawWorkbook({ sheets: [{ name: "任务分工表", xml: inlineSheetXml(TABLE) }] }), "wps.xlsx");
    const a = texts(await excel.readSheet("任务分工表"));
    const b = texts(await wps.readSheet("任务分工表"));
    expect(a).toEqual(b);
    expect(a[2]).toEqual([3, "A=1.", "B=提速5G网络建设", "C=省通信管理局", "D=已建成基站4.2万座", "E=42000", "F=17"]);
  });

  it("reads what exceljs writes, and the same through exceljs as raw", async () => {
    const f = await XlsxFile.open(await excelWorkbook([{ rows: TABLE }]), "exceljs.xlsx");
    const raw = await XlsxFile.open(await rawWorkbook({ sheets: [{ name: "任务分工表", rows: TABLE }] }), "raw.xlsx");
    expect(texts(await f.readSheet("任务分工表"))).toEqual(texts(await raw.readSheet("任务分工表")));
  });

  it("joins rich text runs, leaves out phonetic runs, decodes _xHHHH_ escapes and entities", async () => {
    const sharedStrings = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><rPr><b/></rPr><t>已建成</t></r><r><t xml:space="preserve"> 4.2万座</t></r><rPh sb="0" eb="1"><t>ケン</t></rPh></si><si><t>第一行_x000D_
第二行 &amp; &lt;完&gt;</t></si></sst>`;
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><r><t>内联</t></r><r><t>富文本</t></r></is></c></row></sheetData></worksheet>`;
    const f = await XlsxFile.open(await rawWorkbook({ sheets: [{ name: "S", xml: sheet }], sharedStrings }), "rich.xlsx");
    const row = (await f.readSheet("S")).rows[0]!;
    expect(cellText(row.cells.get(0))).toBe("已建成 4.2万座");
    expect(cellText(row.cells.get(1))).toBe("第一行\r\n第二行 & <完>");
    expect(cellText(row.cells.get(2))).toBe("内联富文本");
  });

  it("reads numbers, booleans, errors, and lists hidden sheets with their state", async () => {
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="3"><c r="B3"><v>1.5E-3</v></c><c r="C3" t="b"><v>1</v></c><c r="D3" t="e"><v>#N/A</v></c><c r="E3"><v>0.30000000000000004</v></c></row></sheetData></worksheet>`;
    const f = await XlsxFile.open(
      await rawWorkbook({ sheets: [{ name: "S", xml: sheet }, { name: "luoshi", rows: [["x"]], state: "veryHidden" }] }),
      "types.xlsx",
    );
    expect(f.sheets).toEqual([{ name: "S", state: "visible" }, { name: "luoshi", state: "veryHidden" }]);
    expect(texts(await f.readSheet("S"))).toEqual([[3, "B=0.0015", "C=TRUE", "D=#N/A", "E=0.3"]]);
  });

  it("reads a date serial in a date style as its day, in the 1900 system (with its leap-year bug) and in date1904", async () => {
    const styles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="10"/></cellXfs></styleSheet>`;
    const sheet = (cells: string) => `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cells}</row></sheetData></worksheet>`;
    // 45473 is 2024-06-30 counted from 1900; 59 and 61 sit either side of Excel's 1900-02-29
    const cells1900 = `<c r="A1" s="1"><v>45473</v></c><c r="B1" s="2"><v>45473.75</v></c><c r="C1" s="1"><v>59</v></c><c r="D1" s="1"><v>61</v></c><c r="E1" s="3"><v>0.85</v></c>`;
    const f = await XlsxFile.open(await rawWorkbook({ sheets: [{ name: "S", xml: sheet(cells1900) }], styles }), "d1900.xlsx");
    expect(texts(await f.readSheet("S"))).toEqual([[1, "A=2024-06-30", "B=2024-06-30", "C=1900-02-28", "D=1900-03-01", "E=85%"]]);
    // the same day in a 1904 workbook is 1462 days less
    const g = await XlsxFile.open(await rawWorkbook({ sheets: [{ name: "S", xml: sheet(`<c r="A1" s="1"><v>44011</v></c>`) }], styles, date1904: true }), "d1904.xlsx");
    expect(g.date1904).toBe(true);
    const cell = (await g.readSheet("S")).rows[0]!.cells.get(0)!;
    expect(cellDate(cell, g.date1904)).toBe("2024-06-30");
    expect(cellDate(cell, false)).toBe("2020-06-29");
  });

  it("reads a date exceljs writes (a date style on a serial) as the day", async () => {
    const f = await XlsxFile.open(await excelWorkbook([{ rows: [[new Date(Date.UTC(2024, 5, 30))]] }]), "date.xlsx");
    expect(texts(await f.readSheet("任务分工表"))).toEqual([[1, "A=2024-06-30"]]);
  });

  it("keeps merged ranges and the value in the top-left cell only", async () => {
    const f = await XlsxFile.open(await excelWorkbook([{ rows: [["标题"], ["a", "b"]], merges: ["A1:B1"] }]), "merge.xlsx");
    const s = await f.readSheet("任务分工表");
    expect(s.merges).toEqual([{ top: 1, bottom: 1, left: 0, right: 1 }]);
    expect(texts(s)[0]).toEqual([1, "A=标题"]);
  });

  it("reports formulas as written with their cached value, never evaluated", async () => {
    const rows: CellInput[][] = [
      [{ formula: 'HYPERLINK("http://evil.example/x","点此查看")', result: "点此查看" }, { formula: "cmd|' /C calc'!A0", result: 0 }, { formula: "1+1" }],
    ];
    const f = await XlsxFile.open(await rawWorkbook({ sheets: [{ name: "S", rows }] }), "formulas.xlsx");
    const cells = (await f.readSheet("S")).rows[0]!.cells;
    expect(cells.get(0)).toMatchObject({ formula: 'HYPERLINK("http://evil.example/x","点此查看")', value: { type: "string", text: "点此查看" } });
    expect(cells.get(1)).toMatchObject({ formula: "cmd|' /C calc'!A0", value: { type: "number", value: 0 } });
    // no cached value: nothing computed it (2 would mean we evaluated it)
    expect(cells.get(2)).toMatchObject({ formula: "1+1", value: { type: "empty" } });
  });

  it("maps column letters both ways and tells date and percent formats", () => {
    expect([columnIndex("A"), columnIndex("Z"), columnIndex("AB"), columnIndex("XFD")]).toEqual([0, 25, 27, 16383]);
    expect([0, 25, 27, 16383].map(columnLetter)).toEqual(["A", "Z", "AB", "XFD"]);
    expect(formatKind('yyyy"年"m"月"d"日"')).toBe("date");
    expect(formatKind("[$-804]yyyy/m/d;@")).toBe("date");
    expect(formatKind("0.00%")).toBe("percent");
    expect(formatKind('#,##0"个"')).toBe("general");
    expect(formatKind('0.0"m"')).toBe("general");
    expect(formatKind("General")).toBe("general");
  });
});

describe("refusing files that are not a workbook", () => {
  it("names a legacy .xls (OLE2) and says to save it as .xlsx", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(4000)]);
    const e = await refusal(ole, "进展表.xls");
    expect(e.kind).toBe("unsupported");
    expect(e.message).toMatch(/^「进展表\.xls」是旧版 Excel 格式（\.xls）.*另存为.*\.xlsx/);
  });

  it("names a PDF renamed .xlsx, a DOCX, a CSV, random bytes, an empty and a truncated file", async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("不是表格")] }] }));
    const xlsx = await rawWorkbook({ sheets: [{ name: "S", rows: TABLE }] });
    const cases: Array<[Uint8Array, string, RegExp, XlsxError["kind"]]> = [
      [Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), "进展.xlsx", /^「进展\.xlsx」是 PDF 文件/, "unsupported"],
      [docx, "进展.xlsx", /^「进展\.xlsx」是 Word 文档（\.docx）/, "unsupported"],
      [Buffer.from("序号,填报单位,最新进展\n1.,省财政厅,已完成\n"), "进展.csv", /^「进展\.csv」是 CSV 或文本文件.*另存为 \.xlsx/, "unsupported"],
      [Buffer.from(new TextEncoder().encode("序号\t填报单位\n")), "进展.xlsx", /是 CSV 或文本文件/, "unsupported"],
      [Buffer.concat([Buffer.from([0x00, 0x01, 0x02]), randomBytes(2000)]), "随机.xlsx", /^「随机\.xlsx」不是 Excel 表格（\.xlsx）/, "unsupported"],
      [new Uint8Array(0), "空.xlsx", /^「空\.xlsx」是空文件/, "unreadable"],
      [xlsx.subarray(0, xlsx.length - 200), "截断.xlsx", /^「截断\.xlsx」已损坏或不完整/, "unreadable"],
      [fakeZip([{ name: "a.txt", data: Buffer.from("x"), method: 0 }]), "压缩包.xlsx", /是 ZIP 压缩包，不是 Excel 表格/, "unsupported"],
    ];
    for (const [bytes, name, message, kind] of cases) {
      const e = await refusal(bytes, name);
      expect(e.message, name).toMatch(message);
      expect(e.kind, name).toBe(kind);
    }
  });

  it("keeps a hostile file name out of the message's control characters and length", async () => {
    const e = await refusal(Buffer.from("%PDF-1.4"), `../../etc/\u202e${"长".repeat(300)}\u0000.xlsx`);
    expect(e.message).not.toMatch(/[\u0000\u202e]|\.\.\//);
    expect(e.message.length).toBeLessThan(160);
  });
});

describe("refusing hostile workbooks", () => {
  it("refuses a gigabyte of zeros from the directory alone, before inflating (1 MB file, ratio 1000:1)", async () => {
    const GB = 1024 ** 3;
    const bomb = fakeZip(workbookAround({ data: deflatedZeros(GB), declaredSize: GB }));
    expect(bomb.length).toBeLessThan(1.2 * 1024 * 1024);
    const e = await refusal(bomb, "炸弹.xlsx");
    expect(e.kind).toBe("too-large");
    expect(e.message).toMatch(/^「炸弹\.xlsx」解压后声明有 1\.0 GB，超过 200\.0 MB 的上限/);
  });

  it("refuses an entry of absurd ratio even when the total is small", async () => {
    const MB = 1024 * 1024;
    const e = await refusal(fakeZip(workbookAround({ data: deflatedZeros(50 * MB), declaredSize: 50 * MB })), "压缩比.xlsx");
    expect(e.message).toMatch(/xl\/worksheets\/sheet1\.xml 压缩比异常（\d+:1），疑似压缩炸弹/);
  });

  it("stops inflating a part that lies about its size as soon as it passes what it declared", async () => {
    // declares 50 KB, holds a gigabyte: the directory looks harmless, the stream is cut at the declared size
    const liar = fakeZip(workbookAround({ data: deflatedZeros(1024 ** 3), declaredSize: 50 * 1024 }));
    const before = process.memoryUsage().rss;
    const e = await refusal(liar, "谎报.xlsx");
    expect(e.kind).toBe("too-large");
    expect(e.message).toMatch(/sheet1\.xml 解压后超过其声明的 50\.0 KB/);
    // what was inflated was dropped as it came: nowhere near the gigabyte
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it("refuses a few kilobytes whose many entries all point at the same data (overlapping entries)", async () => {
    const shared = deflatedZeros(1024 * 1024);
    const entries = workbookAround({ data: Buffer.from(inlineSheetXml([["x"]])), declaredSize: inlineSheetXml([["x"]]).length }).map((e) =>
      e.name.endsWith("sheet1.xml") ? { ...e, method: 0 as const } : e,
    );
    // each of these claims 4 GB: written once, the directory names them 100 times
    const many = Array.from({ length: 100 }, (_, i) => ({ name: `xl/media/image${i}.bin`, data: shared.subarray(0, 10), declaredSize: 0xffffffff }));
    const zip = fakeZip([...entries, ...many]);
    expect(zip.length).toBeLessThan(20 * 1024);
    const e = await refusal(zip, "重叠.xlsx");
    expect(e.message).toMatch(/解压后声明有 400\.0 GB/);
    const tooMany = fakeZip([...entries, ...Array.from({ length: 2100 }, (_, i) => ({ name: `x/${i}`, data: Buffer.alloc(0), method: 0 as const }))]);
    expect((await refusal(tooMany, "部件.xlsx")).message).toMatch(/包含 2104 个部件，超过 2000 个的上限/);
  });

  it("refuses a million-row sheet at the row limit, having read only the start of it", async () => {
    const sheet = await manyRowsSheet(1_000_000);
    const zip = fakeZip(workbookAround(sheet));
    // a compressible but honest sheet: under the ratio limit, so it is the row count that refuses it
    expect(sheet.declaredSize / sheet.data.length).toBeLessThan(100);
    const f = await XlsxFile.open(zip, "百万行.xlsx");
    const e = await f.readSheet("任务分工表").then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(XlsxError);
    expect((e as XlsxError).kind).toBe("too-large");
    expect((e as XlsxError).message).toBe("「百万行.xlsx」的工作表“任务分工表”超过 20,000 行的上限，请拆分成几个文件分批导入");
  });

  it("expands no entity a DTD declares (billion laughs)", async () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`;
    const f = await XlsxFile.open(await rawWorkbook({ sheets: [{ name: "S", xml: lol }] }), "lol.xlsx");
    const text = cellText((await f.readSheet("S")).rows[0]!.cells.get(0));
    expect(text).not.toContain("lollol");
  });
});

describe("damaged workbooks", () => {
  it("refuses a directory entry whose name runs past the end of the file (read past the end before)", async () => {
    const zip = Buffer.from(await rawWorkbook({ sheets: [{ name: "S", rows: TABLE }] }));
    const cd = zip.readUInt32LE(zip.length - 22 + 16);
    zip.writeUInt16LE(0xffff, cd + 28);
    const e = await refusal(zip, "坏目录.xlsx");
    expect([e.kind, e.message]).toEqual(["unreadable", "「坏目录.xlsx」已损坏或不完整，无法读取"]);
  });

  it("answers a workbook with bytes changed anywhere with its rows or an XlsxError, never another failure (seeded)", async () => {
    const good = await rawWorkbook({ sheets: [{ name: "任务分工表", rows: TABLE, merges: ["A1:F1"] }, { name: "luoshi", rows: [["版本", 1]], state: "hidden" }] });
    const outcomes = { read: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (edits) => {
        const bytes = Buffer.from(good);
        for (const [at, b] of edits) bytes[at] = b;
        try {
          const f = await XlsxFile.open(bytes, "坏.xlsx");
          for (const s of f.sheets) await f.readSheet(s.name);
          outcomes.read++;
        } catch (err) {
          if (!(err instanceof XlsxError)) throw err;
          expect(err.message).toMatch(/^「坏\.xlsx」/);
          outcomes.refused++;
        }
      }),
      { seed: 20_240_630, numRuns: 300 },
    );
    // both happen: some changes land in bytes that do not matter, most break the archive
    expect(outcomes.read).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});
