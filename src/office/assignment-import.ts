/**
 * 分工导入: an office's own 分工 sheet for a document (序号 or 措施编号, 牵头单位, 配合单位, optionally 具体措施 to
 * cross-check), read by header text, replaces the parsed assignments of the measures it lists. A measure the sheet
 * does not list keeps its tasks (a 分工 sheet often leaves out chapter headings and measures it has nothing to say
 * about); a listed measure with no body at all loses its tasks. Several rows of one measure (one body per row,
 * the measure's cells merged, or left blank under the first) are read together.
 *
 * The preview lists, per measure, the tasks to add, the roles to change, the tasks to remove and those that cannot
 * be removed: a task with reports, comments, 签收 or notices is the record of work done and removeTask refuses it
 * (409), so the import does not try. Body names are resolved as ingest resolves them, without creating anything;
 * names the system does not know are listed, and created on confirmation only when the admin asks for it
 * (`createBodies`): a misspelt name would otherwise become a body of its own. The confirmation plans again in its
 * transaction, must match the preview's hash, and goes through assignTask / removeTask, so each change is audited as
 * a hand-made one, with one more entry for the import.
 */
import { createHash } from "node:crypto";
import type { Queryable } from "../store/db.js";
import { audit, type Actor } from "../track/audit.js";
import { resolveBodies } from "../track/bodies.js";
import { assignTask, removeTask } from "../track/tasks.js";
import { jurisdictionOfDocument, lookupBodies, splitBodyNames } from "./body-names.js";
import { cellText } from "./cells.js";
import { ImportError } from "./import-error.js";
import { labelKey, measuresShowing, narrowByText, showsMeasure, textKey, type MeasureWords } from "./measure-match.js";
import { findTable, sheetFound, type ColumnSpec, type TableRow } from "./table.js";
import { tooManyRows, XLSX_LIMITS, XlsxError, XlsxFile, type XlsxLimits } from "./xlsx-read.js";

type Key = "label" | "measure" | "lead" | "supporting";

export const ASSIGNMENT_COLUMNS: ColumnSpec<Key>[] = [
  { key: "label", names: ["序号", "措施编号", "编号"], perMeasure: true },
  { key: "measure", names: ["具体措施", "措施内容", "工作措施", "政策措施", "工作任务"], perMeasure: true },
  { key: "lead", names: ["牵头单位", "牵头部门", "责任单位"], perMeasure: true },
  { key: "supporting", names: ["配合单位", "配合部门", "协办单位", "参与单位"], perMeasure: true },
];

export interface AssignmentSheet {
  file: string;
  sha256: string;
  sheet: string;
  headerRow: number;
  columns: Record<string, string>;
  rows: TableRow<Key>[];
}

export async function readAssignmentSheet(bytes: Uint8Array, fileName: string, limits: XlsxLimits = XLSX_LIMITS): Promise<AssignmentSheet> {
  const x = await XlsxFile.open(bytes, fileName, limits);
  for (const info of x.sheets.filter((s) => s.state === "visible").slice(0, 5)) {
    const t = findTable(await x.readSheet(info.name), ASSIGNMENT_COLUMNS, (f) => (f.has("label") || f.has("measure")) && (f.has("lead") || f.has("supporting")));
    if (!t) continue;
    if (!t.rows.length) throw new ImportError("unreadable", `「${x.file}」的分工表只有表头，没有分工行`);
    if (t.rows.length > limits.maxRows) throw new XlsxError(x.file, "too-large", tooManyRows(x.file, t.sheet, limits.maxRows));
    return {
      ...sheetFound(x.file, bytes, t, ASSIGNMENT_COLUMNS),
      rows: t.rows,
    };
  }
  throw new ImportError("unreadable", `「${x.file}」中找不到分工表的表头：需要“序号”（或“具体措施”）和“牵头单位”或“配合单位”（表头须在前 30 行内）`, {
    sheets: x.sheets.map((s) => s.name),
  });
}

type Role = "lead" | "supporting";
const ROLE_NAME: Record<Role, string> = { lead: "牵头", supporting: "配合" };

export interface MeasureChange {
  measureId: number;
  label: string;
  title: string;
  /** the sheet's rows that list it */
  rows: number[];
  add: Array<{ bodyId: number | null; name: string; role: Role }>;
  change: Array<{ taskId: number; bodyId: number; name: string; from: Role; to: Role }>;
  remove: Array<{ taskId: number; bodyId: number; name: string; role: Role; blocked: string | null }>;
  keep: Array<{ taskId: number; bodyId: number; name: string; role: Role }>;
}

export interface AssignmentPlan {
  file: string;
  sha256: string;
  sheet: string;
  headerRow: number;
  columns: Record<string, string>;
  documentId: number;
  measures: MeasureChange[];
  /** measures of the document the sheet does not list: their tasks stay as they are */
  unlisted: number;
  /** names no body answers to: created on confirmation with createBodies, else the import is refused */
  unknownBodies: Array<{ name: string; rows: number[] }>;
  rowErrors: Array<{ row: number; errors: string[] }>;
  counts: { add: number; change: number; remove: number; blocked: number; keep: number; unknownBodies: number; refusedRows: number };
  planHash: string;
}

interface MeasureRow extends MeasureWords {
  id: number;
  index: number;
}

const at = (row: number) => `第 ${row} 行`;

/** A document's measures by label, for rows to find theirs without comparing each with every measure. */
interface MeasureIndex {
  all: MeasureRow[];
  byLabel: Map<string, MeasureRow[]>;
}

function indexMeasures(all: MeasureRow[]): MeasureIndex {
  const byLabel = new Map<string, MeasureRow[]>();
  for (const m of all) byLabel.set(labelKey(m.label), [...(byLabel.get(labelKey(m.label)) ?? []), m]);
  return { all, byLabel };
}

/** Which measure a row means: by 序号 (the label, else the place in the list), narrowed or found by 具体措施. */
function measureOf(row: TableRow<Key>, measures: MeasureIndex): { measure: MeasureRow } | { error: string } {
  const label = cellText(row.cells.label);
  const text = cellText(row.cells.measure);
  let found: MeasureRow[] = [];
  if (label) {
    found = measures.byLabel.get(labelKey(label)) ?? [];
    const n = Number(label.normalize("NFKC").replace(/[、.]$/, ""));
    if (!found.length && Number.isInteger(n) && measures.all[n - 1]) found = [measures.all[n - 1]!];
  } else if (text) found = measuresShowing(text, measures.all);
  found = narrowByText(found.map((m) => ({ measure: m })), text).map((x) => x.measure);
  const what = label ? `序号“${label.slice(0, 20)}”` : `具体措施“${text.slice(0, 20)}…”`;
  if (!found.length) return { error: `${at(row.row)}：文件中找不到${what}对应的措施` };
  if (found.length > 1) return { error: `${at(row.row)}：${what}对应文件中的 ${found.length} 条措施，请在“具体措施”中写明措施原文以便区分` };
  const m = found[0]!;
  // the text, when given, is this measure's (or begins like it): a sheet of another document fails here
  if (text && label && !showsMeasure(text, m) && !looselyShows(text, m)) {
    return { error: `${at(row.row)}：“具体措施”与文件中序号“${label.slice(0, 20)}”的措施（${m.title.slice(0, 20)}）不符` };
  }
  return { measure: m };
}

function looselyShows(cell: string, m: MeasureWords): boolean {
  const k = textKey(cell).slice(0, 24);
  return [m.title, m.text, `${m.title}${m.text}`].some((r) => {
    const rk = textKey(r);
    return k.length >= 4 && (rk.startsWith(k) || rk.includes(k) || k.startsWith(rk.slice(0, 24)));
  });
}

interface CurrentTask {
  id: number;
  measure_id: number;
  body_id: number;
  name: string;
  role: Role;
  reports: number;
  comments: number;
  events: number;
}

/** The preview: what the sheet changes in the document's assignments. Reads only. */
export async function planAssignments(db: Queryable, sheet: AssignmentSheet, documentId: number): Promise<AssignmentPlan> {
  const doc = await db.query<{ id: number }>(`select id from document where id = $1 and deleted_at is null`, [documentId]);
  if (!doc.rows[0]) throw new ImportError("unreadable", `文件 ${documentId} 不存在`, { notFound: true });
  const measures = (
    await db.query<MeasureRow>(
      `select id, label, title, text, row_number() over (order by ordinal)::int as index from measure where document_id = $1 order by ordinal`,
      [documentId],
    )
  ).rows;
  const current = (
    await db.query<CurrentTask>(
      `select t.id, t.measure_id, t.body_id, b.name, t.role,
              (select count(*)::int from progress_report pr where pr.task_id = t.id) as reports,
              (select count(*)::int from task_comment c where c.task_id = t.id) as comments,
              (select count(*)::int from task_event e where e.task_id = t.id) + (select count(*)::int from notice_task n where n.task_id = t.id) as events
       from task t join measure m on m.id = t.measure_id join responsible_body b on b.id = t.body_id
       where m.document_id = $1 order by t.id`,
      [documentId],
    )
  ).rows;
  const index = indexMeasures(measures);
  const j = await jurisdictionOfDocument(db, documentId);
  const names = sheet.rows.flatMap((r) => [...splitBodyNames(cellText(r.cells.lead)), ...splitBodyNames(cellText(r.cells.supporting))]);
  const bodies = await lookupBodies(db, names, j);

  const rowErrors = new Map<number, string[]>();
  const fail = (row: number, e: string) => rowErrors.set(row, [...(rowErrors.get(row) ?? []), e]);
  // what the sheet wants, per measure: body (by id, or by name when new) → role; a lead listed as 配合 too stays lead
  const wanted = new Map<number, { rows: number[]; bodies: Map<string, { bodyId: number | null; name: string; role: Role }> }>();
  const unknown = new Map<string, number[]>();
  // a row with neither 序号 nor 具体措施 continues the measure above (offices leave those cells blank rather than merge them)
  type Found = { measure: MeasureRow } | { error: string };
  let previous: Found | null = null;
  for (const row of sheet.rows) {
    const leads = splitBodyNames(cellText(row.cells.lead));
    const supporting = splitBodyNames(cellText(row.cells.supporting));
    const above: Found | null = previous;
    const continues: boolean = !cellText(row.cells.label) && !cellText(row.cells.measure) && above !== null;
    const m: Found = continues && above ? above : measureOf(row, index);
    previous = m;
    if ("error" in m) {
      fail(row.row, continues ? `${at(row.row)}：接续上一行的措施，而上一行的措施未能确定` : m.error);
      continue;
    }
    const w = wanted.get(m.measure.id) ?? { rows: [] as number[], bodies: new Map<string, { bodyId: number | null; name: string; role: Role }>() };
    w.rows.push(row.row);
    wanted.set(m.measure.id, w);
    for (const [role, list] of [["lead", leads], ["supporting", supporting]] as const) {
      for (const name of list) {
        if (name.length > 100) {
          fail(row.row, `${at(row.row)}：单位名称“${name.slice(0, 20)}…”过长`);
          continue;
        }
        const found = bodies.get(name) ?? [];
        if (found.length > 1) {
          fail(row.row, `${at(row.row)}：单位名称“${name}”对应多个单位（${found.map((b) => b.name).join("、")}），请写全称`);
          continue;
        }
        const key = found[0] ? `id:${found[0].id}` : `new:${bodyKeyOf(name)}`;
        if (!found[0]) unknown.set(name, [...new Set([...(unknown.get(name) ?? []), row.row])]);
        const before = w.bodies.get(key);
        if (!before || (before.role === "supporting" && role === "lead")) w.bodies.set(key, { bodyId: found[0]?.id ?? null, name: found[0]?.name ?? name, role });
      }
    }
  }

  const out: MeasureChange[] = [];
  for (const m of measures) {
    const w = wanted.get(m.id);
    if (!w) continue;
    const tasks = current.filter((t) => t.measure_id === m.id);
    const c: MeasureChange = { measureId: m.id, label: m.label, title: m.title, rows: w.rows, add: [], change: [], remove: [], keep: [] };
    for (const b of w.bodies.values()) {
      const t = b.bodyId === null ? undefined : tasks.find((x) => x.body_id === b.bodyId);
      if (!t) c.add.push({ bodyId: b.bodyId, name: b.name, role: b.role });
      else if (t.role !== b.role) c.change.push({ taskId: t.id, bodyId: t.body_id, name: t.name, from: t.role, to: b.role });
      else c.keep.push({ taskId: t.id, bodyId: t.body_id, name: t.name, role: t.role });
    }
    for (const t of tasks) {
      if ([...w.bodies.values()].some((b) => b.bodyId === t.body_id)) continue;
      const record = [t.reports && `${t.reports} 条进展报告`, t.comments && `${t.comments} 条督办意见`, t.events && `${t.events} 条签收、督办等记录`].filter(Boolean);
      c.remove.push({
        taskId: t.id,
        bodyId: t.body_id,
        name: t.name,
        role: t.role,
        blocked: record.length ? `已有${record.join("、")}，不能移除（如确需调整，请先处理这些记录）` : null,
      });
    }
    out.push(c);
  }
  const counts = {
    add: out.reduce((n, c) => n + c.add.length, 0),
    change: out.reduce((n, c) => n + c.change.length, 0),
    remove: out.reduce((n, c) => n + c.remove.filter((r) => !r.blocked).length, 0),
    blocked: out.reduce((n, c) => n + c.remove.filter((r) => r.blocked).length, 0),
    keep: out.reduce((n, c) => n + c.keep.length, 0),
    unknownBodies: unknown.size,
    refusedRows: rowErrors.size,
  };
  const unknownBodies = [...unknown].map(([name, rows]) => ({ name, rows }));
  const errors = [...rowErrors].sort((a, b) => a[0] - b[0]).map(([row, e]) => ({ row, errors: e }));
  const planHash = createHash("sha256").update(JSON.stringify([sheet.sha256, documentId, out, unknownBodies, errors])).digest("hex");
  return {
    file: sheet.file,
    sha256: sheet.sha256,
    sheet: sheet.sheet,
    headerRow: sheet.headerRow,
    columns: sheet.columns,
    documentId,
    measures: out,
    unlisted: measures.length - out.length,
    unknownBodies,
    rowErrors: errors,
    counts,
    planHash,
  };
}

const bodyKeyOf = (name: string) => name.normalize("NFKC").replace(/\s+/g, "");

export interface AssignmentImportResult {
  file: string;
  sha256: string;
  documentId: number;
  added: number;
  changed: number;
  removed: number;
  /** tasks the sheet leaves out but that have records: kept (with skipRefused) */
  kept: number[];
  createdBodies: Array<{ id: number; name: string }>;
  skippedRows: number[];
}

const IMPORT_LOCK = 774_520_106;

/** Applies what the preview showed, in the caller's transaction. */
export async function confirmAssignments(
  tx: Queryable,
  actor: Actor,
  sheet: AssignmentSheet,
  opts: { documentId: number; planHash: string; skipRefused: boolean; createBodies: boolean },
): Promise<AssignmentImportResult> {
  // one import at a time per document: a second confirmation plans after the first committed
  await tx.query(`select pg_advisory_xact_lock($1, $2)`, [IMPORT_LOCK, opts.documentId]);
  const plan = await planAssignments(tx, sheet, opts.documentId);
  if (plan.planHash !== opts.planHash) {
    throw new ImportError("conflict", `「${sheet.file}」与预览时不同，或预览之后分工有了变化（例如已导入过一次）：请重新预览后再确认`, { planHash: plan.planHash });
  }
  const blocked = plan.measures.flatMap((m) => m.remove.filter((r) => r.blocked).map((r) => ({ measure: m, r })));
  if ((plan.rowErrors.length || blocked.length) && !opts.skipRefused) {
    const first = plan.rowErrors[0]?.errors[0] ?? `第 ${blocked[0]!.measure.rows[0]} 行：${blocked[0]!.r.name}（${ROLE_NAME[blocked[0]!.r.role]}）${blocked[0]!.r.blocked}`;
    throw new ImportError("refused", `「${sheet.file}」有 ${plan.rowErrors.length + blocked.length} 处问题，未导入任何分工：${first}`, {
      rows: plan.rowErrors,
      blocked: blocked.map(({ measure, r }) => ({ measureId: measure.measureId, label: measure.label, taskId: r.taskId, body: r.name, reason: r.blocked })),
    });
  }
  if (plan.unknownBodies.length && !opts.createBodies) {
    throw new ImportError("refused", `「${sheet.file}」中有 ${plan.unknownBodies.length} 个系统里没有的单位（${plan.unknownBodies.slice(0, 5).map((u) => u.name).join("、")}${plan.unknownBodies.length > 5 ? " 等" : ""}），请核对名称，或选择新建这些单位后再确认`, {
      unknownBodies: plan.unknownBodies,
    });
  }
  const created = plan.unknownBodies.length ? await resolveBodies(tx, plan.unknownBodies.map((u) => u.name), await jurisdictionOfDocument(tx, opts.documentId)) : new Map();
  const skippedRows = new Set(plan.rowErrors.map((e) => e.row));
  const result: AssignmentImportResult = {
    file: sheet.file,
    sha256: sheet.sha256,
    documentId: opts.documentId,
    added: 0,
    changed: 0,
    removed: 0,
    kept: blocked.map((b) => b.r.taskId),
    createdBodies: [...new Map([...created.values()].map((b) => [b.id, b])).values()],
    skippedRows: [...skippedRows],
  };
  for (const m of plan.measures) {
    // a measure one of whose rows was refused is left as it is: its list of bodies is not known whole
    if (m.rows.some((r) => skippedRows.has(r))) continue;
    for (const r of m.remove) {
      if (r.blocked) continue;
      await removeTask(tx, actor, r.taskId);
      result.removed++;
    }
    for (const c of m.change) {
      await assignTask(tx, actor, m.measureId, c.bodyId, c.to);
      result.changed++;
    }
    for (const a of m.add) {
      const bodyId = a.bodyId ?? created.get(a.name)?.id;
      if (bodyId === undefined) continue;
      const t = await assignTask(tx, actor, m.measureId, bodyId, a.role);
      // the name as the sheet wrote it, as ingest keeps the name as the document wrote it
      if (t.created) await tx.query(`update task set written_as = $2 where id = $1`, [t.id, a.name]);
      result.added++;
    }
  }
  await audit(tx, actor, "import.assignments", "document", opts.documentId, null, {
    documentId: opts.documentId,
    file: sheet.file,
    sha256: sheet.sha256,
    added: result.added,
    changed: result.changed,
    removed: result.removed,
    kept: result.kept,
    createdBodies: result.createdBodies,
    skippedRows: result.skippedRows,
  });
  return result;
}
