/**
 * The 任务分工表 as an Excel workbook (exceljs), the form a body fills in and sends back: a title row, a line naming
 * the filter and the export time, the header row (frozen, and repeated on every printed page), one row per task with
 * the measure's columns merged down its tasks' rows, as officials draw the table. Printed on A4 landscape, fitted
 * to the page width. 任务编号 is a hidden column, and a hidden sheet (layout.ts) carries the version, the export's
 * filter and each task's text as exported, for the importer. Every text cell is a string escaped by cellText:
 * nothing from a document becomes a formula.
 */
import ExcelJS from "exceljs";
import { cellText } from "./cell-text.js";
import {
  COMPLETION_DONE,
  COMPLETION_ONGOING,
  HIDDEN_KEYS,
  HIDDEN_SHEET_NAME,
  HIDDEN_TASK_HEADERS,
  TASK_SHEET_NAME,
  TASK_TABLE_COLUMNS,
  TASK_TABLE_VERSION,
} from "./layout.js";
import { zhDate } from "../track/status.js";
import { measureRuns, type TaskTable } from "./task-table.js";

/** the rows above the data: title, filter line, header */
export const TITLE_ROW = 1;
export const SUBTITLE_ROW = 2;
export const HEADER_ROW = 3;

const FONT = "宋体";
const TITLE_FONT = "黑体";
const BODY_SIZE = 10.5;
/** points per wrapped line at the body size, with the leading Excel and WPS give CJK text */
const LINE_POINTS = 14.5;
/** Excel's largest row height */
const MAX_ROW_POINTS = 409;

const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * Lines a text takes in a column of `width` characters (Excel's width unit is a Latin digit; a Chinese character is
 * about two). Excel fits a row's height to its wrapped text, but not to text in a merged cell, so the heights are
 * set here from this estimate.
 */
export function linesIn(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  let lines = 0;
  for (const part of text.split("\n")) {
    let units = 0;
    for (const ch of part) units += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1.1;
    lines += Math.max(1, Math.ceil(units / usable));
  }
  return lines;
}

/** Row heights (points) for the data rows: each row fits its own cells, and a measure's rows share its merged text. */
function rowHeights(table: TaskTable): number[] {
  const own = table.rows.map((r) =>
    Math.max(1, ...TASK_TABLE_COLUMNS.filter((c) => !c.perMeasure && c.key !== "taskId").map((c) => linesIn(r.cells[c.key], c.width))),
  );
  for (const [first, last] of measureRuns(table.rows)) {
    const r = table.rows[first]!;
    const merged = Math.max(1, ...TASK_TABLE_COLUMNS.filter((c) => c.perMeasure).map((c) => linesIn(r.cells[c.key], c.width)));
    const have = own.slice(first, last + 1).reduce((a, b) => a + b, 0);
    if (have >= merged) continue;
    // spread what the merged text still needs over the measure's rows
    const extra = Math.ceil((merged - have) / (last - first + 1));
    for (let i = first; i <= last; i++) own[i]! += extra;
  }
  return own.map((lines) => Math.min(MAX_ROW_POINTS, Math.round(lines * LINE_POINTS + 6)));
}

function letter(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * ws.mergeCells checks the new range against every merge made before, which makes a table of 10,000 tasks take
 * minutes; a measure's runs never overlap by construction, so each merge is checked against none (the sheet's
 * merges are set aside for the call and put back with the new one).
 */
function mergeDisjoint(ws: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number): void {
  const sheet = ws as unknown as { _merges: Record<string, unknown> };
  const merges = sheet._merges;
  sheet._merges = {};
  try {
    ws.mergeCells(top, left, bottom, right);
    Object.assign(merges, sheet._merges);
  } finally {
    sheet._merges = merges;
  }
}

export async function taskTableXlsx(table: TaskTable): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "luoshi";
  wb.created = new Date(table.exportedAt);
  const cols = TASK_TABLE_COLUMNS;
  const visible = cols.filter((c) => c.key !== "taskId").length;
  const ws = wb.addWorksheet(TASK_SHEET_NAME, {
    views: [{ state: "frozen", xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `A${HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages down as it takes
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: { oddFooter: "第 &P 页，共 &N 页" },
  });
  ws.columns = cols.map((c) => ({ key: c.key, width: c.width, hidden: c.key === "taskId" }));

  const title = ws.getRow(TITLE_ROW);
  title.getCell(1).value = cellText(table.title);
  title.getCell(1).font = { name: TITLE_FONT, size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  title.height = 32;
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, visible);
  const sub = ws.getRow(SUBTITLE_ROW);
  sub.getCell(1).value = cellText(table.subtitle);
  sub.getCell(1).font = { name: FONT, size: 10 };
  sub.getCell(1).alignment = { horizontal: "right", vertical: "middle" };
  ws.mergeCells(SUBTITLE_ROW, 1, SUBTITLE_ROW, visible);

  const header = ws.getRow(HEADER_ROW);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: TITLE_FONT, size: 11, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = BORDER;
    // the columns the body fills in are shaded, so the form says where to write
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: c.filledByBody ? "FFFFF2CC" : "FFD9E1F2" } };
  });
  header.height = 24;

  const heights = rowHeights(table);
  // one style object per column, shared by its cells: exceljs keeps a cell's style by reference, and a copy per
  // cell (130,000 of them in a table of 10,000 tasks) cost time and memory for nothing
  const styles = cols.map((c): Partial<ExcelJS.Style> => {
    const centred = c.key === "label" || c.key === "due" || c.key === "status" || c.key === "completion" || c.key === "taskId";
    return { font: { name: FONT, size: BODY_SIZE }, alignment: { vertical: "middle", horizontal: centred ? "center" : "left", wrapText: true }, border: BORDER };
  });
  table.rows.forEach((r, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    cols.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      // the task's id is ours, not the document's: a number the importer reads back
      cell.value = c.key === "taskId" ? r.taskId : cellText(r.cells[c.key]);
      cell.style = styles[j]!;
      if (c.key === "latest" && r.latestDate) cell.note = `${zhDate(r.latestDate)}报送`;
    });
    row.height = heights[i]!;
  });
  for (const [first, last] of measureRuns(table.rows)) {
    if (first === last) continue;
    cols.forEach((c, j) => {
      if (c.perMeasure) mergeDisjoint(ws, HEADER_ROW + 1 + first, j + 1, HEADER_ROW + 1 + last, j + 1);
    });
  }
  const completion = cols.findIndex((c) => c.key === "completion") + 1;
  if (table.rows.length) {
    // exceljs types only a cell's validation; the sheet's collection takes a range, one rule for the column
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${letter(completion)}${HEADER_ROW + 1}:${letter(completion)}${HEADER_ROW + table.rows.length}`,
      {
        type: "list",
        allowBlank: true,
        formulae: [`"${[...COMPLETION_DONE, ...COMPLETION_ONGOING].join(",")}"`],
        showErrorMessage: true,
        errorStyle: "warning",
        errorTitle: "完成情况",
        error: `请填写“${COMPLETION_DONE[0]}”（申请办结）或“${COMPLETION_ONGOING[0]}”，也可留空`,
        showInputMessage: true,
        promptTitle: "完成情况",
        prompt: `${COMPLETION_DONE[0]}：申请办结；${COMPLETION_ONGOING[0]}或留空：仅报送进展`,
      },
    );
  }

  const hidden = wb.addWorksheet(HIDDEN_SHEET_NAME, { state: "veryHidden" });
  hidden.addRow([HIDDEN_KEYS.version, TASK_TABLE_VERSION]);
  hidden.addRow([HIDDEN_KEYS.document, table.documentId ?? ""]);
  hidden.addRow([HIDDEN_KEYS.filter, cellText(JSON.stringify(table.filter))]);
  hidden.addRow([HIDDEN_KEYS.exportedAt, table.exportedAt]);
  hidden.addRow([...HIDDEN_TASK_HEADERS]);
  for (const r of table.rows) {
    hidden.addRow([r.taskId, cellText(r.cells.label), cellText(r.cells.body), cellText(r.cells.measure), cellText(r.cells.latest)]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
