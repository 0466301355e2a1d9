/**
 * Task-division tables (任务分工表, 重点任务分工方案) after the main text: rows that name a measure by number and
 * the bodies responsible for it. Cells come tab-separated from PDF/DOCX/HTML readers, or wrapped over several
 * lines when a cell was too narrow; a line without a row number continues the row above.
 */
import { numeralValue } from "../extract/numerals.js";

export interface TaskRow {
  number: number;
  /** the measure as the table names it, whitespace removed */
  name: string;
  /** 责任单位 / 负责单位 cell (or lead and supporting cells together when the table has no such column) */
  units: string;
  lead: string | null;
  support: string | null;
  /** clean-text offsets of the row, and of its units cell's first piece */
  start: number;
  end: number;
  unitsStart: number;
}

type Column = "number" | "name" | "units" | "lead" | "support" | "other";

const HEADER = /序号|编号/;
const LABEL_CELL = /^\s*(?:[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]|([一二三四五六七八九十]{1,3})\s*[、．.])\s*\t/;
const TABLE_END = /^\s*(?:公开方式|抄送|附件|[^\t]{0,30}印发\s*$)/;
const HEADER_BODY = /单位|部门|责任/;
// a table without a number column names the measure instead: 重点任务 | 牵头单位 | 配合单位
const HEADER_NAMED = /(?:任务|措施|工作|事项)[^\t]*\t.*(?:单位|部门)/;

function columnOf(cell: string): Column {
  const c = cell.replace(/\s+/g, "");
  if (/^(?:序号|编号)$/.test(c)) return "number";
  if (/牵头/.test(c) && !/配合/.test(c)) return "lead";
  if (/配合|协办|参与/.test(c) && !/牵头/.test(c)) return "support";
  if (/单位|部门|责任/.test(c)) return "units";
  if (/措施|任务|内容|事项|工作|政策/.test(c)) return "name";
  return "other";
}

const BODYISH = /(?:局|厅|委|办|政府|部门|单位|公司|集团|电网|分行|中心|院)[，,、]?$|、/;

export function parseTaskTables(text: string, from: number, to: number): TaskRow[] {
  const rows: TaskRow[] = [];
  let columns: Column[] | null = null;
  let inTable = false;
  let current: { row: TaskRow; cells: string[] } | null = null;
  const finish = () => {
    if (!current) return;
    const { row, cells } = current;
    const cols = columns ?? [];
    const get = (c: Column) =>
      cells.filter((_, i) => (cols[i] ?? (i === 0 ? "number" : i === 1 ? "name" : "units")) === c).join("、");
    row.name = (cells[cols.indexOf("name") >= 0 ? cols.indexOf("name") : 1] ?? "").replace(/\s+/g, "").replace(/^(?:\d{1,3}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、．])/, "");
    const lead = get("lead");
    const support = get("support");
    row.lead = lead || null;
    row.support = support || null;
    const units = get("units");
    row.units = units || [lead, support].filter(Boolean).join("、");
    if (!row.units && cells.length > 2) row.units = cells.slice(2).join("、");
    rows.push(row);
    current = null;
  };

  let pos = from;
  while (pos < to) {
    let end = text.indexOf("\n", pos);
    if (end < 0 || end > to) end = to;
    const line = text.slice(pos, end);
    if ((HEADER.test(line) && HEADER_BODY.test(line)) || HEADER_NAMED.test(line)) {
      finish();
      inTable = true;
      const cells = line.split("\t").map((c) => c.trim());
      columns = cells.length > 1 ? cells.map(columnOf) : null;
    } else if (inTable && TABLE_END.test(line)) {
      finish();
      inTable = false;
    } else if (inTable) {
      const numbered = !columns || columns.includes("number");
      // rows are numbered 1 2 3, or with the measures' own labels in a tab-separated table (（一）\t…, 一、\t…)
      const lab = numbered && line.includes("\t") ? LABEL_CELL.exec(line) : null;
      const m = numbered
        ? line.match(/^\s*(\d{1,3})\s*(?:\t|\s{1,}|[.．、](?!\d))/) ?? (lab ? ["", String(numeralValue((lab[1] ?? lab[2]) as string) ?? 0)] : null)
        : line.includes("\t") ? ["", "0"] : null;
      if (m) {
        finish();
        const cells = splitCells(line);
        const unitsIdx = columns ? Math.max(columns.indexOf("units"), columns.indexOf("lead")) : 2;
        const before = cells.slice(0, Math.max(unitsIdx, 0)).join("\t");
        current = {
          row: { number: Number(m[1]), name: "", units: "", lead: null, support: null, start: pos, end, unitsStart: pos + Math.min(before.length + 1, line.length) },
          cells,
        };
      } else if (current && line.trim()) {
        // a wrapped cell: pieces go to the cells they continue
        const cur: { row: TaskRow; cells: string[] } = current;
        const pieces = line.split("\t");
        if (pieces.length > 1) {
          // the pieces are the last cells of the row: align them to the header's columns where there is one
          const width = Math.max(columns?.length ?? 0, cur.cells.length);
          const offset = Math.max(1, width - pieces.length);
          pieces.forEach((p, i) => {
            const k = offset + i;
            cur.cells[k] = (cur.cells[k] ?? "") + p.trim();
          });
        } else {
          const last = cur.cells.length - 1;
          const k = BODYISH.test(line.trim()) || last < 2 ? Math.max(last, 1) : 1;
          cur.cells[k] = (cur.cells[k] ?? "") + line.trim();
        }
        cur.row.end = end;
      }
    }
    pos = end + 1;
  }
  finish();
  return rows;
}

function splitCells(line: string): string[] {
  if (line.includes("\t")) return line.split("\t").map((c) => c.trim());
  // no tabs: number, then the measure, then the bodies (the last run after two or more spaces)
  const m = line.match(/^\s*(\d{1,3})\s*[.．、]?\s*(.*?)(?:\s{2,}|\s(?=\S*[局厅委办府]))(.+)$/);
  if (m) return [m[1] as string, m[2] as string, m[3] as string];
  const n = line.match(/^\s*(\d{1,3})\s*[.．、]?\s*(.*)$/);
  return n ? [n[1] as string, n[2] as string] : [line];
}
