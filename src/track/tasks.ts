/**
 * 任务 (a measure × a responsible body), 进展报告 (append-only progress reports), 督办意见 (comments). Status is
 * derived here when read, by the rules in status.ts, from the facts facts.ts reads.
 */
import { Conditions } from "../store/conditions.js";
import type { Queryable, SqlValue } from "../store/db.js";
import { audit, auditEach, type Actor } from "./audit.js";
import { ASSIGNED_DAY, LATEST_RETURNED, loadApprovedValues, loadFacts, NO_FACTS, OPEN_TASK, statusFacts, UNACKNOWLEDGED, type TaskFacts } from "./facts.js";
import { addScope, needsDocument, type Scope } from "./scope.js";
import { deriveStatus, FINISHED, statusPrefilter, type TaskStatus } from "./status.js";
import { taskStatusQuery } from "./status-sql.js";
import type { Attachment, ProgressReport, ReportReview, Task, TaskTarget } from "../model/api.js";
import { LIVE_DOCUMENT, LIVE_TASK } from "./publication.js";
import type { TargetRow } from "./documents.js";

export type { ProgressReport, Task, TaskTarget } from "../model/api.js";

/** Totals are counted up to this many; past it the total is a lower bound (`totalIsLowerBound`). */
export const COUNT_CAP = 10_000;

export interface TaskFilter {
  bodyId?: number;
  status?: TaskStatus;
  dueBefore?: string;
  /** due on or after this day */
  dueFrom?: string;
  documentId?: number;
  measureId?: number;
  /** false: only tasks open (not closed, not suspended) that their body has not acknowledged (签收) */
  acknowledged?: boolean;
  /** only tasks that reached their body before this day */
  assignedBefore?: string;
  /** only open tasks whose latest report was returned (退回), whatever their status */
  latestReturned?: boolean;
  /** what the user may read (scope.ts); all when absent */
  scope?: Scope;
  limit: number;
  offset: number;
  today: string;
}

interface TaskRow {
  id: number;
  measure_id: number;
  label: string;
  measure_title: string;
  document_id: number;
  document_title: string | null;
  doc_date: string | null;
  body_id: number;
  body_name: string;
  role: "lead" | "supporting";
  due_date: string | null;
  created_at: string;
}

// the label as the document writes it ((一), 1., 第三条), the path only for measures stored before it was kept
export const TASK_SELECT = `
  select t.id, t.measure_id, m.label, m.title as measure_title, m.document_id, d.title as document_title,
         d.doc_date, t.body_id, b.name as body_name, t.role, t.due_date, t.created_at
  from task t
  join measure m on m.id = t.measure_id
  join document d on d.id = m.document_id
  join responsible_body b on b.id = t.body_id`;

function whereOf(f: Omit<TaskFilter, "limit" | "offset" | "today" | "status">, params: SqlValue[]): string {
  const c = new Conditions(params).add(LIVE_TASK);
  if (f.bodyId !== undefined) c.add("t.body_id = ?", f.bodyId);
  if (f.dueBefore !== undefined) c.add("t.due_date < ?", f.dueBefore);
  if (f.dueFrom !== undefined) c.add("t.due_date >= ?", f.dueFrom);
  if (f.documentId !== undefined) c.add("m.document_id = ?", f.documentId);
  if (f.measureId !== undefined) c.add("t.measure_id = ?", f.measureId);
  if (f.acknowledged === false) c.add(`${UNACKNOWLEDGED} and ${OPEN_TASK}`);
  if (f.acknowledged === true) c.add(`not ${UNACKNOWLEDGED}`);
  if (f.assignedBefore !== undefined) c.add(`${ASSIGNED_DAY} < ?::date`, f.assignedBefore);
  if (f.latestReturned) c.add(`${LATEST_RETURNED} and ${OPEN_TASK}`);
  if (f.scope) addScope(c, f.scope);
  return c.where;
}

interface Progress {
  facts: Map<number, TaskFacts>;
  latest: Map<string, { value: number; date: string }>;
  targets: Map<number, Array<{ id: number; text: string; indicator: string | null; value: number; max: number | null; unit: string; deadline: string | null }>>;
}

const IDS = "select unnest($1::int[])";

async function loadProgress(db: Queryable, rows: Array<{ id: number; measure_id: number }>): Promise<Progress> {
  const taskIds = rows.map((r) => r.id);
  const measureIds = [...new Set(rows.map((r) => r.measure_id))];
  const p: Progress = { facts: new Map(), latest: new Map(), targets: new Map() };
  if (!taskIds.length) return p;
  p.facts = await loadFacts(db, IDS, [taskIds]);
  p.latest = await loadApprovedValues(db, IDS, [taskIds]);
  const targets = await db.query<Omit<TargetRow, "kind" | "cap">>(
    `select id, measure_id, text, indicator, value, max_value, unit, deadline from target
     where measure_id = any($1::int[]) and kind = 'target' order by measure_id, ordinal, id`,
    [measureIds],
  );
  for (const t of targets.rows) {
    const list = p.targets.get(t.measure_id) ?? [];
    list.push({ id: t.id, text: t.text, indicator: t.indicator, value: t.value, max: t.max_value, unit: t.unit, deadline: t.deadline });
    p.targets.set(t.measure_id, list);
  }
  return p;
}

function toTask(r: TaskRow, p: Progress, today: string): Task {
  const f = p.facts.get(r.id) ?? NO_FACTS;
  const targets: TaskTarget[] = (p.targets.get(r.measure_id) ?? []).map((t) => {
    const l = p.latest.get(`${r.id}:${t.id}`);
    return { ...t, latestValue: l?.value ?? null, latestReportDate: l?.date ?? null };
  });
  const s = deriveStatus({
    due: r.due_date,
    start: r.doc_date ?? r.created_at.slice(0, 10),
    ...statusFacts(f),
    targets: targets.map((t) => ({ target: t.value, latest: t.latestValue })),
    today,
  });
  return {
    id: r.id,
    measureId: r.measure_id,
    measureLabel: r.label,
    measureTitle: r.measure_title,
    documentId: r.document_id,
    documentTitle: r.document_title,
    bodyId: r.body_id,
    bodyName: r.body_name,
    role: r.role,
    dueDate: r.due_date,
    status: s.status,
    statusReason: s.reason,
    statusReasonCode: s.reasonCode,
    reports: f.reports,
    lastReportDate: f.lastReportDate,
    closedOn: f.closedOn,
    assignedAt: f.transferredAt ?? r.created_at,
    acknowledgedAt: f.acknowledgedAt,
    changeRequestOpen: f.changeRequestOpen,
    targets,
  };
}

/** Tasks matching the filter, with their derived status, one page of them, in due-date order. */
export async function listTasks(db: Queryable, f: TaskFilter): Promise<{ items: Task[]; total: number; totalIsLowerBound: boolean }> {
  const params: SqlValue[] = [];
  let where = whereOf(f, params);
  const needsMeasure = f.documentId !== undefined || (f.scope !== undefined && needsDocument(f.scope));
  const joins = needsMeasure ? "join measure m on m.id = t.measure_id join document d on d.id = m.document_id" : "";
  if (!f.status) {
    const total = await db.query<{ n: number }>(
      `select count(*)::int as n from (select 1 from task t ${joins} ${where} limit ${COUNT_CAP + 1}) x`,
      params,
    );
    const rows = await db.query<TaskRow>(
      `${TASK_SELECT} ${where} order by t.due_date nulls last, t.id limit ${f.limit} offset ${f.offset}`,
      params,
    );
    const p = await loadProgress(db, rows.rows);
    const n = total.rows[0]?.n ?? 0;
    return { total: Math.min(n, COUNT_CAP), totalIsLowerBound: n > COUNT_CAP, items: rows.rows.map((r) => toTask(r, p, f.today)) };
  }
  // a status filter: the database derives the status (status-sql.ts, the twin of status.ts) of the candidates
  // the prefilter cannot rule out, and pages and counts those that have it
  params.push(f.today);
  const today = `$${params.length}`;
  where = `${where ? `${where} and` : "where"} ${statusPrefilter(f.status, today)}`;
  params.push(f.status);
  const candidates = `select t.id, t.measure_id, t.body_id, t.due_date, coalesce(d.doc_date, t.created_at::date) as start
    from task t join measure m on m.id = t.measure_id join document d on d.id = m.document_id ${where}`;
  const page = await db.query<{ id: number; n: number }>(
    `with s as materialized (${taskStatusQuery(candidates, today)})
     select id, count(*) over ()::int as n from s where status = $${params.length}
     order by due_date nulls last, id limit ${f.limit} offset ${f.offset}`,
    params,
  );
  const n = page.rows[0]?.n ?? (f.offset > 0 ? await countWithStatus(db, candidates, today, params) : 0);
  return { total: Math.min(n, COUNT_CAP), totalIsLowerBound: n > COUNT_CAP, items: await getTasks(db, page.rows.map((r) => r.id), f.today) };
}

/** How many candidates have the status (the last parameter): for a page past the last one, which holds no row to tell. */
async function countWithStatus(db: Queryable, candidates: string, today: string, params: SqlValue[]): Promise<number> {
  const r = await db.query<{ n: number }>(
    `select count(*)::int as n from (${taskStatusQuery(candidates, today)}) s where status = $${params.length}`,
    params,
  );
  return r.rows[0]?.n ?? 0;
}

export async function getTask(db: Queryable, id: number, today: string): Promise<Task | null> {
  const rows = await db.query<TaskRow>(`${TASK_SELECT} where t.id = $1 and ${LIVE_TASK}`, [id]);
  if (!rows.rows[0]) return null;
  const p = await loadProgress(db, rows.rows);
  return toTask(rows.rows[0], p, today);
}

/** Tasks by id, in the order of `ids` (ids not found are left out). */
export async function getTasks(db: Queryable, ids: number[], today: string): Promise<Task[]> {
  if (!ids.length) return [];
  const rows = await db.query<TaskRow>(`${TASK_SELECT} where t.id = any($1::int[]) and ${LIVE_TASK}`, [ids]);
  const p = await loadProgress(db, rows.rows);
  const byId = new Map(rows.rows.map((r) => [r.id, toTask(r, p, today)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export class TrackError extends Error {
  constructor(
    readonly kind: "not-found" | "forbidden" | "invalid" | "conflict" | "too-large" | "unsupported",
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "TrackError";
  }
}

export interface NewReport {
  reportDate: string;
  text: string;
  targetId?: number | null;
  value?: number | null;
  /** 申请办结: the body asks to close the task; it is closed when a supervisor approves this report */
  complete?: boolean;
  evidence?: string[];
  /** files uploaded for this task beforehand (POST /api/tasks/{id}/attachments), bound to the report */
  attachmentIds?: number[];
}

interface ReportRow {
  id: number;
  task_id: number;
  report_date: string;
  text: string;
  target_id: number | null;
  value: number | null;
  complete: boolean;
  evidence: string[];
  reported_by: number | null;
  reporter?: string | null;
  created_at: string;
}

function reportRow(r: ReportRow, review: ReportReview | null = null, attachments: Attachment[] = []): ProgressReport {
  return {
    id: r.id,
    taskId: r.task_id,
    reportDate: r.report_date,
    text: r.text,
    targetId: r.target_id,
    value: r.value,
    complete: r.complete,
    evidence: r.evidence,
    attachments,
    review,
    reportedBy: r.reported_by,
    reporter: r.reporter ?? null,
    createdAt: r.created_at,
  };
}

/** May this actor report on this task? Admins anywhere, editors on their bodies' tasks only. */
export function mayReport(actor: Actor, bodyId: number): boolean {
  if (actor.role === "admin" || actor.role === "system") return true;
  if (actor.role === "editor") return (actor.bodyIds ?? []).includes(bodyId);
  return false;
}

/** Is this actor an editor of the body (the one who acknowledges, asks for changes, reports)? */
export const isBodyEditor = (actor: Actor, bodyId: number) => actor.role === "editor" && (actor.bodyIds ?? []).includes(bodyId);

const FINISHED_MESSAGE: Partial<Record<TaskStatus, string>> = { done: "任务已办结", done_late: "任务已办结", suspended: "任务已中止" };

/**
 * Appends a progress report; a correction is simply a later report. Checked here, not only in the form: the
 * date is no later than today, a value names a target of the task and is not negative unless the target is,
 * and files are this task's, uploaded by the reporter and not yet used by another report.
 */
export async function addReport(tx: Queryable, actor: Actor, taskId: number, r: NewReport, today: string): Promise<ProgressReport> {
  return (await addReports(tx, actor, [{ taskId, report: r }], today))[0]!;
}

/**
 * Appends reports, in order, with addReport's checks, all of them made before any is written: a set query each
 * (the tasks locked, their statuses, the targets named), then one insert and one audit statement. An import of a
 * thousand rows took ten seconds as a thousand addReports, each deriving its task's status alone.
 */
export async function addReports(tx: Queryable, actor: Actor, items: Array<{ taskId: number; report: NewReport }>, today: string): Promise<ProgressReport[]> {
  if (!items.length) return [];
  const taskIds = [...new Set(items.map((i) => i.taskId))];
  // locked in id order, so that two imports sharing tasks wait on each other rather than deadlock
  const locked = await tx.query<{ id: number; body_id: number; measure_id: number }>(
    `select id, body_id, measure_id from task t where id = any($1::int[]) and ${LIVE_TASK} order by id for update`,
    [taskIds],
  );
  const tasks = new Map(locked.rows.map((t) => [t.id, t]));
  const statuses = new Map((await getTasks(tx, [...tasks.keys()], today)).map((t) => [t.id, t.status]));
  const targetIds = [...new Set(items.flatMap((i) => (i.report.targetId ?? null) === null ? [] : [i.report.targetId!]))];
  const targets = new Map(
    targetIds.length
      ? (await tx.query<{ id: number; measure_id: number; value: number }>(`select id, measure_id, value from target where id = any($1::int[]) and kind = 'target'`, [targetIds])).rows.map((g) => [g.id, g])
      : [],
  );
  const files = items.map((i) => [...new Set(i.report.attachmentIds ?? [])]);
  for (const [k, { taskId, report: r }] of items.entries()) {
    const t = tasks.get(taskId);
    if (!t) throw new TrackError("not-found", `任务 ${taskId} 不存在`);
    if (!mayReport(actor, t.body_id)) throw new TrackError("forbidden", "只有本单位的填报人员或管理员可以报送进展");
    const status = statuses.get(taskId) ?? null;
    if (status && FINISHED.has(status)) throw new TrackError("conflict", `${FINISHED_MESSAGE[status]}，不能再报送`, { status });
    if (r.reportDate > today) throw new TrackError("invalid", "报送日期不能晚于今天", { field: "reportDate" });
    if ((r.value ?? null) !== null && (r.targetId ?? null) === null) {
      throw new TrackError("invalid", "填写数值时须选择对应的量化目标", { field: "targetId" });
    }
    if ((r.targetId ?? null) !== null) {
      const tg = targets.get(r.targetId!);
      if (!tg || tg.measure_id !== t.measure_id) throw new TrackError("invalid", `目标 ${r.targetId} 不是本任务的量化目标`, { field: "targetId" });
      if ((r.value ?? 0) < 0 && tg.value >= 0) throw new TrackError("invalid", "完成数值不能为负数", { field: "value" });
    }
    const own = files[k]!;
    if (own.length) {
      const ok = await tx.query<{ id: number }>(
        `select id from attachment where id = any($1::int[]) and task_id = $2 and report_id is null and uploaded_by is not distinct from $3 for update`,
        [own, taskId, actor.id],
      );
      const found = new Set(ok.rows.map((x) => x.id));
      const missing = own.filter((id) => !found.has(id));
      if (missing.length) throw new TrackError("invalid", `附件 ${missing.join("、")} 不是您为本任务上传的、尚未使用的文件`, { field: "attachmentIds", missing });
    }
  }
  const rows = items.map(({ taskId, report: r }) => ({
    taskId,
    reportDate: r.reportDate,
    text: r.text,
    targetId: r.targetId ?? null,
    value: r.value ?? null,
    complete: r.complete ?? false,
    evidence: r.evidence ?? [],
  }));
  // ids are taken in the order of the list, so the inserted rows sorted by id are the items in order
  const ins = await tx.query<ReportRow>(
    `insert into progress_report (task_id, report_date, text, target_id, value, complete, evidence, reported_by)
     select (x->>'taskId')::int, (x->>'reportDate')::date, x->>'text', (x->>'targetId')::int, (x->>'value')::float8,
            (x->>'complete')::boolean, array(select jsonb_array_elements_text(x->'evidence')), $2
     from jsonb_array_elements($1::jsonb) with ordinality as j(x, n) order by n
     returning *`,
    [JSON.stringify(rows), actor.id],
  );
  const inserted = ins.rows.sort((a, b) => Number(a.id) - Number(b.id));
  for (const [k, own] of files.entries()) {
    if (own.length) await tx.query(`update attachment set report_id = $1 where id = any($2::int[])`, [inserted[k]!.id, own]);
  }
  const attachments = files.some((f) => f.length) ? await attachmentsOf(tx, inserted.map((r) => r.id)) : new Map<number, Attachment[]>();
  const reports = inserted.map((row) => reportRow({ ...row, reporter: actor.name }, null, attachments.get(row.id) ?? []));
  await auditEach(
    tx,
    actor,
    reports.map((report) => ({ action: report.complete ? "report.close_request" : "report.create", entity: "task", entityId: report.taskId, before: null, after: report })),
  );
  return reports;
}

async function attachmentsOf(db: Queryable, reportIds: number[]): Promise<Map<number, Attachment[]>> {
  const out = new Map<number, Attachment[]>();
  if (!reportIds.length) return out;
  const r = await db.query<{ id: number; report_id: number; name: string; media_type: string; byte_size: number }>(
    `select id, report_id, name, media_type, byte_size from attachment where report_id = any($1::int[]) order by id`,
    [reportIds],
  );
  for (const a of r.rows) {
    const list = out.get(a.report_id) ?? [];
    list.push({ id: a.id, name: a.name, mediaType: a.media_type, size: a.byte_size });
    out.set(a.report_id, list);
  }
  return out;
}

/** A task's reports, oldest first, each with its review (null while pending) and its files. */
export async function listReports(db: Queryable, taskId: number): Promise<ProgressReport[]> {
  return reportsWhere(db, "pr.task_id = $1 order by pr.report_date, pr.id", [taskId]);
}

/** Reports by id, in the order of `ids`. */
export async function getReports(db: Queryable, ids: number[]): Promise<ProgressReport[]> {
  const found = new Map((await reportsWhere(db, "pr.id = any($1::int[])", [ids])).map((r) => [r.id, r]));
  return ids.flatMap((id) => found.get(id) ?? []);
}

async function reportsWhere(db: Queryable, where: string, params: SqlValue[]): Promise<ProgressReport[]> {
  const r = await db.query<ReportRow & { decision: "approve" | "return" | null; reason: string | null; reviewer: string | null; reviewed_at: string | null }>(
    `select pr.*, u.username as reporter, rr.decision, rr.reason, rr.reviewer, rr.at as reviewed_at
     from progress_report pr left join app_user u on u.id = pr.reported_by left join report_review rr on rr.report_id = pr.id
     where ${where}`,
    params,
  );
  const files = await attachmentsOf(db, r.rows.map((x) => x.id));
  return r.rows.map((x) =>
    reportRow(
      x,
      x.decision ? { decision: x.decision === "approve" ? "approved" : "returned", reason: x.reason, reviewer: x.reviewer, at: x.reviewed_at! } : null,
      files.get(x.id) ?? [],
    ),
  );
}

export interface TaskComment {
  id: number;
  taskId: number;
  text: string;
  authorId: number | null;
  author: string | null;
  createdAt: string;
}

export async function addComment(tx: Queryable, actor: Actor, taskId: number, text: string): Promise<TaskComment> {
  const t = await tx.query<{ id: number }>(`select id from task t where id = $1 and ${LIVE_TASK}`, [taskId]);
  if (!t.rows[0]) throw new TrackError("not-found", `任务 ${taskId} 不存在`);
  const r = await tx.query<{ id: number; task_id: number; text: string; author_id: number | null; created_at: string }>(
    `insert into task_comment (task_id, text, author_id) values ($1, $2, $3) returning *`,
    [taskId, text, actor.id],
  );
  const c = r.rows[0]!;
  const comment = { id: c.id, taskId: c.task_id, text: c.text, authorId: c.author_id, author: actor.name, createdAt: c.created_at };
  await audit(tx, actor, "comment.create", "task", taskId, null, comment);
  return comment;
}

export async function listComments(db: Queryable, taskId: number): Promise<TaskComment[]> {
  const r = await db.query<{ id: number; task_id: number; text: string; author_id: number | null; author: string | null; created_at: string }>(
    `select c.*, u.username as author from task_comment c left join app_user u on u.id = c.author_id
     where c.task_id = $1 order by c.id`,
    [taskId],
  );
  return r.rows.map((c) => ({ id: c.id, taskId: c.task_id, text: c.text, authorId: c.author_id, author: c.author, createdAt: c.created_at }));
}

/** 分工: assigns a body to a measure (a new task), or changes an existing task's role or due date. */
export async function assignTask(
  tx: Queryable,
  actor: Actor,
  measureId: number,
  bodyId: number,
  role: "lead" | "supporting",
  dueDate?: string | null,
): Promise<{ id: number; created: boolean }> {
  const m = await tx.query<{ due_date: string | null; document_id: number }>(
    `select m.due_date, m.document_id from measure m join document d on d.id = m.document_id where m.id = $1 and ${LIVE_DOCUMENT}`,
    [measureId],
  );
  if (!m.rows[0]) throw new TrackError("not-found", `措施 ${measureId} 不存在`);
  const b = await tx.query<{ id: number; merged_into: number | null }>(`select id, merged_into from responsible_body where id = $1`, [bodyId]);
  if (!b.rows[0]) throw new TrackError("not-found", `责任单位 ${bodyId} 不存在`);
  if (b.rows[0].merged_into) throw new TrackError("conflict", `责任单位 ${bodyId} 已并入 ${b.rows[0].merged_into}`);
  const existing = await tx.query<{ id: number; role: string; due_date: string | null }>(
    `select id, role, due_date from task where measure_id = $1 and body_id = $2 order by id limit 1`,
    [measureId, bodyId],
  );
  const due = dueDate === undefined ? (existing.rows[0]?.due_date ?? m.rows[0].due_date) : dueDate;
  if (existing.rows[0]) {
    const before = existing.rows[0];
    await tx.query(`update task set role = $2, due_date = $3 where id = $1`, [before.id, role, due]);
    // documentId and the rest in both records, so the history of a document finds them (GET /api/audit?document=)
    const documentId = m.rows[0].document_id;
    await audit(tx, actor, "task.update", "task", before.id, { role: before.role, dueDate: before.due_date, documentId, measureId, bodyId }, { role, dueDate: due, documentId, measureId, bodyId });
    return { id: before.id, created: false };
  }
  const r = await tx.query<{ id: number }>(
    `insert into task (measure_id, body_id, role, due_date) values ($1, $2, $3, $4) returning id`,
    [measureId, bodyId, role, due],
  );
  const id = r.rows[0]!.id;
  await audit(tx, actor, "task.assign", "task", id, null, { measureId, bodyId, role, dueDate: due, documentId: m.rows[0].document_id });
  return { id, created: true };
}

/**
 * Removes a body from a measure (deletes the task), recording the task as it was. A task with progress reports,
 * comments, events (签收, 申请调整 …) or notices is refused (409): those are the record of the work, append-only,
 * and deleting the task would delete them with it.
 */
export async function removeTask(tx: Queryable, actor: Actor, taskId: number): Promise<void> {
  const r = await tx.query<{ id: number; measure_id: number; document_id: number; body_id: number; body_name: string; role: string; due_date: string | null; written_as: string | null; reports: number; comments: number; events: number }>(
    `select t.id, t.measure_id, m.document_id, t.body_id, b.name as body_name, t.role, t.due_date, t.written_as,
            (select count(*)::int from progress_report pr where pr.task_id = t.id) as reports,
            (select count(*)::int from task_comment c where c.task_id = t.id) as comments,
            (select count(*)::int from task_event e where e.task_id = t.id)
              + (select count(*)::int from notice_task n where n.task_id = t.id) as events
     from task t join measure m on m.id = t.measure_id join responsible_body b on b.id = t.body_id
     where t.id = $1 and ${LIVE_TASK} for update of t`,
    [taskId],
  );
  const t = r.rows[0];
  if (!t) throw new TrackError("not-found", `任务 ${taskId} 不存在`);
  if (t.reports > 0 || t.comments > 0 || t.events > 0) {
    throw new TrackError("conflict", `任务 ${taskId} 已有 ${t.reports} 条进展报告、${t.comments} 条督办意见、${t.events} 条签收督办等记录，不能删除`, {
      reports: t.reports,
      comments: t.comments,
      events: t.events,
    });
  }
  await tx.query(`delete from task where id = $1`, [taskId]);
  const before = { measureId: t.measure_id, documentId: t.document_id, bodyId: t.body_id, bodyName: t.body_name, role: t.role, dueDate: t.due_date, writtenAs: t.written_as };
  await audit(tx, actor, "task.delete", "task", taskId, before, { deleted: true, documentId: t.document_id, measureId: t.measure_id, bodyId: t.body_id });
}
