/**
 * CSV for scripts, and for Excel: UTF-8 with a byte order mark (without it Excel reads Chinese as the ANSI code page),
 * RFC 4180 (CRLF between records, a field with a comma, quote or line break in double quotes, a quote doubled), one
 * record per row, no merged cells. Every field goes through cellText, so no field starts as a formula.
 */
import { cellText } from "./cell-text.js";
import { TASK_TABLE_COLUMNS } from "./layout.js";
import { latestWithDate, type TaskTable } from "./task-table.js";

const BOM = "\uFEFF";

export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Any table as CSV text (without the BOM): each field escaped as a cell, then quoted as RFC 4180 asks. */
export function csvText(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const lines = [header.map((h) => csvField(cellText(h))).join(",")];
  for (const r of rows) lines.push(r.map((v) => csvField(cellText(v))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * The 任务分工表 as CSV bytes: every column of the layout, 任务编号 included, the measure's columns on each of its rows,
 * 最新进展 with its day.
 */
export function taskTableCsv(table: TaskTable): Uint8Array {
  const text = csvText(
    TASK_TABLE_COLUMNS.map((c) => c.header),
    table.rows.map((r) => TASK_TABLE_COLUMNS.map((c) => (c.key === "latest" ? latestWithDate(r) : r.cells[c.key]))),
  );
  return new TextEncoder().encode(BOM + text);
}
