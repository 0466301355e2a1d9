/**
 * The 任务分工表 as a file: its columns, in order, and where it carries what brings it back. The exporter
 * (XLSX, DOCX, CSV) writes these columns and the importer reads them by their header text, so a sheet whose
 * columns were moved or partly deleted in Excel/WPS still comes back. One row per task (a measure × a body):
 * the measure's own columns (序号 … 量化目标) span its tasks' rows as merged cells, as officials draw the table;
 * the body's columns (填报单位 … 状态) are its own.
 */

export interface TaskTableColumn {
  key: TaskTableColumnKey;
  /** the header as officials write it, and as the importer finds the column */
  header: string;
  /** the measure's column, merged across its tasks' rows; otherwise the task's own */
  perMeasure: boolean;
  /** a column the body fills in before sending the file back */
  filledByBody: boolean;
  /** width in characters (XLSX) */
  width: number;
}

export type TaskTableColumnKey =
  | "label"
  | "heading"
  | "measure"
  | "lead"
  | "supporting"
  | "due"
  | "targets"
  | "body"
  | "latest"
  | "value"
  | "completion"
  | "status"
  | "taskId";

export const TASK_TABLE_COLUMNS: readonly TaskTableColumn[] = [
  { key: "label", header: "序号", perMeasure: true, filledByBody: false, width: 8 },
  { key: "heading", header: "重点任务", perMeasure: true, filledByBody: false, width: 18 },
  { key: "measure", header: "具体措施", perMeasure: true, filledByBody: false, width: 48 },
  { key: "lead", header: "牵头单位", perMeasure: true, filledByBody: false, width: 16 },
  { key: "supporting", header: "配合单位", perMeasure: true, filledByBody: false, width: 18 },
  { key: "due", header: "完成时限", perMeasure: true, filledByBody: false, width: 12 },
  { key: "targets", header: "量化目标", perMeasure: true, filledByBody: false, width: 24 },
  { key: "body", header: "填报单位", perMeasure: false, filledByBody: false, width: 16 },
  { key: "latest", header: "最新进展", perMeasure: false, filledByBody: true, width: 36 },
  { key: "value", header: "完成数值", perMeasure: false, filledByBody: true, width: 14 },
  { key: "completion", header: "完成情况", perMeasure: false, filledByBody: true, width: 10 },
  { key: "status", header: "状态", perMeasure: false, filledByBody: false, width: 10 },
  // hidden in XLSX (the column and the sheet below); the importer falls back to 序号 + 填报单位 without it
  { key: "taskId", header: "任务编号", perMeasure: false, filledByBody: false, width: 10 },
];

/**
 * A hidden sheet of the XLSX: one row per task (任务编号, 序号, 填报单位, the 具体措施 text as exported), and the
 * export's document id, filter and time in its first rows. The importer reads it to tell a changed 措施 text and
 * to match rows whose 任务编号 cell was lost.
 */
export const TASK_SHEET_NAME = "任务分工表";
export const HIDDEN_SHEET_NAME = "luoshi";
/** bumped when the columns or the hidden sheet change meaning; an importer refuses a version it does not know */
export const TASK_TABLE_VERSION = 1;

/**
 * 完成情况 as the body writes it: 已完成 asks to close the task (申请办结, closed when a supervisor approves);
 * 推进中 or an empty cell reports progress only.
 */
export const COMPLETION_DONE = ["已完成", "完成", "已办结", "办结"] as const;
export const COMPLETION_ONGOING = ["推进中", "进行中", "未完成", "正在推进"] as const;

/**
 * 完成数值: a number when the measure has one target; with several, `指标名称：数值` pairs separated by ；or a
 * line break (the indicator as the 量化目标 column names it).
 */
export const VALUE_PAIR_SEPARATOR = /[；;\n]+/;

/**
 * The hidden sheet's layout, row by row: first key/value rows (the key in column A, the value in B), in this order;
 * then a header row whose column A is 任务编号; then one row per task under those headers. Readers find the header
 * row by its first cell, so rows may be added above it. 最新进展 is the text the sheet was exported with, so that a
 * cell left as it was is not taken for a new report.
 */
export const HIDDEN_KEYS = {
  version: "version",
  /** the document exported, empty for a task list across documents */
  document: "documentId",
  /** the filter of the export, as JSON (TaskTableFilter) */
  filter: "filter",
  /** ISO timestamp */
  exportedAt: "exportedAt",
} as const;
export const HIDDEN_TASK_HEADERS = ["任务编号", "序号", "填报单位", "具体措施", "最新进展"] as const;
