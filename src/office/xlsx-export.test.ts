/**
 * The XLSX as another program reads it: unzipped with jszip and its XML parsed (not exceljs, which wrote it), from a
 * store whose document text is hostile.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TODAY } from "../../test/support/api.js";
import { pglite } from "../../test/support/engines.js";
import { FORMULAS, officeStore, readXlsx } from "../../test/support/office.js";
import { cellText } from "./cell-text.js";
import { COMPLETION_DONE, COMPLETION_ONGOING, HIDDEN_SHEET_NAME, HIDDEN_TASK_HEADERS, TASK_SHEET_NAME, TASK_TABLE_COLUMNS, TASK_TABLE_VERSION } from "./layout.js";
import { gatherTaskTable, type TaskTable } from "./task-table.js";
import { HEADER_ROW, linesIn, taskTableXlsx } from "./xlsx-export.js";

const col = (key: string) => String.fromCharCode(65 + TASK_TABLE_COLUMNS.findIndex((c) => c.key === key));
const FIRST = HEADER_ROW + 1;

describe("the XLSX 任务分工表, read back with jszip", () => {
  let close: () => Promise<void>;
  let table: TaskTable;
  let x: Awaited<ReturnType<typeof readXlsx>>;
  let sheet: Awaited<ReturnType<Awaited<ReturnType<typeof readXlsx>>["sheet"]>>;

  beforeAll(async () => {
    const s = await officeStore(pglite);
    close = s.close;
    table = await gatherTaskTable(s.db, { filter: { documentId: s.hostile }, today: TODAY, now: new Date("2020-06-15T08:00:00Z") });
    x = await readXlsx(await taskTableXlsx(table));
    sheet = await x.sheet(TASK_SHEET_NAME);
  });
  afterAll(async () => close?.());

  it("has the task sheet and a very hidden sheet", () => {
    expect(x.sheets.map((s) => [s.name, s.state])).toEqual([
      [TASK_SHEET_NAME, "visible"],
      [HIDDEN_SHEET_NAME, "veryHidden"],
    ]);
  });

  it("has the title, the header row and the rows' cells", async () => {
    expect(sheet.text("A1")).toBe("'=关于单元格注入测试的若干措施任务分工表");
    TASK_TABLE_COLUMNS.forEach((c, i) => expect(sheet.text(`${String.fromCharCode(65 + i)}${HEADER_ROW}`)).toBe(c.header));
    expect(sheet.text(`${col("label")}${FIRST}`)).toBe("1.");
    expect(sheet.text(`${col("body")}${FIRST + 1}`)).toBe("广东省通信管理局");
    expect(sheet.text(`${col("status")}${FIRST}`)).toBe("已退回");
    // the report's text alone, so that a row sent back unchanged is the same report; its day in a note
    expect(sheet.text(`${col("latest")}${FIRST}`)).toBe("'=已完成选址，@进度过半");
    const comments = x.pkg.names.filter((n) => /^xl\/comments\d*\.xml$/.test(n));
    expect(comments).toHaveLength(1);
    const notes = await x.pkg.xml(comments[0]!);
    expect(notes("comment").toArray().map((c) => [c.attribs.ref, notes(c).text()])).toEqual([[`${col("latest")}${FIRST}`, "2020年5月1日报送"]]);
    expect(sheet.text(`${col("taskId")}${FIRST}`)).toBe(String(table.rows[0]!.taskId));
  });

  it("escapes every formula of the document and writes no formula at all", () => {
    expect(sheet.text(`${col("heading")}${FIRST}`)).toBe("'=1+2重点任务");
    expect(sheet.text(`${col("measure")}${FIRST}`).startsWith(`'${FORMULAS[0]}`)).toBe(true);
    const measures = [...sheet.cells.entries()].filter(([ref]) => ref.startsWith(col("measure"))).map(([, c]) => c.text);
    for (const f of FORMULAS) expect(measures.some((m) => m.startsWith(`'${f}`))).toBe(true);
    for (const [ref, c] of sheet.cells) {
      expect(c.formula, ref).toBe(false);
      expect(c.text, ref).not.toMatch(/^[=+\-@\t\r]/);
      expect(c.text, ref).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    }
    expect(sheet.$("f").length).toBe(0);
  });

  it("merges the measure's columns down its tasks' rows, and no body column", () => {
    const merges = sheet.$("mergeCell").toArray().map((m) => m.attribs.ref ?? "");
    expect(merges).toContain("A1:L1");
    for (const c of TASK_TABLE_COLUMNS) {
      const range = `${col(c.key)}${FIRST}:${col(c.key)}${FIRST + 1}`;
      if (c.perMeasure) expect(merges).toContain(range);
      else expect(merges).not.toContain(range);
    }
    // the measures of one task are not merged
    expect(merges.some((m) => m.startsWith(`A${FIRST + 2}:`))).toBe(false);
  });

  it("hides the 任务编号 column, freezes the rows above the data and sets up A4 landscape printing", () => {
    const id = TASK_TABLE_COLUMNS.findIndex((c) => c.key === "taskId") + 1;
    const hidden = sheet.$("cols col").toArray().filter((c) => c.attribs.hidden === "1");
    expect(hidden.map((c) => [c.attribs.min, c.attribs.max])).toEqual([[String(id), String(id)]]);
    const pane = sheet.$("sheetView pane");
    expect(pane.attr("state")).toBe("frozen");
    expect(pane.attr("ySplit")).toBe(String(HEADER_ROW));
    const setup = sheet.$("pageSetup");
    expect(setup.attr("orientation")).toBe("landscape");
    expect(setup.attr("paperSize")).toBe("9");
    expect(setup.attr("fitToWidth")).toBe("1");
    expect(setup.attr("fitToHeight")).toBe("0");
    expect(sheet.$("sheetPr pageSetUpPr").attr("fitToPage")).toBe("1");
    const titles = x.workbook("definedName").toArray().find((d) => d.attribs.name === "_xlnm.Print_Titles");
    expect(titles && x.workbook(titles).text()).toBe(`'${TASK_SHEET_NAME}'!$${HEADER_ROW}:$${HEADER_ROW}`);
  });

  it("wraps and borders the cells, and fits the rows to the merged text", () => {
    const styles = sheet.$(`c[r="${col("measure")}${FIRST}"]`).attr("s");
    expect(styles).toBeDefined();
    const heights = sheet.$("sheetData row").toArray().filter((r) => Number(r.attribs.r) >= FIRST && Number(r.attribs.r) <= FIRST + 1);
    const points = heights.reduce((a, r) => a + Number(r.attribs.ht), 0);
    const measure = table.rows[0]!.cells.measure;
    expect(points).toBeGreaterThanOrEqual(linesIn(measure, 48) * 14);
  });

  it("offers the values of 完成情况 as a list", () => {
    const v = sheet.$("dataValidation");
    expect(v.attr("type")).toBe("list");
    expect(v.attr("sqref")).toBe(`${col("completion")}${FIRST}:${col("completion")}${FIRST + table.rows.length - 1}`);
    expect(v.find("formula1").text()).toBe(`"${[...COMPLETION_DONE, ...COMPLETION_ONGOING].join(",")}"`);
  });

  it("carries the version, the filter and each task's text as exported in the hidden sheet", async () => {
    const h = await x.sheet(HIDDEN_SHEET_NAME);
    expect([h.text("A1"), h.text("B1")]).toEqual(["version", String(TASK_TABLE_VERSION)]);
    expect([h.text("A2"), h.text("B2")]).toEqual(["documentId", String(table.documentId)]);
    expect(JSON.parse(h.text("B3"))).toEqual(table.filter);
    expect(h.text("B4")).toBe("2020-06-15T08:00:00.000Z");
    expect(HIDDEN_TASK_HEADERS.map((_, i) => h.text(`${String.fromCharCode(65 + i)}5`))).toEqual([...HIDDEN_TASK_HEADERS]);
    table.rows.forEach((r, i) => {
      const n = 6 + i;
      expect([h.text(`A${n}`), h.text(`B${n}`), h.text(`C${n}`), h.text(`D${n}`), h.text(`E${n}`)]).toEqual([
        String(r.taskId),
        r.cells.label,
        r.cells.body,
        cellText(r.cells.measure),
        cellText(r.cells.latest),
      ]);
      // as exported: the same text as the visible cell
      expect(h.text(`D${n}`)).toBe(sheet.text(`${col("measure")}${FIRST + i}`) || sheet.text(`${col("measure")}${FIRST + i - 1}`));
    });
  });
});
