/**
 * What the status rules need of a set of tasks, read in a few set queries: per task, the reports that count,
 * the latest report and its review, the approved request to close, whether it is suspended, whether its body
 * acknowledged it; per task and target, the latest approved value. The list (tasks.ts) and the dashboard
 * (dashboard.ts) both read through here, so both derive the same status from the same facts.
 *
 * `ids` is SQL that yields task ids (`select unnest($1::int[])`, or the dashboard's filtered set); `params` are its values.
 *
 * Given an `AsOf`, the facts are those of the records that existed at the end of that day (UTC, as `today` is
 * everywhere): reports dated on or before it and submitted by then, reviews made by then (a report reviewed later
 * is still pending), events recorded by then. The 督查通报 reads a past period so (src/office/bulletin/figures.ts).
 */
import type { Queryable, SqlValue } from "../store/db.js";
import type { ReviewState, StatusInput } from "./status.js";
import { chinaDayStart, nextDay } from "./workdays.js";

export interface TaskFacts {
  /** reports that count (not returned) */
  reports: number;
  /** the latest report date among those */
  lastReportDate: string | null;
  latest: StatusInput["latest"];
  closedOn: string | null;
  suspended: boolean;
  /** when the body acknowledged the task (签收), since it was last assigned; null while not */
  acknowledgedAt: string | null;
  /** when the task reached its body: the last transfer, else the task's creation (filled by the caller) */
  transferredAt: string | null;
  /** a request to change the assignment (申请调整) awaits an admin's decision */
  changeRequestOpen: boolean;
}

export const NO_FACTS: TaskFacts = {
  reports: 0,
  lastReportDate: null,
  latest: null,
  closedOn: null,
  suspended: false,
  acknowledgedAt: null,
  transferredAt: null,
  changeRequestOpen: false,
};

/** What of a task's facts the status rules read (status.ts). */
export function statusFacts(f: TaskFacts): Pick<StatusInput, "reports" | "latest" | "closedOn" | "suspended"> {
  return { reports: f.reports, latest: f.latest, closedOn: f.closedOn, suspended: f.suspended };
}

const REVIEW: Record<string, ReviewState> = { approve: "approved", return: "returned", pending: "pending" };

/** The last day whose records count, YYYY-MM-DD. */
export interface AsOf {
  day: string;
}

/** The instant a day ends (the next day's start in China), as a timestamptz parameter. */
export function endOfDay(day: string): string {
  // the day ends at midnight in China, as `today` is China's day (chinaDay)
  return new Date(chinaDayStart(nextDay(day))).toISOString();
}

/**
 * SQL conditions that keep the records of `asOf` (over `progress_report pr`, `report_review rr`, `task_event e`),
 * with their values appended to a copy of `params`; all true when there is no `asOf`.
 */
export function asOfConditions(params: readonly SqlValue[], asOf: AsOf | undefined) {
  if (!asOf) return { params, report: "true", review: "true", event: "true" };
  // one value, the instant the day ends: PostgreSQL refuses a parameter a statement does not use
  const p = [...params, endOfDay(asOf.day)];
  const end = `$${p.length}::timestamptz`;
  return { params: p, report: `pr.report_date < (${end} at time zone 'UTC')::date and pr.created_at < ${end}`, review: `rr.at < ${end}`, event: `e.at < ${end}` };
}

export async function loadFacts(db: Queryable, ids: string, params: readonly SqlValue[], asOf?: AsOf): Promise<Map<number, TaskFacts>> {
  const when = asOfConditions(params, asOf);
  const out = new Map<number, TaskFacts>();
  const get = (id: number) => {
    let f = out.get(id);
    if (!f) out.set(id, (f = { ...NO_FACTS }));
    return f;
  };
  const reports = await db.query<{ task_id: number; n: number; last: string | null; latest_complete: boolean; latest_review: string; closed_on: string | null }>(
    `select pr.task_id,
            count(*) filter (where rr.decision is distinct from 'return')::int as n,
            max(pr.report_date) filter (where rr.decision is distinct from 'return') as last,
            (array_agg(pr.complete order by pr.id desc))[1] as latest_complete,
            (array_agg(coalesce(rr.decision, 'pending') order by pr.id desc))[1] as latest_review,
            min(pr.report_date) filter (where pr.complete and rr.decision = 'approve') as closed_on
     from progress_report pr left join report_review rr on rr.report_id = pr.id and ${when.review}
     where pr.task_id in (${ids}) and ${when.report}
     group by pr.task_id`,
    when.params,
  );
  for (const r of reports.rows) {
    const f = get(r.task_id);
    f.reports = r.n;
    f.lastReportDate = r.last;
    f.latest = { complete: r.latest_complete, review: REVIEW[r.latest_review] ?? "pending" };
    f.closedOn = r.closed_on;
  }
  const events = await db.query<{ task_id: number; pause: string | null; ack_id: number | null; ack_at: string | null; moved_id: number | null; moved_at: string | null; change: string | null }>(
    `select task_id,
            (array_agg(kind order by id desc) filter (where kind in ('suspend', 'resume')))[1] as pause,
            max(id) filter (where kind = 'acknowledge') as ack_id,
            max(at) filter (where kind = 'acknowledge') as ack_at,
            max(id) filter (where kind = 'change_accept') as moved_id,
            max(at) filter (where kind = 'change_accept') as moved_at,
            (array_agg(kind order by id desc) filter (where kind in ('change_request', 'change_accept', 'change_refuse')))[1] as change
     from task_event e where task_id in (${ids}) and ${when.event}
     group by task_id`,
    when.params,
  );
  for (const e of events.rows) {
    const f = get(e.task_id);
    f.suspended = e.pause === "suspend";
    // a task handed to another body (change_accept) is that body's to acknowledge anew
    f.acknowledgedAt = e.ack_id !== null && (e.moved_id === null || e.ack_id > e.moved_id) ? e.ack_at : null;
    f.transferredAt = e.moved_at;
    f.changeRequestOpen = e.change === "change_request";
  }
  return out;
}

/** The latest approved value per task and target (`${taskId}:${targetId}`), by report date. */
export async function loadApprovedValues(db: Queryable, ids: string, params: readonly SqlValue[], asOf?: AsOf): Promise<Map<string, { value: number; date: string }>> {
  const when = asOfConditions(params, asOf);
  const r = await db.query<{ task_id: number; target_id: number; value: number; report_date: string }>(
    `select distinct on (pr.task_id, pr.target_id) pr.task_id, pr.target_id, pr.value, pr.report_date
     from progress_report pr join report_review rr on rr.report_id = pr.id and rr.decision = 'approve' and ${when.review}
     where pr.task_id in (${ids}) and pr.target_id is not null and pr.value is not null and ${when.report}
     order by pr.task_id, pr.target_id, pr.report_date desc, pr.id desc`,
    when.params,
  );
  return new Map(r.rows.map((l) => [`${l.task_id}:${l.target_id}`, { value: l.value, date: l.report_date }]));
}

/** SQL over `task t`: not closed (no approved request to close) and not suspended. */
export const OPEN_TASK = `not exists (select 1 from report_review rr join progress_report pr on pr.id = rr.report_id
                                where rr.task_id = t.id and rr.decision = 'approve' and pr.complete)
  and coalesce((select e.kind from task_event e where e.task_id = t.id and e.kind in ('suspend', 'resume') order by e.id desc limit 1), '') <> 'suspend'`;

/** SQL over `task t`: its body has not acknowledged it since it was last assigned. */
export const UNACKNOWLEDGED = `not exists (select 1 from task_event a where a.task_id = t.id and a.kind = 'acknowledge'
  and a.id > coalesce((select max(x.id) from task_event x where x.task_id = t.id and x.kind = 'change_accept'), 0))`;

/** SQL over `task t`: the day (UTC) it reached its body — its creation, or its last transfer. */
export const ASSIGNED_DAY = `(coalesce((select max(x.at) from task_event x where x.task_id = t.id and x.kind = 'change_accept'), t.created_at) at time zone 'UTC')::date`;

/**
 * SQL over `task t`: its latest report was returned (退回) and the body has not reported since. The status says
 * 已退回 only while the task is not overdue (status.ts: overdue comes first); the body must hear of it either way.
 */
export const LATEST_RETURNED = `(select rr.decision from progress_report pr left join report_review rr on rr.report_id = pr.id
  where pr.task_id = t.id order by pr.id desc limit 1) = 'return'`;
