/**
 * 交办 / 签收 / 申请调整 / 审核 / 中止 / 延期: the supervision loop's actions on a task. Each is one record
 * (task_event, report_review) and one audit entry in the caller's transaction; the task's status follows from
 * them when read (status.ts). Who may act is checked here, beside what is checked of the task itself.
 */
import type { Queryable } from "../store/db.js";
import { audit, type Actor } from "./audit.js";
import { taskInScope, type Scope } from "./scope.js";
import { FINISHED } from "./status.js";
import { getTask, isBodyEditor, TrackError } from "./tasks.js";
import type { ReportReview, Task, TaskEvent } from "../model/api.js";

type EventKind = TaskEvent["kind"];

interface EventRow {
  id: number;
  task_id: number;
  kind: EventKind;
  reason: string | null;
  data: Record<string, unknown> | null;
  actor: string;
  at: string;
}

const toEvent = (r: EventRow): TaskEvent => ({ id: r.id, taskId: r.task_id, kind: r.kind, reason: r.reason, data: r.data, actor: r.actor, at: r.at });

async function record(tx: Queryable, actor: Actor, taskId: number, kind: EventKind, reason: string | null, data: Record<string, unknown> | null): Promise<TaskEvent> {
  const r = await tx.query<EventRow>(
    `insert into task_event (task_id, kind, reason, data, actor_id, actor) values ($1, $2, $3, $4::jsonb, $5, $6) returning *`,
    [taskId, kind, reason, data === null ? null : JSON.stringify(data), actor.id, actor.name],
  );
  return toEvent(r.rows[0]!);
}

export async function listEvents(db: Queryable, taskId: number): Promise<TaskEvent[]> {
  const r = await db.query<EventRow>(`select * from task_event where task_id = $1 order by id`, [taskId]);
  return r.rows.map(toEvent);
}

/** The task, locked for the change, as its body and the rules see it now; 404 outside the actor's scope. */
async function lockTask(tx: Queryable, taskId: number, scope: Scope, today: string): Promise<Task> {
  await tx.query(`select id from task where id = $1 for update`, [taskId]);
  const inScope = await taskInScope(tx, taskId, scope);
  const task = inScope && (await getTask(tx, taskId, today));
  if (!task) throw new TrackError("not-found", `任务 ${taskId} 不存在`);
  return task;
}

const documentOf = (t: Task) => ({ documentId: t.documentId, measureId: t.measureId, bodyId: t.bodyId });

function refuseFinished(t: Task, what: string): void {
  if (FINISHED.has(t.status)) throw new TrackError("conflict", `任务已${t.status === "suspended" ? "中止" : "办结"}，不能${what}`, { status: t.status });
}

/** 签收: the body's editor acknowledges the task (once per assignment). */
export async function acknowledge(tx: Queryable, actor: Actor, taskId: number, scope: Scope, today: string): Promise<TaskEvent> {
  const t = await lockTask(tx, taskId, scope, today);
  if (!isBodyEditor(actor, t.bodyId)) throw new TrackError("forbidden", "只有本单位的填报人员可以签收");
  if (t.acknowledgedAt) throw new TrackError("conflict", "任务已签收", { acknowledgedAt: t.acknowledgedAt });
  const e = await record(tx, actor, taskId, "acknowledge", null, { bodyId: t.bodyId });
  await audit(tx, actor, "task.acknowledge", "task", taskId, null, { ...documentOf(t), at: e.at });
  return e;
}

/** 申请调整: the body asks an admin to assign the task elsewhere, saying why (and, if it knows, to whom). */
export async function requestChange(tx: Queryable, actor: Actor, taskId: number, scope: Scope, today: string, reason: string, proposedBody: string | null): Promise<TaskEvent> {
  const t = await lockTask(tx, taskId, scope, today);
  if (!isBodyEditor(actor, t.bodyId)) throw new TrackError("forbidden", "只有本单位的填报人员可以申请调整");
  refuseFinished(t, "申请调整");
  if (t.changeRequestOpen) throw new TrackError("conflict", "已有一项调整申请等待处理");
  const e = await record(tx, actor, taskId, "change_request", reason, { bodyId: t.bodyId, proposedBody });
  await audit(tx, actor, "task.change_request", "task", taskId, null, { ...documentOf(t), reason, proposedBody });
  return e;
}

/**
 * An admin decides the open request: accepting hands the task to another body (which must acknowledge it anew);
 * refusing leaves it with the body, with the reason.
 */
export async function decideChange(
  tx: Queryable,
  actor: Actor,
  taskId: number,
  scope: Scope,
  today: string,
  d: { accept: boolean; reason: string; bodyId?: number },
): Promise<TaskEvent> {
  const t = await lockTask(tx, taskId, scope, today);
  if (!t.changeRequestOpen) throw new TrackError("conflict", "该任务没有待处理的调整申请");
  if (!d.accept) {
    const e = await record(tx, actor, taskId, "change_refuse", d.reason, { bodyId: t.bodyId });
    await audit(tx, actor, "task.change_refuse", "task", taskId, null, { ...documentOf(t), reason: d.reason });
    return e;
  }
  if (d.bodyId === undefined) throw new TrackError("invalid", "同意调整时须指定接手的责任单位", { field: "bodyId" });
  if (d.bodyId === t.bodyId) throw new TrackError("invalid", "接手单位与原单位相同", { field: "bodyId" });
  const b = await tx.query<{ name: string; merged_into: number | null }>(`select name, merged_into from responsible_body where id = $1`, [d.bodyId]);
  if (!b.rows[0] || b.rows[0].merged_into) throw new TrackError("invalid", `责任单位 ${d.bodyId} 不存在或已合并`, { field: "bodyId" });
  const dup = await tx.query(`select 1 from task where measure_id = $1 and body_id = $2`, [t.measureId, d.bodyId]);
  if (dup.rows.length) throw new TrackError("conflict", `${b.rows[0].name} 已承担这项措施`);
  await tx.query(`update task set body_id = $2 where id = $1`, [taskId, d.bodyId]);
  const e = await record(tx, actor, taskId, "change_accept", d.reason, { fromBodyId: t.bodyId, toBodyId: d.bodyId, toBodyName: b.rows[0].name });
  await audit(tx, actor, "task.transfer", "task", taskId, { ...documentOf(t), bodyName: t.bodyName }, { ...documentOf(t), bodyId: d.bodyId, bodyName: b.rows[0].name, reason: d.reason });
  return e;
}

/** 中止 / 恢复: an admin suspends a task (no status but 已中止 until resumed), or resumes it. */
export async function setSuspended(tx: Queryable, actor: Actor, taskId: number, scope: Scope, today: string, suspend: boolean, reason: string): Promise<TaskEvent> {
  const t = await lockTask(tx, taskId, scope, today);
  if (suspend && t.status === "suspended") throw new TrackError("conflict", "任务已中止");
  if (!suspend && t.status !== "suspended") throw new TrackError("conflict", "任务未中止，无需恢复");
  if (suspend && (t.status === "done" || t.status === "done_late")) throw new TrackError("conflict", "任务已办结，不能中止");
  const e = await record(tx, actor, taskId, suspend ? "suspend" : "resume", reason, null);
  await audit(tx, actor, suspend ? "task.suspend" : "task.resume", "task", taskId, { ...documentOf(t), status: t.status }, { ...documentOf(t), reason });
  return e;
}

/** 延期: an admin moves the due date, with a reason. */
export async function extendDue(tx: Queryable, actor: Actor, taskId: number, scope: Scope, today: string, dueDate: string, reason: string): Promise<TaskEvent> {
  const t = await lockTask(tx, taskId, scope, today);
  refuseFinished(t, "延期");
  if (dueDate < today) throw new TrackError("invalid", "新的完成时限不能早于今天", { field: "dueDate" });
  if (dueDate === t.dueDate) throw new TrackError("invalid", "新的完成时限与原时限相同", { field: "dueDate" });
  await tx.query(`update task set due_date = $2 where id = $1`, [taskId, dueDate]);
  const e = await record(tx, actor, taskId, "extend", reason, { from: t.dueDate, to: dueDate });
  await audit(tx, actor, "task.extend", "task", taskId, { ...documentOf(t), dueDate: t.dueDate }, { ...documentOf(t), dueDate, reason });
  return e;
}

/**
 * 审核: a supervisor or admin approves a report, or returns it with a reason the body sees. One decision per
 * report. Approving a request to close (申请办结) closes the task (销号) as of the report's date.
 */
export async function reviewReport(
  tx: Queryable,
  actor: Actor,
  reportId: number,
  scope: Scope,
  today: string,
  d: { decision: "approve" | "return"; reason: string | null },
): Promise<{ review: ReportReview; task: Task }> {
  const r = await tx.query<{ id: number; task_id: number; complete: boolean; report_date: string }>(
    `select id, task_id, complete, report_date from progress_report where id = $1`,
    [reportId],
  );
  const report = r.rows[0];
  if (!report) throw new TrackError("not-found", `报送 ${reportId} 不存在`);
  const t = await lockTask(tx, report.task_id, scope, today).catch((e: unknown) => {
    throw e instanceof TrackError && e.kind === "not-found" ? new TrackError("not-found", `报送 ${reportId} 不存在`) : e;
  });
  const done = await tx.query(`select 1 from report_review where report_id = $1`, [reportId]);
  if (done.rows.length) throw new TrackError("conflict", "该报送已审核");
  if (d.decision === "return" && !d.reason) throw new TrackError("invalid", "退回须说明理由", { field: "reason" });
  if (d.decision === "approve" && report.complete && (t.status === "done" || t.status === "done_late")) {
    throw new TrackError("conflict", "任务已办结");
  }
  const ins = await tx.query<{ at: string }>(
    `insert into report_review (report_id, task_id, decision, reason, reviewer_id, reviewer) values ($1, $2, $3, $4, $5, $6) returning at`,
    [reportId, t.id, d.decision, d.reason, actor.id, actor.name],
  );
  const review: ReportReview = { decision: d.decision === "approve" ? "approved" : "returned", reason: d.reason, reviewer: actor.name, at: ins.rows[0]!.at };
  const action = d.decision === "return" ? "report.return" : report.complete ? "task.close" : "report.approve";
  await audit(tx, actor, action, "task", t.id, { ...documentOf(t), status: t.status }, { ...documentOf(t), reportId, reason: d.reason, ...(report.complete && d.decision === "approve" ? { closedOn: report.report_date } : {}) });
  return { review, task: (await getTask(tx, t.id, today))! };
}
