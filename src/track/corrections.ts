/**
 * 更正解析结果: an admin corrects what the parser read — a measure's title and text, its targets (value, unit,
 * kind, deadline, indicator name, cap), or adds a target it missed and removes one it made up. The stored rows are
 * changed in place, so tasks, the dashboard and the public page read the corrected values; the parse result as read
 * is kept on the document, and every change is audited with the record before and after (`measure.update`,
 * `target.update`, `target.create`, `target.delete`, each with `documentId`).
 *
 * A changed deadline moves the measure's 完成时限 when that was read from its targets (or when a target now gives
 * one), and with it the due date of the measure's tasks that still had the measure's date; a task whose date an
 * admin set on its own keeps it.
 */
import type { Queryable } from "../store/db.js";
import { indexTokens } from "../store/segment.js";
import { audit, type Actor } from "./audit.js";
import { toQuantity, type TargetRow } from "./documents.js";
import { LIVE_DOCUMENT } from "./publication.js";
import { TrackError } from "./tasks.js";
import type { MeasureTarget } from "../model/api.js";

export type TargetKind = MeasureTarget["kind"];

export interface MeasureChange {
  title?: string;
  text?: string;
}

export interface TargetFields {
  text?: string;
  indicator?: string | null;
  value?: number;
  max?: number | null;
  unit?: string;
  kind?: TargetKind;
  deadline?: string | null;
  cap?: boolean;
}

interface MeasureRow {
  id: number;
  document_id: number;
  title: string;
  text: string;
  due_date: string | null;
  due_source: string | null;
  doc_date: string | null;
}

async function lockMeasure(tx: Queryable, id: number): Promise<MeasureRow> {
  const r = await tx.query<MeasureRow>(
    `select m.id, m.document_id, m.title, m.text, m.due_date, m.due_source, d.doc_date
     from measure m join document d on d.id = m.document_id where m.id = $1 and ${LIVE_DOCUMENT} for update of m`,
    [id],
  );
  if (!r.rows[0]) throw new TrackError("not-found", `措施 ${id} 不存在`);
  return r.rows[0];
}

/** Corrects a measure's title or text; the search index follows. */
export async function updateMeasure(tx: Queryable, actor: Actor, id: number, c: MeasureChange): Promise<void> {
  const m = await lockMeasure(tx, id);
  const title = c.title ?? m.title;
  const text = c.text ?? m.text;
  if (title === m.title && text === m.text) return;
  await tx.query(`update measure set title = $2, text = $3, title_tokens = $4, text_tokens = $5 where id = $1`, [
    id,
    title,
    text,
    indexTokens(title),
    indexTokens(text),
  ]);
  // only what changed, beside where it is
  const where = { documentId: m.document_id, measureId: id };
  const before = { ...where, ...(title !== m.title ? { title: m.title } : {}), ...(text !== m.text ? { text: m.text } : {}) };
  const after = { ...where, ...(title !== m.title ? { title } : {}), ...(text !== m.text ? { text } : {}) };
  await audit(tx, actor, "measure.update", "measure", id, before, after);
}

/** A target's fields without its id: what an audit entry records of it. */
const recordOf = (t: TargetRow) => {
  const { id: _id, ...fields } = toQuantity(t);
  return fields;
};

/**
 * Checks a target as it will be stored, against its document: what the schema of a request cannot know. A value
 * is never negative (counts, amounts and rates; a fall is written as a positive 降幅), a range's upper end is not
 * below its lower, and a deadline is not before the document was written.
 */
function checkTarget(t: ReturnType<typeof recordOf>, docDate: string | null): void {
  if (!Number.isFinite(t.value) || t.value < 0) throw new TrackError("invalid", "目标值不能为负数", { field: "value" });
  if (t.max !== null && t.max < t.value) throw new TrackError("invalid", "区间上限不能小于目标值", { field: "max" });
  if (t.deadline && docDate && t.deadline < docDate) {
    throw new TrackError("invalid", `完成时限 ${t.deadline} 早于文件成文日期 ${docDate}`, { field: "deadline" });
  }
  if (t.kind !== "target" && t.deadline) throw new TrackError("invalid", "只有量化目标才有完成时限", { field: "deadline" });
}

/**
 * The measure's 完成时限 after a target changed: the latest target deadline when there is one and the due date
 * came from targets or from a weaker source; otherwise as it was. Tasks that carried the old date follow.
 */
async function followDeadlines(tx: Queryable, actor: Actor, m: MeasureRow): Promise<void> {
  const r = await tx.query<{ latest: string | null }>(
    `select max(deadline) as latest from target where measure_id = $1 and kind = 'target'`,
    [m.id],
  );
  const latest = r.rows[0]?.latest ?? null;
  if (!latest || (latest === m.due_date && m.due_source === "targets")) return;
  await tx.query(`update measure set due_date = $2, due_source = 'targets' where id = $1`, [m.id, latest]);
  const moved = await tx.query<{ id: number }>(
    `update task set due_date = $3 where measure_id = $1 and due_date is not distinct from $2 returning id`,
    [m.id, m.due_date, latest],
  );
  await audit(
    tx,
    actor,
    "measure.due",
    "measure",
    m.id,
    { documentId: m.document_id, measureId: m.id, dueDate: m.due_date, dueSource: m.due_source },
    { documentId: m.document_id, measureId: m.id, dueDate: latest, dueSource: "targets", tasks: moved.rows.map((x) => x.id) },
  );
}

async function lockTarget(tx: Queryable, id: number): Promise<TargetRow & { m: MeasureRow }> {
  const r = await tx.query<TargetRow>(`select * from target where id = $1 for update`, [id]);
  const t = r.rows[0];
  if (!t) throw new TrackError("not-found", `量化指标 ${id} 不存在`);
  return { ...t, m: await lockMeasure(tx, t.measure_id) };
}

/** Corrects a target; returns it as stored. */
export async function updateTarget(tx: Queryable, actor: Actor, id: number, c: TargetFields): Promise<MeasureTarget> {
  const t = await lockTarget(tx, id);
  const before = recordOf(t);
  const kind = c.kind ?? t.kind;
  const after = {
    text: c.text ?? t.text,
    indicator: c.indicator === undefined ? t.indicator : c.indicator,
    value: c.value ?? t.value,
    max: c.max === undefined ? t.max_value : c.max,
    unit: c.unit ?? t.unit,
    kind,
    // a quantity that is no target has no deadline: changing the kind away from target drops it
    deadline: c.deadline === undefined ? (kind === "target" ? t.deadline : null) : c.deadline,
    cap: c.cap ?? t.cap,
  };
  checkTarget(after, t.m.doc_date);
  const changed = (Object.keys(after) as Array<keyof typeof after>).filter((k) => after[k] !== before[k]);
  if (changed.length) {
    await tx.query(
      `update target set text = $2, indicator = $3, value = $4, max_value = $5, unit = $6, kind = $7, deadline = $8, cap = $9 where id = $1`,
      [id, after.text, after.indicator, after.value, after.max, after.unit, after.kind, after.deadline, after.cap],
    );
    const pick = (r: typeof after) => Object.fromEntries(changed.map((k) => [k, r[k]]));
    const where = { documentId: t.m.document_id, measureId: t.measure_id, targetId: id };
    await audit(tx, actor, "target.update", "target", id, { ...where, ...pick(before) }, { ...where, ...pick(after) });
    if (changed.includes("deadline") || changed.includes("kind")) await followDeadlines(tx, actor, t.m);
  }
  return { id, ...after };
}

/** Adds a target the parser missed to a measure. */
export async function addTarget(
  tx: Queryable,
  actor: Actor,
  measureId: number,
  f: TargetFields & { value: number; unit: string; kind: TargetKind },
): Promise<MeasureTarget> {
  const m = await lockMeasure(tx, measureId);
  const t = {
    text: f.text ?? "",
    indicator: f.indicator ?? null,
    value: f.value,
    max: f.max ?? null,
    unit: f.unit,
    kind: f.kind,
    deadline: f.deadline ?? null,
    cap: f.cap ?? false,
  };
  checkTarget(t, m.doc_date);
  const r = await tx.query<{ id: number }>(
    `insert into target (measure_id, ordinal, text, value, max_value, unit, kind, deadline, indicator, cap)
     values ($1, (select coalesce(max(ordinal), -1) + 1 from target where measure_id = $1), $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [measureId, t.text, t.value, t.max, t.unit, t.kind, t.deadline, t.indicator, t.cap],
  );
  const id = r.rows[0]!.id;
  await audit(tx, actor, "target.create", "target", id, null, { documentId: m.document_id, measureId, targetId: id, ...t });
  if (t.kind === "target" && t.deadline) await followDeadlines(tx, actor, m);
  return { id, ...t };
}

/** Removes a target the parser made up; one that progress reports measure against is part of the record (409). */
export async function deleteTarget(tx: Queryable, actor: Actor, id: number): Promise<void> {
  const t = await lockTarget(tx, id);
  const used = await tx.query<{ n: number }>(`select count(*)::int as n from progress_report where target_id = $1`, [id]);
  const n = used.rows[0]?.n ?? 0;
  if (n > 0) throw new TrackError("conflict", `已有 ${n} 条进展报送填报了该指标，不能删除；可把类型改为“其他数量”`, { reports: n });
  await tx.query(`delete from target where id = $1`, [id]);
  await audit(tx, actor, "target.delete", "target", id, { documentId: t.m.document_id, measureId: t.measure_id, targetId: id, ...recordOf(t) }, {
    documentId: t.m.document_id,
    measureId: t.measure_id,
    targetId: id,
    deleted: true,
  });
}
