/**
 * 进展导入: a body's filled 任务分工表 read back into progress reports. Officials send each body the table as
 * Excel; the body writes 最新进展, 完成数值 and 完成情况 on its rows and sends it back, and an editor of the body
 * (or an admin on its behalf) uploads it.
 *
 * Two steps. The preview (`planProgress`) writes nothing: each row is matched to its task — by its 任务编号, or
 * when that column was lost by 序号 + 填报单位 (through the hidden sheet of the export, else the document's own
 * measures and the body names as ingest resolves them) — and told what will be recorded, that it records nothing
 * new (the same as the task's latest report), or why it is refused. The confirmation (`confirmProgress`) plans the
 * same file again inside its transaction, holds it to the preview's `planHash` (the same file, and the same outcome
 * row by row: a report filed or a task closed in between makes it a 409, to preview again), and records every
 * report through `addReports` (so a report awaits review, a closed task takes none, each is audited), with one
 * audit entry for the import. One refused row refuses the whole file unless the user chose to skip such rows.
 */
import { createHash } from "node:crypto";
import type { Queryable } from "../store/db.js";
import { audit, type Actor } from "../track/audit.js";
import { readScope, type Scope } from "../track/scope.js";
import { FINISHED } from "../track/status.js";
import { addReports, getTasks, mayReport, type Task, type TaskTarget } from "../track/tasks.js";
import { jurisdictionOfDocument, lookupBodies, nameKey, NO_JURISDICTION } from "./body-names.js";
import { cellDate, cellNumber, cellText, isBlank, type TypedNumber } from "./cells.js";
import { ImportError } from "./import-error.js";
import { COMPLETION_DONE, COMPLETION_ONGOING, HIDDEN_SHEET_NAME, TASK_SHEET_NAME, TASK_TABLE_VERSION, VALUE_PAIR_SEPARATOR } from "./layout.js";
import { labelKey, narrowByText, sameText, showsMeasure, type MeasureWords } from "./measure-match.js";
import { findTable, sheetFound, readHiddenSheet, TASK_COLUMN_SPECS, type HiddenSheet, type TableRow, type TaskColumnKey } from "./table.js";
import { tooManyRows, XLSX_LIMITS, XlsxError, XlsxFile, type Cell, type XlsxLimits } from "./xlsx-read.js";

/** the longest 最新进展 a report takes (as the report form) */
export const MAX_REPORT_TEXT = 20_000;
const FILLED: TaskColumnKey[] = ["latest", "value", "completion"];

/** A filled 任务分工表 as read from the file, before anything is looked up. */
export interface ProgressSheet {
  file: string;
  sha256: string;
  sheet: string;
  headerRow: number;
  /** where each column was found: {序号: "A", …} */
  columns: Record<string, string>;
  date1904: boolean;
  hidden: HiddenSheet | null;
  rows: TableRow<TaskColumnKey>[];
}

/** Reads the file's task table (throws XlsxError for a file that is not a readable workbook, ImportError for a sheet without the table). */
export async function readProgressSheet(bytes: Uint8Array, fileName: string, limits: XlsxLimits = XLSX_LIMITS): Promise<ProgressSheet> {
  const x = await XlsxFile.open(bytes, fileName, limits);
  const q = `「${x.file}」`;
  let hidden: HiddenSheet | null = null;
  const hiddenInfo = x.sheets.find((s) => s.name === HIDDEN_SHEET_NAME);
  if (hiddenInfo) {
    hidden = readHiddenSheet(await x.readSheet(hiddenInfo.name));
    if (hidden.version !== null && hidden.version > TASK_TABLE_VERSION) {
      throw new ImportError("unreadable", `${q}由较新版本的系统导出（表格格式 ${hidden.version}），本系统读不了，请重新导出后填写`);
    }
  }
  // the sheet named 任务分工表 first, then the other visible sheets in tab order
  const candidates = [...x.sheets.filter((s) => s.name === TASK_SHEET_NAME), ...x.sheets.filter((s) => s.name !== TASK_SHEET_NAME && s.name !== HIDDEN_SHEET_NAME && s.state === "visible")];
  for (const info of candidates.slice(0, 5)) {
    const sheet = await x.readSheet(info.name);
    const t = findTable(sheet, TASK_COLUMN_SPECS, (f) => (f.has("taskId") || (f.has("label") && f.has("body"))) && FILLED.some((k) => f.has(k)));
    if (!t) continue;
    if (t.rows.length > limits.maxRows) throw new XlsxError(x.file, "too-large", tooManyRows(x.file, t.sheet, limits.maxRows));
    return {
      ...sheetFound(x.file, bytes, t, TASK_COLUMN_SPECS),
      date1904: x.date1904,
      hidden,
      rows: t.rows,
    };
  }
  throw new ImportError(
    "unreadable",
    `${q}中找不到任务分工表的表头：需要“任务编号”或“序号”和“填报单位”两列，以及“最新进展”“完成数值”“完成情况”中的至少一列（表头须在前 30 行内）`,
    { sheets: x.sheets.map((s) => s.name) },
  );
}

/** One report a row will record. */
export interface PlannedReport {
  reportDate: string;
  text: string;
  targetId: number | null;
  /** the target as the measure states it (5G基站 4.8万座), for the preview */
  target: string | null;
  value: number | null;
  unit: string | null;
  /** 申请办结 */
  complete: boolean;
}

export interface PlannedRow {
  /** the row number as Excel shows it */
  row: number;
  taskId: number | null;
  /** the task, when the uploader may see it */
  task: { measureLabel: string; measureTitle: string; documentId: number; documentTitle: string | null; bodyName: string; status: string } | null;
  matchedBy: "taskId" | "hiddenSheet" | "label" | null;
  /** record: reports to file; unchanged: the same as the task's latest report; refused: see errors */
  outcome: "record" | "unchanged" | "refused";
  records: PlannedReport[];
  /** in Chinese, each naming the row: 第 5 行“完成数值”是公式，请粘贴为数值 */
  errors: string[];
}

export interface ProgressPlan {
  file: string;
  sha256: string;
  sheet: string;
  headerRow: number;
  columns: Record<string, string>;
  /** the document the table is of, when known */
  documentId: number | null;
  /** rows with something filled in; rows with nothing filled are counted in `counts.empty` only */
  rows: PlannedRow[];
  counts: { record: number; unchanged: number; refused: number; empty: number; reports: number };
  /** what the confirmation must name: the file and every row's outcome */
  planHash: string;
}

export interface PlanOptions {
  today: string;
  /** the document whose page the import was started from: matches rows by 序号 when the table does not say */
  documentId?: number | null;
  /** what the uploader may read (an editor's own bodies): a task outside it is not said to exist */
  scope?: Scope;
}

interface Identified {
  line: TableRow<TaskColumnKey>;
  taskId: number | null;
  matchedBy: PlannedRow["matchedBy"];
  errors: string[];
}

const at = (row: number) => `第 ${row} 行`;
const MAX_ID = 2_147_483_647;

/** The task id a 任务编号 cell holds, or why not. */
function idOf(c: Cell, row: number): { id: number } | { error: string } {
  if (c.formula !== null) return { error: `${at(row)}“任务编号”是公式，请保留导出时的编号` };
  const t = cellText(c);
  const id = c.value.type === "number" ? c.value.value : /^\d{1,10}$/.test(t.normalize("NFKC")) ? Number(t.normalize("NFKC")) : NaN;
  if (!Number.isInteger(id) || id <= 0 || id > MAX_ID) return { error: `${at(row)}“任务编号”“${t.slice(0, 20)}”不是有效的编号` };
  return { id };
}

interface DocTask {
  id: number;
  bodyId: number;
  bodyName: string;
  measure: MeasureWords;
  /** the measure's place in the document's list, from 1 (what a table numbers 序号 when it does not copy the label) */
  index: number;
}

async function documentTasks(db: Queryable, documentId: number): Promise<DocTask[]> {
  const r = await db.query<{ id: number; body_id: number; body_name: string; label: string; title: string; text: string; index: number }>(
    `select t.id, t.body_id, b.name as body_name, m.label, m.title, m.text, m.index
     from (select id, label, title, text, row_number() over (order by ordinal)::int as index from measure where document_id = $1) m
     join task t on t.measure_id = m.id join responsible_body b on b.id = t.body_id
     join document d on d.id = $1 where d.deleted_at is null order by m.index, t.id`,
    [documentId],
  );
  return r.rows.map((x) => ({ id: x.id, bodyId: x.body_id, bodyName: x.body_name, measure: { label: x.label, title: x.title, text: x.text }, index: x.index }));
}

/**
 * Matches rows without a 任务编号 by 序号 + 填报单位: against the hidden sheet's rows when the file has one,
 * else against the document's tasks.
 */
async function matchByLabel(db: Queryable, lines: Identified[], hidden: HiddenSheet | null, documentId: number | null): Promise<void> {
  if (!lines.length) return;
  if (!hidden?.tasks.length && documentId === null) {
    for (const l of lines) l.errors.push(`${at(l.line.row)}：缺少“任务编号”，也无法确定表格属于哪份文件，请在该文件的任务分工表页面导入`);
    return;
  }
  const j = documentId !== null ? await jurisdictionOfDocument(db, documentId) : NO_JURISDICTION;
  const bodies = await lookupBodies(db, lines.map((l) => cellText(l.line.cells.body)), j);
  let pool: Array<{ id: number; bodyIds: number[]; bodyName: string; label: string; index: number | null; measure: MeasureWords }>;
  if (hidden?.tasks.length) {
    const r = await db.query<{ id: number; body_id: number }>(`select id, body_id from task where id = any($1::int[])`, [hidden.tasks.map((t) => t.taskId)]);
    const bodyOf = new Map(r.rows.map((x) => [x.id, x.body_id]));
    pool = hidden.tasks.map((t) => ({
      id: t.taskId,
      bodyIds: bodyOf.has(t.taskId) ? [bodyOf.get(t.taskId)!] : [],
      bodyName: t.body,
      label: t.label,
      index: null,
      measure: { label: t.label, title: t.measure, text: "" },
    }));
  } else {
    pool = (await documentTasks(db, documentId!)).map((t) => ({ id: t.id, bodyIds: [t.bodyId], bodyName: t.bodyName, label: t.measure.label, index: t.index, measure: t.measure }));
  }
  // indexed by label and by place, so that 20,000 rows are matched without comparing each with every task
  const byLabel = new Map<string, typeof pool>();
  const byIndex = new Map<number, typeof pool>();
  for (const p of pool) {
    byLabel.set(labelKey(p.label), [...(byLabel.get(labelKey(p.label)) ?? []), p]);
    if (p.index !== null) byIndex.set(p.index, [...(byIndex.get(p.index) ?? []), p]);
  }
  for (const l of lines) {
    const label = cellText(l.line.cells.label);
    const body = cellText(l.line.cells.body);
    if (!label || !body) {
      l.errors.push(`${at(l.line.row)}：缺少“任务编号”，“序号”和“填报单位”也不全，无法确定是哪项任务`);
      continue;
    }
    const ids = new Set((bodies.get(body) ?? []).map((b) => b.id));
    const ofBody = (list: typeof pool) => list.filter((p) => nameKey(p.bodyName) === nameKey(body) || p.bodyIds.some((id) => ids.has(id)));
    let found = ofBody(byLabel.get(labelKey(label)) ?? []);
    const n = Number(label.normalize("NFKC"));
    if (!found.length && Number.isInteger(n)) found = ofBody(byIndex.get(n) ?? []);
    found = narrowByText(found, cellText(l.line.cells.measure));
    if (found.length === 1) {
      l.taskId = found[0]!.id;
      l.matchedBy = hidden?.tasks.length ? "hiddenSheet" : "label";
    } else if (!found.length) {
      l.errors.push(`${at(l.line.row)}：找不到序号“${label.slice(0, 20)}”、填报单位“${body.slice(0, 40)}”对应的任务`);
    } else {
      l.errors.push(`${at(l.line.row)}：序号“${label.slice(0, 20)}”、填报单位“${body.slice(0, 40)}”对应 ${found.length} 项任务，无法确定，请保留“任务编号”列`);
    }
  }
}

/** A target group a value is reported for: targets of one indicator (the same count at two deadlines are one). */
interface Slot {
  key: string;
  name: string;
  targets: TaskTarget[];
}

function slotsOf(targets: TaskTarget[]): Slot[] {
  const out = new Map<string, Slot>();
  for (const t of targets) {
    const name = t.indicator || t.text;
    const key = nameKey(name);
    const s = out.get(key) ?? { key, name, targets: [] };
    s.targets.push(t);
    out.set(key, s);
  }
  return [...out.values()];
}

/** The slot's target a value of this day counts for: the earliest deadline not yet passed, else the last one. */
function targetFor(slot: Slot, day: string): TaskTarget {
  const sorted = [...slot.targets].sort((a, b) => (a.deadline ?? "9999").localeCompare(b.deadline ?? "9999"));
  return sorted.find((t) => (t.deadline ?? "9999") >= day) ?? sorted[sorted.length - 1]!;
}

const targetLabel = (t: TaskTarget) => (t.indicator ? `${t.indicator} ${t.text}` : t.text);

/** The slot a name written before ：means: the same name, else the one slot whose name holds it or is held by it. */
function slotNamed(slots: Slot[], written: string): Slot | null {
  const k = nameKey(written);
  const exact = slots.find((s) => s.key === k || nameKey(s.targets[0]!.text) === k);
  if (exact) return exact;
  const loose = slots.filter((s) => k.length >= 2 && (s.key.includes(k) || k.includes(s.key)));
  return loose.length === 1 ? loose[0]! : null;
}

/** The values of a 完成数值 cell, each for a target of the task, or the row's errors. */
function valuesOf(c: Cell, row: number, task: Task, day: string): { values: Array<{ target: TaskTarget; value: number }>; errors: string[] } {
  const errors: string[] = [];
  const values: Array<{ target: TaskTarget; value: number }> = [];
  if (c.formula !== null) return { values, errors: [`${at(row)}“完成数值”是公式，请粘贴为数值`] };
  const slots = slotsOf(task.targets);
  if (!slots.length) return { values, errors: [`${at(row)}：该措施没有量化目标，“完成数值”无处记录，请清空该格或写入“最新进展”`] };
  const text = cellText(c);
  const pairs =
    c.value.type === "string" && /[:：=]/.test(text)
      ? text
          .split(VALUE_PAIR_SEPARATOR)
          .map((p) => p.trim())
          .filter(Boolean)
          .map((p) => {
            const i = Math.max(p.lastIndexOf("："), p.lastIndexOf(":"), p.lastIndexOf("="));
            return { name: p.slice(0, i).trim(), raw: p.slice(i + 1).trim() };
          })
      : null;
  const check = (typed: TypedNumber | null, raw: string, target: TaskTarget, what: string) => {
    if (!typed) return void errors.push(`${at(row)}“完成数值”${what}“${raw.slice(0, 30)}”不是数字`);
    if (typed.percent && target.unit !== "%") return void errors.push(`${at(row)}“完成数值”${what}是百分数，而目标“${targetLabel(target)}”不是`);
    if (typed.unit && !typed.percent && target.unit && typed.unit !== target.unit) {
      return void errors.push(`${at(row)}“完成数值”${what}的单位“${typed.unit}”与目标“${targetLabel(target)}”的单位“${target.unit}”不同`);
    }
    if (typed.value < 0 && target.value >= 0) return void errors.push(`${at(row)}“完成数值”${what}不能为负数`);
    values.push({ target, value: typed.value });
  };
  if (!pairs) {
    if (slots.length > 1) {
      return { values, errors: [`${at(row)}：该措施有 ${slots.length} 个量化指标，“完成数值”请按“指标：数值”填写，用分号隔开（${slots.map((s) => s.name).join("；")}）`] };
    }
    check(cellNumber(c), text, targetFor(slots[0]!, day), "");
    return { values, errors };
  }
  const seen = new Set<string>();
  for (const p of pairs) {
    const slot = slotNamed(slots, p.name);
    if (!slot) {
      errors.push(`${at(row)}“完成数值”中的指标“${p.name.slice(0, 30)}”不是该措施的量化目标（可填：${slots.map((s) => s.name).join("、")}）`);
      continue;
    }
    if (seen.has(slot.key)) {
      errors.push(`${at(row)}“完成数值”中的指标“${slot.name}”填了不止一次`);
      continue;
    }
    seen.add(slot.key);
    check(cellNumber({ value: { type: "string", text: p.raw }, formula: null, format: "general" }), p.raw, targetFor(slot, day), `中“${slot.name}”的值`);
  }
  return { values, errors };
}

/** 完成情况: 已完成 asks to close the task; 推进中 or nothing reports progress only. */
function completionOf(c: Cell | undefined, row: number): { complete: boolean } | { error: string } {
  if (!c || isBlank(c)) return { complete: false };
  if (c.formula !== null) return { error: `${at(row)}“完成情况”是公式，请直接填写“已完成”或“推进中”` };
  const t = cellText(c).replace(/\s+/g, "");
  if ((COMPLETION_DONE as readonly string[]).includes(t)) return { complete: true };
  if ((COMPLETION_ONGOING as readonly string[]).includes(t)) return { complete: false };
  return { error: `${at(row)}“完成情况”应填写“已完成”或“推进中”，而不是“${t.slice(0, 20)}”` };
}

/**
 * A row the body filled in: 最新进展 or 完成数值 written, or 完成情况 set to anything but 推进中 (a template may
 * come with 推进中 in every row, which says nothing).
 */
function isFilled(r: TableRow<TaskColumnKey>): boolean {
  if (!isBlank(r.cells.latest) || !isBlank(r.cells.value)) return true;
  const c = r.cells.completion;
  if (isBlank(c)) return false;
  return c!.formula !== null || !(COMPLETION_ONGOING as readonly string[]).includes(cellText(c).replace(/\s+/g, ""));
}

const sameReportText = (a: string, b: string) => a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();

/**
 * The preview: what each filled row of the sheet will record, or why it cannot. Reads only; `db` may be a
 * transaction (the confirmation plans inside its own).
 */
export async function planProgress(db: Queryable, actor: Actor, sheet: ProgressSheet, opts: PlanOptions): Promise<ProgressPlan> {
  const scope = opts.scope ?? readScope(actor);
  const filled = sheet.rows.filter(isFilled);
  const lines: Identified[] = filled.map((line) => {
    const id = line.cells.taskId && !isBlank(line.cells.taskId) ? idOf(line.cells.taskId, line.row) : null;
    if (id && "error" in id) return { line, taskId: null, matchedBy: null, errors: [id.error] };
    return { line, taskId: id ? id.id : null, matchedBy: id ? "taskId" : null, errors: [] };
  });

  // the document: as the export says, else as the page says, else the one document of the rows that name their task
  let documentId = sheet.hidden?.documentId ?? opts.documentId ?? null;
  const direct = await getTasks(db, [...new Set(lines.flatMap((l) => (l.taskId === null ? [] : [l.taskId])))], opts.today);
  if (documentId === null) {
    const docs = new Set(direct.map((t) => t.documentId));
    if (docs.size === 1) documentId = [...docs][0]!;
  }
  await matchByLabel(db, lines.filter((l) => l.taskId === null && !l.errors.length), sheet.hidden, documentId);

  const ids = [...new Set(lines.flatMap((l) => (l.taskId === null ? [] : [l.taskId])))];
  const tasks = new Map((await getTasks(db, ids, opts.today)).map((t) => [t.id, t]));
  const words = new Map<number, MeasureWords>();
  const latest = new Map<number, { text: string; complete: boolean }>();
  const latestValue = new Map<string, number | null>();
  if (ids.length) {
    const m = await db.query<{ task_id: number; label: string; title: string; text: string }>(
      `select t.id as task_id, m.label, m.title, m.text from task t join measure m on m.id = t.measure_id where t.id = any($1::int[])`,
      [ids],
    );
    for (const r of m.rows) words.set(r.task_id, { label: r.label, title: r.title, text: r.text });
    const l = await db.query<{ task_id: number; text: string; complete: boolean }>(
      `select distinct on (task_id) task_id, text, complete from progress_report where task_id = any($1::int[]) order by task_id, report_date desc, id desc`,
      [ids],
    );
    for (const r of l.rows) latest.set(r.task_id, { text: r.text, complete: r.complete });
    const v = await db.query<{ task_id: number; target_id: number; value: number | null }>(
      `select distinct on (task_id, target_id) task_id, target_id, value from progress_report
       where task_id = any($1::int[]) and target_id is not null order by task_id, target_id, report_date desc, id desc`,
      [ids],
    );
    for (const r of v.rows) latestValue.set(`${r.task_id}:${r.target_id}`, r.value);
  }
  const exported = new Map((sheet.hidden?.tasks ?? []).map((t) => [t.taskId, t.measure]));
  const bodyNames = await lookupBodies(db, lines.map((l) => cellText(l.line.cells.body)), documentId !== null ? await jurisdictionOfDocument(db, documentId) : NO_JURISDICTION);

  const rows: PlannedRow[] = lines.map((l) => planRow(l));
  function planRow(l: Identified): PlannedRow {
    const { row, cells } = l.line;
    const errors = [...l.errors];
    const out: PlannedRow = { row, taskId: l.taskId, task: null, matchedBy: l.matchedBy, outcome: "refused", records: [], errors };
    if (l.taskId === null) return out;
    const task = tasks.get(l.taskId);
    const visible = task && (!scope.bodyIds || scope.bodyIds.includes(task.bodyId));
    if (!task || !visible) {
      errors.push(actor.role === "editor" ? `${at(row)}：任务编号 ${l.taskId} 不存在，或不是您所在单位的任务，不能填报` : `${at(row)}：任务编号 ${l.taskId} 不存在`);
      return out;
    }
    out.task = {
      measureLabel: task.measureLabel,
      measureTitle: task.measureTitle,
      documentId: task.documentId,
      documentTitle: task.documentTitle,
      bodyName: task.bodyName,
      status: task.status,
    };
    if (!mayReport(actor, task.bodyId)) errors.push(`${at(row)}：“${task.bodyName}”不是您所在单位，不能代为填报`);
    if (FINISHED.has(task.status)) errors.push(`${at(row)}：任务${task.status === "suspended" ? "已中止" : "已办结"}，不能再报送进展`);
    // the row is what it says it is: its 填报单位 and 具体措施, when filled in, are those of the task
    const body = cellText(cells.body);
    if (body && l.matchedBy === "taskId") {
      const found = bodyNames.get(body) ?? [];
      if (nameKey(body) !== nameKey(task.bodyName) && found.length && !found.some((b) => b.id === task.bodyId)) {
        errors.push(`${at(row)}“填报单位”“${body.slice(0, 40)}”与任务编号 ${task.id} 的单位“${task.bodyName}”不一致`);
      }
    }
    const measure = cellText(cells.measure);
    if (measure) {
      const asExported = exported.get(task.id);
      const same = asExported !== undefined && asExported !== "" ? sameText(measure, asExported) : showsMeasure(measure, words.get(task.id) ?? { label: "", title: "", text: "" });
      if (!same) errors.push(`${at(row)}“具体措施”与导出时不同：措施内容不能在表中修改，请恢复原文或清空该格`);
    }
    // the day reported: 填报日期 when the sheet has it, else today
    let day = opts.today;
    if (cells.date && !isBlank(cells.date)) {
      const d = cells.date.formula !== null ? null : cellDate(cells.date, sheet.date1904);
      if (cells.date.formula !== null) errors.push(`${at(row)}“填报日期”是公式，请直接填写日期`);
      else if (!d) errors.push(`${at(row)}“填报日期”“${cellText(cells.date).slice(0, 20)}”不是有效日期（如 2024-06-30 或 2024年6月30日）`);
      else if (d > opts.today) errors.push(`${at(row)}“填报日期”${d} 晚于今天`);
      else day = d;
    }
    const textCell = cells.latest;
    let text = "";
    if (!textCell || isBlank(textCell)) errors.push(`${at(row)}：“最新进展”为空，请写明进展情况（只填数值或完成情况不能报送）`);
    else if (textCell.formula !== null) errors.push(`${at(row)}“最新进展”是公式，请粘贴为文本`);
    else {
      text = cellText(textCell);
      if (text.length > MAX_REPORT_TEXT) errors.push(`${at(row)}“最新进展”超过 ${MAX_REPORT_TEXT.toLocaleString("en-US")} 字`);
    }
    const completion = completionOf(cells.completion, row);
    if ("error" in completion) errors.push(completion.error);
    const values = cells.value && !isBlank(cells.value) ? valuesOf(cells.value, row, task, day) : { values: [], errors: [] };
    errors.push(...values.errors);
    if (errors.length) return out;
    const complete = "complete" in completion && completion.complete;
    const records: PlannedReport[] = values.values.length
      ? values.values.map((v, i) => ({
          reportDate: day,
          text,
          targetId: v.target.id,
          target: targetLabel(v.target),
          value: v.value,
          unit: v.target.unit,
          // the last report of the row asks to close: a supervisor sees the values first
          complete: complete && i === values.values.length - 1,
        }))
      : [{ reportDate: day, text, targetId: null, target: null, value: null, unit: null, complete }];
    const last = latest.get(task.id);
    const unchanged =
      last !== undefined &&
      sameReportText(last.text, text) &&
      (!complete || last.complete) &&
      records.every((r) => r.targetId === null || latestValue.get(`${task.id}:${r.targetId}`) === r.value);
    if (unchanged) out.outcome = "unchanged";
    else {
      out.outcome = "record";
      out.records = records;
    }
    return out;
  }

  // one row per task: two rows for one task are both refused, each naming the other
  const byTask = new Map<number, PlannedRow[]>();
  for (const r of rows) if (r.taskId !== null && r.task) byTask.set(r.taskId, [...(byTask.get(r.taskId) ?? []), r]);
  for (const [id, same] of byTask) {
    if (same.length < 2) continue;
    for (const r of same) {
      const others = same.filter((o) => o !== r).map((o) => o.row);
      const named = others.length > 5 ? `${others.slice(0, 5).join("、")} 等 ${others.length} 行` : `${others.join("、")} 行`;
      r.errors.push(`${at(r.row)}与第 ${named}是同一任务（任务编号 ${id}），请合并为一行`);
      r.outcome = "refused";
      r.records = [];
    }
  }

  const counts = { record: 0, unchanged: 0, refused: 0, empty: sheet.rows.length - filled.length, reports: 0 };
  for (const r of rows) {
    counts[r.outcome]++;
    counts.reports += r.records.length;
  }
  const planHash = createHash("sha256")
    .update(JSON.stringify([sheet.sha256, opts.today, rows.map((r) => [r.row, r.taskId, r.outcome, r.records, r.errors])]))
    .digest("hex");
  return { file: sheet.file, sha256: sheet.sha256, sheet: sheet.sheet, headerRow: sheet.headerRow, columns: sheet.columns, documentId, rows, counts, planHash };
}

export interface ProgressImportResult {
  file: string;
  sha256: string;
  /** reports filed */
  recorded: number;
  /** rows that filed them */
  rows: Array<{ row: number; taskId: number; reportIds: number[] }>;
  unchanged: number;
  /** refused rows left out (with skipRefused) */
  skipped: number[];
}

// imports of one file queue on this lock, so that a second confirmation sent at once plans after the first committed
const IMPORT_LOCK = 774_520_105;

/**
 * Records what the preview showed, in the caller's transaction: every report or none. The plan is made again
 * here and must hash to `planHash`; refused rows stop the import unless `skipRefused`.
 */
export async function confirmProgress(
  tx: Queryable,
  actor: Actor,
  sheet: ProgressSheet,
  opts: PlanOptions & { planHash: string; skipRefused: boolean },
): Promise<ProgressImportResult> {
  await tx.query(`select pg_advisory_xact_lock($1, hashtext($2))`, [IMPORT_LOCK, sheet.sha256]);
  const plan = await planProgress(tx, actor, sheet, opts);
  if (plan.planHash !== opts.planHash) {
    throw new ImportError("conflict", `「${sheet.file}」与预览时不同，或预览之后任务和进展有了变化（例如已导入过一次）：请重新预览后再确认`, {
      planHash: plan.planHash,
    });
  }
  const refused = plan.rows.filter((r) => r.outcome === "refused");
  if (refused.length && !opts.skipRefused) {
    throw new ImportError("refused", `「${sheet.file}」有 ${refused.length} 行有误，未导入任何内容：${refused[0]!.errors[0]}${refused.length > 1 ? " 等" : ""}`, {
      rows: refused.map((r) => ({ row: r.row, errors: r.errors })),
    });
  }
  // every report of the file in one call, in the rows' order: addReports checks each as the form would
  const recorded = plan.rows.filter((r): r is typeof r & { taskId: number } => r.outcome === "record" && r.taskId !== null);
  const reports = await addReports(
    tx,
    actor,
    recorded.flatMap((r) =>
      r.records.map((rec) => ({ taskId: r.taskId, report: { reportDate: rec.reportDate, text: rec.text, targetId: rec.targetId, value: rec.value, complete: rec.complete } })),
    ),
    opts.today,
  );
  let next = 0;
  const done: ProgressImportResult["rows"] = recorded.map((r) => ({ row: r.row, taskId: r.taskId, reportIds: r.records.map(() => reports[next++]!.id) }));
  const result: ProgressImportResult = {
    file: sheet.file,
    sha256: sheet.sha256,
    recorded: done.reduce((n, r) => n + r.reportIds.length, 0),
    rows: done,
    unchanged: plan.counts.unchanged,
    skipped: refused.map((r) => r.row),
  };
  await audit(tx, actor, "import.progress", "import", sheet.sha256.slice(0, 16), null, {
    file: sheet.file,
    sha256: sheet.sha256,
    documentId: plan.documentId,
    recorded: result.recorded,
    tasks: done.map((r) => r.taskId),
    skippedRows: result.skipped,
  });
  return result;
}

