/**
 * A table inside a sheet, found by its header texts rather than by position: officials add a title row above it
 * (often merged across the columns), move columns, delete the ones they do not need, write 完成数值（填写） for
 * 完成数值. The header is the row, among the first ones, that names the most known columns; the rows below it
 * are the data. A merged cell's value (Excel keeps it in the top-left cell only) is read into every cell of the
 * range for the columns that say so (a measure's columns, merged across its tasks' rows).
 */
import { createHash } from "node:crypto";
import { HIDDEN_SHEET_NAME, TASK_TABLE_COLUMNS, type TaskTableColumnKey } from "./layout.js";
import { cellText } from "./cells.js";
import { columnLetter, type Cell, type CellRange, type SheetData, type SheetRow } from "./xlsx-read.js";

/** how far down the header may sit: a title, a 文号 line, a date line and a note above it at most */
export const HEADER_SCAN_ROWS = 30;

/** A header as compared: no spaces or line breaks, no *, no trailing note in brackets or after a colon. */
export function headerKey(s: string): string {
  let t = s.normalize("NFKC").replace(/[\s*\u3000]+/g, "");
  // 完成数值(填写) / 完成数值(万元) / 完成情况:已完成或推进中
  for (let i = 0; i < 2; i++) t = t.replace(/\([^()]*\)$|\[[^\]]*\]$|【[^】]*】$/, "");
  return t.replace(/[:：].*$/, "");
}

export interface ColumnSpec<K extends string> {
  key: K;
  /** header texts that name the column, the preferred first */
  names: string[];
  /** a measure's column, merged across its rows: a merged cell's value is read into every row of the range */
  perMeasure?: boolean;
}

export interface Table<K extends string> {
  sheet: string;
  /** the header row as Excel numbers it */
  headerRow: number;
  /** where each column found is, 0-based */
  columns: Map<K, number>;
  rows: TableRow<K>[];
}

export interface TableRow<K extends string> {
  /** the row number as Excel shows it */
  row: number;
  cells: Partial<Record<K, Cell>>;
}

/** Column letters of the columns found, for messages and the preview: {序号: "A", …}. */
export function columnLetters<K extends string>(t: Table<K>, specs: ColumnSpec<K>[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of specs) {
    const c = t.columns.get(s.key);
    if (c !== undefined) out[s.names[0]!] = columnLetter(c);
  }
  return out;
}

/** Merged ranges by column, for finding the range a cell lies in. */
class Merges {
  private readonly byColumn = new Map<number, CellRange[]>();

  constructor(ranges: CellRange[], columns: Iterable<number>) {
    for (const c of columns) {
      const list = ranges.filter((r) => r.left <= c && c <= r.right && r.bottom > r.top).sort((a, b) => a.top - b.top);
      if (list.length) this.byColumn.set(c, list);
    }
  }

  /** the range holding (row, col) that spans several rows, if any */
  at(row: number, col: number): CellRange | undefined {
    const list = this.byColumn.get(col);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    let found: CellRange | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.top <= row) {
        found = list[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found && found.bottom >= row ? found : undefined;
  }
}

/** Where a table was found in a file: what every import's sheet starts with (the file, its hash, sheet, header, columns). */
export function sheetFound<K extends string>(file: string, bytes: Uint8Array, t: Table<K>, specs: ColumnSpec<K>[]) {
  return { file, sha256: createHash("sha256").update(bytes).digest("hex"), sheet: t.sheet, headerRow: t.headerRow, columns: columnLetters(t, specs) };
}

/**
 * Finds the table of these columns in the sheet: the header is the row among the first HEADER_SCAN_ROWS that
 * names the most of them and satisfies `enough`; null when no row does.
 */
export function findTable<K extends string>(sheet: SheetData, specs: ColumnSpec<K>[], enough: (found: Set<K>) => boolean): Table<K> | null {
  const names = new Map<string, K>();
  for (const s of specs) for (const n of s.names) if (!names.has(headerKey(n))) names.set(headerKey(n), s.key);
  let best: { row: SheetRow; columns: Map<K, number> } | null = null;
  for (const row of sheet.rows) {
    if (row.r > HEADER_SCAN_ROWS) break;
    const columns = new Map<K, number>();
    for (const [col, cell] of [...row.cells].sort((a, b) => a[0] - b[0])) {
      const key = names.get(headerKey(cellText(cell)));
      if (key !== undefined && !columns.has(key)) columns.set(key, col);
    }
    if (enough(new Set(columns.keys())) && (!best || columns.size > best.columns.size)) best = { row, columns };
  }
  if (!best) return null;
  const { row: header, columns } = best;
  const perMeasure = specs.filter((s) => s.perMeasure).flatMap((s) => (columns.has(s.key) ? [columns.get(s.key)!] : []));
  const merges = new Merges(sheet.merges, [...columns.values()]);
  // a header cell merged downwards (序号 over two header rows) pushes the data below its range
  let firstData = header.r + 1;
  for (const col of columns.values()) {
    const m = merges.at(header.r, col);
    if (m) firstData = Math.max(firstData, m.bottom + 1);
  }
  const byRow = new Map(sheet.rows.map((r) => [r.r, r]));
  const cellAt = (row: number, col: number): Cell | undefined => byRow.get(row)?.cells.get(col);
  const rows: TableRow<K>[] = [];
  // only rows that hold a value in one of the table's own columns are data rows (not a note beside the table)
  for (const { r } of sheet.rows) {
    if (r < firstData) continue;
    const cells: Partial<Record<K, Cell>> = {};
    let own = false;
    for (const [key, col] of columns) {
      let cell = cellAt(r, col);
      if (cell) own = true;
      if (!cell && perMeasure.includes(col)) {
        const m = merges.at(r, col);
        if (m && m.top >= firstData) cell = cellAt(m.top, m.left);
      }
      if (cell) cells[key] = cell;
    }
    if (own) rows.push({ row: r, cells });
  }
  return { sheet: sheet.name, headerRow: header.r, columns, rows };
}

/** The 任务分工表's columns as the importer looks for them: the layout's headers, and the words officials also use. */
export type TaskColumnKey = TaskTableColumnKey | "date";

const SYNONYMS: Partial<Record<TaskColumnKey, string[]>> = {
  taskId: ["任务ID", "任务id"],
  label: ["编号", "措施编号"],
  measure: ["措施内容", "工作措施", "政策措施"],
  body: ["责任单位"],
  latest: ["进展情况", "工作进展", "落实情况", "完成进展", "最新进展情况"],
  value: ["完成值", "实际完成值", "实际完成"],
  completion: ["是否完成", "办结情况"],
  date: ["报送日期", "进展日期"],
};

export const TASK_COLUMN_SPECS: ColumnSpec<TaskColumnKey>[] = [
  ...TASK_TABLE_COLUMNS.map((c) => ({ key: c.key as TaskColumnKey, names: [c.header, ...(SYNONYMS[c.key] ?? [])], perMeasure: c.perMeasure })),
  { key: "date", names: ["填报日期", ...SYNONYMS.date!] },
];

/**
 * The hidden sheet of an exported 任务分工表 (layout.ts: HIDDEN_SHEET_NAME): one row per task with 任务编号,
 * 序号, 填报单位 and 具体措施 as exported, under a header row; above it, key–value rows (the format version, the
 * document). Read by header text like the visible sheet, so its columns may come in any order.
 */
export interface HiddenSheet {
  version: number | null;
  documentId: number | null;
  tasks: Array<{ taskId: number; label: string; body: string; measure: string }>;
}

const VERSION_KEYS = /^(版本|格式版本|version|tabletversion|tableversion|formatversion)$/i;
const DOCUMENT_KEYS = /^(文件编号|文件ID|文件id|文档编号|政策文件编号|document|documentid|文件)$/i;

export function readHiddenSheet(sheet: SheetData): HiddenSheet {
  const specs: ColumnSpec<"taskId" | "label" | "body" | "measure">[] = [
    { key: "taskId", names: ["任务编号", "taskId", "task"] },
    { key: "label", names: ["序号", "label"] },
    { key: "body", names: ["填报单位", "body"] },
    { key: "measure", names: ["具体措施", "measure"] },
  ];
  const t = findTable(sheet, specs, (f) => f.has("taskId"));
  const out: HiddenSheet = { version: null, documentId: null, tasks: [] };
  const above = t ? sheet.rows.filter((r) => r.r < t.headerRow) : sheet.rows.slice(0, HEADER_SCAN_ROWS);
  for (const r of above) {
    const cells = [...r.cells].sort((a, b) => a[0] - b[0]).map(([, c]) => cellText(c));
    for (let i = 0; i + 1 < cells.length; i++) {
      const key = headerKey(cells[i]!);
      const n = Number(cells[i + 1]);
      if (VERSION_KEYS.test(key) && Number.isInteger(n)) out.version = n;
      if (DOCUMENT_KEYS.test(key) && Number.isInteger(n) && n > 0 && n <= 2_147_483_647) out.documentId = n;
    }
  }
  for (const r of t?.rows ?? []) {
    const id = Number(cellText(r.cells.taskId));
    if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) continue;
    out.tasks.push({ taskId: id, label: cellText(r.cells.label), body: cellText(r.cells.body), measure: cellText(r.cells.measure) });
  }
  return out;
}

export const isHiddenSheetName = (name: string) => name === HIDDEN_SHEET_NAME;
