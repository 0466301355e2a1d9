/**
 * 待办 / 消息: what needs the user now, in one answer. For an editor: the notices sent to its bodies (unread
 * first counted), reminders, tasks to acknowledge, reports returned. For a supervisor or admin: reports awaiting
 * review, tasks not acknowledged after N working days, and (admin) requests to change an assignment.
 * Reminders are derived when read — due within N days, or overdue — never stored, so none can go stale.
 */
import { Conditions } from "../store/conditions.js";
import type { Queryable } from "../store/db.js";
import type { Actor } from "./audit.js";
import { listNotices } from "./notices.js";
import { addScope, type Scope } from "./scope.js";
import { FINISHED } from "./status.js";
import { getReports, getTasks, listTasks } from "./tasks.js";
import { addDays, assignedBeforeForWait } from "./workdays.js";
import type { Inbox, Notice } from "../model/api.js";
import { LIVE_DOCUMENT } from "./publication.js";

export type { Inbox } from "../model/api.js";

/** remindDays: remind this many days before a due date (LUOSHI_REMIND_DAYS, default 7); ackWorkingDays: list tasks
 * not acknowledged after this many working days (LUOSHI_ACK_WORKING_DAYS, default 3) */
export type InboxSettings = Inbox["settings"];

export const DEFAULT_INBOX: InboxSettings = { remindDays: 7, ackWorkingDays: 3 };

const LIST = 50;
const empty = <T>(): { items: T[]; total: number } => ({ items: [], total: 0 });

export async function inbox(db: Queryable, actor: Actor, scope: Scope, today: string, settings: InboxSettings): Promise<Inbox> {
  const out: Inbox = {
    today,
    settings,
    notices: { ...empty<Notice>(), unread: 0 },
    reminders: [],
    toAcknowledge: empty(),
    returned: empty(),
    pendingReviews: empty(),
    unacknowledged: empty(),
    changeRequests: empty(),
  };
  const page = { today, limit: LIST, offset: 0 };
  if (actor.role === "editor") {
    // an editor's inbox is its own bodies', whatever it may read
    const own: Scope = { bodyIds: actor.bodyIds ?? [] };
    out.notices = await listNotices(db, actor, { scope: own, limit: LIST, offset: 0 });
    const overdue = await listTasks(db, { ...page, scope: own, status: "overdue" });
    const soon = await listTasks(db, { ...page, scope: own, dueFrom: today, dueBefore: addDays(today, settings.remindDays + 1) });
    out.reminders = [
      ...overdue.items.map((task) => ({ kind: "overdue" as const, task })),
      ...soon.items.filter((t) => !FINISHED.has(t.status) && t.status !== "pending_review").map((task) => ({ kind: "due_soon" as const, task })),
    ];
    out.toAcknowledge = await listTasks(db, { ...page, scope: own, acknowledged: false });
    // by the latest review, not the status: an overdue task whose report was returned is 已逾期 yet must be redone
    out.returned = await listTasks(db, { ...page, scope: own, latestReturned: true });
    return out;
  }
  out.notices = await listNotices(db, actor, { scope, limit: 10, offset: 0 });
  const pending = addScope(new Conditions().add("not exists (select 1 from report_review rr where rr.report_id = pr.id)").add(LIVE_DOCUMENT), scope);
  const from = `from progress_report pr join task t on t.id = pr.task_id join measure m on m.id = t.measure_id join document d on d.id = m.document_id ${pending.where}`;
  const total = await db.query<{ n: number }>(`select count(*)::int as n ${from}`, pending.params);
  // requests to close first, then oldest first: the longest waiting
  const ids = await db.query<{ id: number; task_id: number }>(`select pr.id, pr.task_id ${from} order by pr.complete desc, pr.id limit ${LIST}`, pending.params);
  const [reports, tasks] = await Promise.all([getReports(db, ids.rows.map((r) => r.id)), getTasks(db, [...new Set(ids.rows.map((r) => r.task_id))], today)]);
  const taskOf = new Map(tasks.map((t) => [t.id, t]));
  out.pendingReviews = { items: reports.map((report) => ({ report, task: taskOf.get(report.taskId)! })), total: total.rows[0]?.n ?? 0 };
  out.unacknowledged = await listTasks(db, { ...page, scope, acknowledged: false, assignedBefore: assignedBeforeForWait(today, settings.ackWorkingDays) });
  if (actor.role === "admin" || actor.role === "system") {
    const open = await db.query<{ task_id: number }>(
      `select task_id from (select distinct on (task_id) task_id, kind, id from task_event
        where kind in ('change_request', 'change_accept', 'change_refuse') order by task_id, id desc) x
       where kind = 'change_request' order by id`,
    );
    const all = open.rows.map((r) => r.task_id);
    out.changeRequests = { items: await getTasks(db, all.slice(0, LIST), today), total: all.length };
  }
  return out;
}
