/**
 * 督办通知: a supervisor sends a text and a time limit on a task or a set of tasks (all overdue tasks of a body,
 * all open tasks of a document); it lands in the inbox of the bodies those tasks belong to, and each reader of a
 * receiving body leaves a read receipt. The set is fixed when sent (notice_task): later changes to the tasks do
 * not rewrite what was sent. The in-app inbox reads the rows; other channels (mail, where a deployment has an SMTP
 * server) implement NoticeChannel and are called after the notice is committed.
 */
import { Conditions } from "../store/conditions.js";
import type { Queryable, SqlValue } from "../store/db.js";
import { audit, type Actor } from "./audit.js";
import { addScope, bodyInScope, taskInScope, type Scope } from "./scope.js";
import { FINISHED } from "./status.js";
import { COUNT_CAP, getTask, listTasks, TrackError } from "./tasks.js";
import type { Notice, NoticeScope } from "../model/api.js";

/** A way to deliver a notice beyond the app's own inbox. */
export interface NoticeChannel {
  readonly name: string;
  /** called once the notice is stored; a failure is logged, never undoes the notice */
  deliver(notice: Notice): Promise<void>;
}

export interface NewNotice {
  scope: NoticeScope;
  text: string;
  timeLimit: string | null;
}

/** The open tasks a notice's scope names, as the sender may see them. */
async function resolveTasks(db: Queryable, s: NoticeScope, scope: Scope, today: string): Promise<number[]> {
  if (s.kind === "task") {
    const task = (await taskInScope(db, s.taskId, scope)) && (await getTask(db, s.taskId, today));
    if (!task) throw new TrackError("not-found", `任务 ${s.taskId} 不存在`);
    if (FINISHED.has(task.status)) throw new TrackError("conflict", "任务已办结或中止，无需督办");
    return [task.id];
  }
  if (s.bodyId !== undefined && !bodyInScope(scope, s.bodyId)) throw new TrackError("not-found", `责任单位 ${s.bodyId} 不在您的督查范围内`);
  if (s.kind === "body_overdue") {
    const r = await listTasks(db, { bodyId: s.bodyId, status: "overdue", scope, today, limit: COUNT_CAP, offset: 0 });
    if (!r.items.length) throw new TrackError("conflict", "该单位没有逾期任务");
    return r.items.map((t) => t.id);
  }
  const r = await listTasks(db, { documentId: s.documentId, bodyId: s.bodyId, scope, today, limit: COUNT_CAP, offset: 0 });
  const open = r.items.filter((t) => !FINISHED.has(t.status));
  if (!open.length) throw new TrackError("conflict", "该文件没有需要督办的任务");
  return open.map((t) => t.id);
}

export async function sendNotice(tx: Queryable, actor: Actor, n: NewNotice, scope: Scope, today: string): Promise<Notice> {
  if (n.timeLimit !== null && n.timeLimit < today) throw new TrackError("invalid", "办理时限不能早于今天", { field: "timeLimit" });
  const taskIds = await resolveTasks(tx, n.scope, scope, today);
  const r = await tx.query<{ id: number }>(
    `insert into notice (text, time_limit, scope, sender_id, sender) values ($1, $2, $3::jsonb, $4, $5) returning id`,
    [n.text, n.timeLimit, JSON.stringify(n.scope), actor.id, actor.name],
  );
  const id = r.rows[0]!.id;
  await tx.query(`insert into notice_task (notice_id, task_id) select $1, unnest($2::int[])`, [id, taskIds]);
  const notice = (await listNotices(tx, actor, { scope: {}, noticeId: id, limit: 1, offset: 0 })).items[0]!;
  const documents = await tx.query<{ document_id: number }>(
    `select distinct m.document_id from task t join measure m on m.id = t.measure_id where t.id = any($1::int[])`,
    [taskIds],
  );
  await audit(tx, actor, "notice.send", "notice", id, null, {
    scope: n.scope,
    text: n.text,
    timeLimit: n.timeLimit,
    taskIds,
    documentIds: documents.rows.map((d) => d.document_id),
    bodyIds: notice.bodies.map((b) => b.bodyId),
    ...(taskIds.length === 1 ? { taskId: taskIds[0] } : {}),
  });
  return notice;
}

export interface NoticeQuery {
  scope: Scope;
  taskId?: number;
  noticeId?: number;
  unreadOnly?: boolean;
  limit: number;
  offset: number;
}

/**
 * Notices that reach a task the reader may see, newest first, each with the tasks and bodies the reader may see
 * and who of each body read it. An editor reads those sent to its bodies; a supervisor those in its region.
 */
export async function listNotices(db: Queryable, reader: Actor, q: NoticeQuery): Promise<{ items: Notice[]; total: number; unread: number }> {
  const inner = new Conditions();
  inner.add("nt.notice_id = n.id");
  if (q.taskId !== undefined) inner.add("t.id = ?", q.taskId);
  addScope(inner, q.scope);
  const reaches = `exists (select 1 from notice_task nt join task t on t.id = nt.task_id join measure m on m.id = t.measure_id
                           join document d on d.id = m.document_id ${inner.where})`;
  const params: SqlValue[] = [...inner.params, reader.id ?? 0];
  const readerParam = `$${params.length}`;
  const outer = new Conditions(params).add(reaches);
  if (q.noticeId !== undefined) outer.add("n.id = ?", q.noticeId);
  const counts = await db.query<{ n: number; unread: number }>(
    `select count(*)::int as n,
            count(*) filter (where not exists (select 1 from notice_read r where r.notice_id = n.id and r.user_id = ${readerParam}))::int as unread
     from notice n ${outer.where}`,
    outer.params,
  );
  if (q.unreadOnly) outer.add(`not exists (select 1 from notice_read r where r.notice_id = n.id and r.user_id = ${readerParam})`);
  const rows = await db.query<{ id: number; text: string; time_limit: string | null; scope: NoticeScope; sender: string; created_at: string; read: boolean }>(
    `select n.id, n.text, n.time_limit, n.scope, n.sender, n.created_at,
            exists (select 1 from notice_read r where r.notice_id = n.id and r.user_id = ${readerParam}) as read
     from notice n ${outer.where} order by n.id desc limit ${q.limit} offset ${q.offset}`,
    outer.params,
  );
  const ids = rows.rows.map((r) => r.id);
  const tasks = new Map<number, Array<{ taskId: number; bodyId: number; bodyName: string }>>();
  const reads = new Map<string, Array<{ username: string; readAt: string }>>();
  if (ids.length) {
    const tc = addScope(new Conditions([ids]).add("nt.notice_id = any($1::int[])"), q.scope);
    const tr = await db.query<{ notice_id: number; task_id: number; body_id: number; body_name: string }>(
      `select nt.notice_id, t.id as task_id, t.body_id, b.name as body_name
       from notice_task nt join task t on t.id = nt.task_id join responsible_body b on b.id = t.body_id
       join measure m on m.id = t.measure_id join document d on d.id = m.document_id
       ${tc.where} order by nt.notice_id, t.id`,
      tc.params,
    );
    for (const x of tr.rows) {
      const list = tasks.get(x.notice_id) ?? [];
      list.push({ taskId: x.task_id, bodyId: x.body_id, bodyName: x.body_name });
      tasks.set(x.notice_id, list);
    }
    const rr = await db.query<{ notice_id: number; body_id: number; username: string; read_at: string }>(
      `select r.notice_id, ub.body_id, u.username, r.read_at
       from notice_read r join app_user u on u.id = r.user_id join user_body ub on ub.user_id = u.id
       where r.notice_id = any($1::int[]) order by r.read_at`,
      [ids],
    );
    for (const x of rr.rows) {
      const key = `${x.notice_id}:${x.body_id}`;
      reads.set(key, [...(reads.get(key) ?? []), { username: x.username, readAt: x.read_at }]);
    }
  }
  const items = rows.rows.map((r): Notice => {
    const list = tasks.get(r.id) ?? [];
    const bodies = new Map<number, Notice["bodies"][number]>();
    for (const t of list) {
      const b = bodies.get(t.bodyId) ?? { bodyId: t.bodyId, bodyName: t.bodyName, tasks: 0, readBy: reads.get(`${r.id}:${t.bodyId}`) ?? [] };
      b.tasks++;
      bodies.set(t.bodyId, b);
    }
    return { id: r.id, text: r.text, timeLimit: r.time_limit, scope: r.scope, sender: r.sender, createdAt: r.created_at, taskIds: list.map((t) => t.taskId), bodies: [...bodies.values()], read: r.read };
  });
  return { items, total: counts.rows[0]?.n ?? 0, unread: counts.rows[0]?.unread ?? 0 };
}

/**
 * 已读回执: an editor of a receiving body records that it read the notice (once; reading again changes nothing).
 * Anyone else who may see the notice reads it without leaving a receipt.
 */
export async function markRead(tx: Queryable, reader: Actor, noticeId: number, scope: Scope): Promise<Notice> {
  const found = (await listNotices(tx, reader, { scope, noticeId, limit: 1, offset: 0 })).items[0];
  if (!found) throw new TrackError("not-found", `督办通知 ${noticeId} 不存在`);
  const receives = reader.role === "editor" && found.bodies.some((b) => (reader.bodyIds ?? []).includes(b.bodyId));
  if (receives && !found.read) {
    await tx.query(`insert into notice_read (notice_id, user_id) values ($1, $2) on conflict do nothing`, [noticeId, reader.id]);
  }
  return (await listNotices(tx, reader, { scope, noticeId, limit: 1, offset: 0 })).items[0]!;
}
