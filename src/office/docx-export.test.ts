/**
 * The DOCX as other programs read it: its text through mammoth, its XML through jszip (not docx, which wrote it).
 */
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TODAY } from "../../test/support/api.js";
import { pglite } from "../../test/support/engines.js";
import { FORMULAS, officeStore, openPackage } from "../../test/support/office.js";
import { DOCX_COLUMNS, taskTableDocx } from "./docx-export.js";
import { gatherTaskTable, type TaskTable } from "./task-table.js";

describe("the DOCX 任务分工表, read back with mammoth and jszip", () => {
  let close: () => Promise<void>;
  let table: TaskTable;
  let sample: TaskTable;
  let bytes: Uint8Array;
  let doc: Awaited<ReturnType<typeof openPackage>>;

  beforeAll(async () => {
    const s = await officeStore(pglite);
    close = s.close;
    const now = new Date("2020-06-15T08:00:00Z");
    table = await gatherTaskTable(s.db, { filter: { documentId: s.hostile }, today: TODAY, now });
    sample = await gatherTaskTable(s.db, { filter: { documentId: s.sample }, today: TODAY, now });
    bytes = await taskTableDocx(table);
    doc = await openPackage(bytes);
  });
  afterAll(async () => close?.());

  it("reads as the title, the headers and every measure", async () => {
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    expect(text).toContain("=关于单元格注入测试的若干措施任务分工表");
    for (const c of DOCX_COLUMNS) expect(text).toContain(c.header);
    expect(text).not.toContain("任务编号");
    for (const f of FORMULAS) expect(text).toContain(f);
    // control characters of the document are gone, the rest of its text stays
    expect(text).toContain('含"引号",逗号与控制字符。');
    const sampleText = (await mammoth.extractRawText({ buffer: Buffer.from(await taskTableDocx(sample)) })).value;
    for (const r of sample.rows) expect(sampleText).toContain(r.cells.measure.split("\n")[0]!);
  });

  it("repeats the header row on every page and merges the measure's cells down its rows", async () => {
    const $ = await doc.xml("word/document.xml");
    const rows = $("w\\:tbl > w\\:tr").toArray();
    expect($(rows[0]!).find("w\\:trPr w\\:tblHeader").length).toBe(1);
    expect($(rows[1]!).find("w\\:tblHeader").length).toBe(0);
    // measure 1 has two tasks: its columns restart in the first row and continue in the second
    const merged = DOCX_COLUMNS.filter((c) => c.perMeasure).length;
    expect($(rows[1]!).find('w\\:vMerge[w\\:val="restart"]').length).toBe(merged);
    const cont = $(rows[2]!).find("w\\:vMerge").toArray().filter((v) => (v.attribs["w:val"] ?? "continue") === "continue");
    expect(cont.length).toBe(merged);
    expect($(rows[3]!).find("w\\:vMerge").length).toBe(0);
    expect(rows.length).toBe(1 + table.rows.length);
  });

  it("is A4 landscape in 公文 fonts", async () => {
    const $ = await doc.xml("word/document.xml");
    const size = $("w\\:sectPr w\\:pgSz");
    expect(size.attr("w:orient")).toBe("landscape");
    expect([Number(size.attr("w:w")), Number(size.attr("w:h"))]).toEqual([16838, 11906]);
    const styles = await doc.xml("word/styles.xml");
    const fonts = new Set([...$("w\\:rFonts").toArray(), ...styles("w\\:rFonts").toArray()].map((f) => f.attribs["w:eastAsia"]));
    expect(fonts).toEqual(new Set(["方正小标宋简体", "仿宋_GB2312", "黑体"]));
    // the table's text: 仿宋_GB2312 五号 (10.5 pt) through its paragraph style, the header row in 黑体
    const style = (id: string) => styles(`w\\:style[w\\:styleId="${id}"]`);
    const measureColumn = DOCX_COLUMNS.findIndex((c) => c.key === "measure");
    const cellStyle = $("w\\:tbl w\\:tr").eq(1).find("w\\:tc").eq(measureColumn).find("w\\:pStyle").first().attr("w:val")!;
    expect(style(cellStyle).find("w\\:rFonts").attr("w:eastAsia")).toBe("仿宋_GB2312");
    expect(style(cellStyle).find("w\\:sz").attr("w:val")).toBe("21");
    const headStyle = $("w\\:tbl w\\:tr").eq(0).find("w\\:pStyle").first().attr("w:val")!;
    expect(style(headStyle).find("w\\:rFonts").attr("w:eastAsia")).toBe("黑体");
    const title = $("w\\:body > w\\:p").first();
    expect(title.find("w\\:jc").attr("w:val")).toBe("center");
    expect(title.find("w\\:sz").attr("w:val")).toBe("44");
  });

  it("numbers the pages in the footer as — 1 —", async () => {
    const footers = doc.names.filter((n) => /^word\/footer\d*\.xml$/.test(n));
    expect(footers.length).toBeGreaterThan(0);
    const $ = await doc.xml(footers[0]!);
    expect($("w\\:instrText").text().trim()).toBe("PAGE");
    expect($("w\\:t").toArray().map((t) => $(t).text())).toEqual(["— ", " —"]);
  });
});
