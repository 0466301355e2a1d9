/**
 * 督查总览: everything the dashboard page shows, from one call. Status is derived, never stored; the database
 * derives it for every matching task by the SQL twin of the rules (status-sql.ts, held to agree with status.ts
 * by its test) and counts by status, body and month in the same query, so only the counts and a page of each
 * list leave it, whatever the number of tasks.
 */
import { LIVE_DOCUMENT, liveDocumentAt } from "./publication.js";
import { Conditions } from "../store/conditions.js";
import type { Queryable, SqlValue } from "../store/db.js";
import { asOfConditions, endOfDay, loadApprovedValues, loadFacts, NO_FACTS, statusFacts, type AsOf } from "./facts.js";
import { taskStatusQuery } from "./status-sql.js";
import { deriveStatus, TASK_STATUSES, type TaskStatus } from "./status.js";
import { getTasks } from "./tasks.js";
import type { Dashboard, StatusCounts, TargetLatest } from "../model/api.js";

export type { BodyLoad, Dashboard, StatusCounts, TargetLatest } from "../model/api.js";

export interface DashboardFilter {
  documentId?: number;
  /** tasks of these bodies (a body chosen on the page, or an editor's own) */
  bodyIds?: number[];
  /** the document's region (地区), as stored on the document */
  region?: string;
  today: string;
  /** how many overdue and at-risk tasks to send */
  listSize: number;
  bodyLimit: number;
  bodyOffset: number;
  targetLimit: number;
}

export const MAX_MONTHS = 120;

const zero = (): StatusCounts => Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as StatusCounts;

/** The task filter as SQL over `task t join measure m join document d`; pushes its values onto params. */
function filterOf(f: Pick<DashboardFilter, "documentId" | "bodyIds" | "region">, params: SqlValue[]): string {
  const c = new Conditions(params).add(LIVE_DOCUMENT);
  if (f.documentId !== undefined) c.add("m.document_id = ?", f.documentId);
  if (f.bodyIds !== undefined) c.add("t.body_id = any(?::int[])", f.bodyIds);
  if (f.region !== undefined) c.add("d.region = ?", f.region);
  return c.where;
}

const FILTERED = (where: string) => `
  select t.id, t.measure_id, t.body_id, t.due_date, coalesce(d.doc_date, t.created_at::date) as start
  from task t join measure m on m.id = t.measure_id join document d on d.id = m.document_id ${where}`;

/** 按期率: of the tasks whose due date has passed (suspended ones aside), the share closed on time. */
export function onTimeRate(c: { dueSoFar: number; closedOnTime: number }): number | null {
  return c.dueSoFar ? c.closedOnTime / c.dueSoFar : null;
}

/** Whether a task counts among the 按期率's due tasks on `today`: its due date has passed and it is not suspended. */
export function countsAsDue(due: string | null, status: TaskStatus, today: string): boolean {
  return !!due && due < today && status !== "suspended";
}

/** A task as the status rules need it: its due date, when its work started, its measure (for the targets). */
export interface StatusRow {
  id: number;
  measure_id: number;
  due_date: string | null;
  start: string | null;
}

/**
 * The status of each of `rows` on `today`, in order: what the rules need of their reports, reviews, events and
 * targets read in a few set queries (`ids` is SQL yielding the same tasks' ids, `params` its values), then
 * deriveStatus once per task. With `asOf`, from the records as they stood at the end of that day (facts.ts).
 */
export async function statusesOf(db: Queryable, rows: readonly StatusRow[], ids: string, params: readonly SqlValue[], today: string, asOf?: AsOf): Promise<TaskStatus[]> {
  const facts = await loadFacts(db, ids, params, asOf);
  const approved = await loadApprovedValues(db, ids, params, asOf);
  const targets = await db.query<{ id: number; measure_id: number; value: number }>(
    `select tg.id, tg.measure_id, tg.value from target tg
     where tg.kind = 'target' and tg.measure_id in (select t.measure_id from task t where t.id in (${ids}))
     order by tg.measure_id, tg.ordinal`,
    params,
  );
  const targetsOf = new Map<number, Array<{ id: number; value: number }>>();
  for (const t of targets.rows) {
    const list = targetsOf.get(t.measure_id) ?? [];
    list.push({ id: t.id, value: t.value });
    targetsOf.set(t.measure_id, list);
  }
  return rows.map(
    (r) =>
      deriveStatus({
        due: r.due_date,
        start: r.start,
        ...statusFacts(facts.get(r.id) ?? NO_FACTS),
        targets: (targetsOf.get(r.measure_id) ?? []).map((t) => ({ target: t.value, latest: approved.get(`${r.id}:${t.id}`)?.value ?? null })),
        today,
      }).status,
  );
}

export async function dashboard(db: Queryable, f: DashboardFilter): Promise<Dashboard> {
  const params: SqlValue[] = [];
  const where = filterOf(f, params);
  params.push(f.today);
  const today = `$${params.length}`;
  // every aggregate from one evaluation of the tasks' statuses, in the database; the counts by status are the
  // bodies' counts summed; due_so_far is countsAsDue in SQL
  const r = await db.query<{
    by_body: Array<{ body_id: number; status: TaskStatus; n: number; due_so_far: number; on_time: number }> | null;
    months: Array<{ month: string; total: number; done: number; overdue: number }> | null;
    undated: number;
    overdue_ids: number[] | null;
    at_risk_ids: number[] | null;
  }>(
    `with s as materialized (${taskStatusQuery(FILTERED(where), today)})
     select
       (select json_agg(x) from (
          select body_id, status, count(*)::int as n,
                 count(*) filter (where due_date < ${today}::date and status <> 'suspended')::int as due_so_far,
                 count(*) filter (where due_date < ${today}::date and status = 'done')::int as on_time
          from s group by body_id, status) x) as by_body,
       (select json_agg(x) from (
          select to_char(due_date, 'YYYY-MM') as month, count(*)::int as total,
                 count(*) filter (where status in ('done', 'done_late'))::int as done,
                 count(*) filter (where status = 'overdue')::int as overdue
          from s where due_date is not null group by 1) x) as months,
       (select count(*)::int from s where due_date is null) as undated,
       (select array_agg(id order by due_date nulls last, id) from (
          select id, due_date from s where status = 'overdue' order by due_date nulls last, id limit ${f.listSize}) x) as overdue_ids,
       (select array_agg(id order by due_date nulls last, id) from (
          select id, due_date from s where status = 'at_risk' order by due_date nulls last, id limit ${f.listSize}) x) as at_risk_ids`,
    params,
  );
  const row = r.rows[0]!;

  const byStatus = zero();
  const byBody = new Map<number, StatusCounts & { total: number; dueSoFar: number; closedOnTime: number }>();
  const onTime = { dueSoFar: 0, closedOnTime: 0 };
  for (const x of row.by_body ?? []) {
    let b = byBody.get(x.body_id);
    if (!b) byBody.set(x.body_id, (b = { total: 0, dueSoFar: 0, closedOnTime: 0, ...zero() }));
    b.total += x.n;
    b[x.status] += x.n;
    byStatus[x.status] += x.n;
    b.dueSoFar += x.due_so_far;
    b.closedOnTime += x.on_time;
    onTime.dueSoFar += x.due_so_far;
    onTime.closedOnTime += x.on_time;
  }
  const months = new Map((row.months ?? []).map(({ month, ...m }) => [month, m]));
  const overdueIds = row.overdue_ids ?? [];
  const atRiskIds = row.at_risk_ids ?? [];

  const bodyPage = [...byBody.entries()]
    .sort(([ia, a], [ib, b]) => b.total - a.total || ia - ib)
    .slice(f.bodyOffset, f.bodyOffset + f.bodyLimit);
  const names = new Map<number, string>();
  if (bodyPage.length) {
    const r = await db.query<{ id: number; name: string }>(`select id, name from responsible_body where id = any($1::int[])`, [bodyPage.map(([id]) => id)]);
    for (const x of r.rows) names.set(x.id, x.name);
  }
  const listed = await getTasks(db, [...overdueIds, ...atRiskIds], f.today);

  return {
    today: f.today,
    tasks: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    onTime: { ...onTime, rate: onTimeRate(onTime) },
    byBody: bodyPage.map(([bodyId, { dueSoFar, closedOnTime, ...c }]) => ({
      bodyId,
      bodyName: names.get(bodyId) ?? "",
      ...c,
      dueSoFar,
      closedOnTime,
      onTimeRate: onTimeRate({ dueSoFar, closedOnTime }),
    })),
    bodyTotal: byBody.size,
    overdue: { items: listed.filter((t) => overdueIds.includes(t.id)), total: byStatus.overdue },
    atRisk: { items: listed.filter((t) => atRiskIds.includes(t.id)), total: byStatus.at_risk },
    targets: await targetProgress(db, { ...f, limit: f.targetLimit }),
    byDueMonth: monthWindow(months, f.today),
    undated: row.undated,
  };
}

/** Months in order; past MAX_MONTHS, the MAX_MONTHS around today's month (a page, not the whole calendar). */
export function monthWindow<T>(months: Map<string, T>, today: string): Array<{ month: string } & T> {
  const all = [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, v]) => ({ month, ...v }));
  if (all.length <= MAX_MONTHS) return all;
  const now = all.findIndex((m) => m.month >= today.slice(0, 7));
  const at = now === -1 ? all.length : now;
  const start = Math.max(0, Math.min(all.length - MAX_MONTHS, at - MAX_MONTHS / 2));
  return all.slice(start, start + MAX_MONTHS);
}

/**
 * Targets of the matching measures with their progress beside the value to reach, most recently reported first.
 * The progress is the latest approved value of the lead task — summed over the leads where several bodies each
 * lead their share — or, filtered by bodies, of those bodies' own tasks; never simply the last report of anyone.
 */
export async function targetProgress(
  db: Queryable,
  f: Pick<DashboardFilter, "documentId" | "bodyIds" | "region"> & { limit: number; asOf?: AsOf },
): Promise<TargetLatest[]> {
  const c = new Conditions().add("tg.kind = 'target'");
  // as of a past day: the documents and tasks that were there, the values approved by then (facts.ts)
  const when = asOfConditions([], f.asOf);
  c.params.push(...when.params);
  let taskThere = "true";
  if (f.asOf) {
    c.params.push(endOfDay(f.asOf.day));
    const end = `$${c.params.length}::timestamptz`;
    c.add(liveDocumentAt(end));
    taskThere = `t.created_at < ${end}`;
  } else c.add(LIVE_DOCUMENT);
  if (f.documentId !== undefined) c.add("m.document_id = ?", f.documentId);
  if (f.bodyIds !== undefined) c.add("exists (select 1 from task bt where bt.measure_id = m.id and bt.body_id = any(?::int[]))", f.bodyIds);
  if (f.region !== undefined) c.add("d.region = ?", f.region);
  let whose = "t.role = 'lead'";
  if (f.bodyIds !== undefined) {
    c.params.push(f.bodyIds);
    whose = `t.body_id = any($${c.params.length}::int[])`;
  }
  // the latest approved value per task and target, then per target over the tasks that speak for it
  const r = await db.query<{
    id: number;
    measure_id: number;
    measure_title: string;
    document_id: number;
    text: string;
    indicator: string | null;
    value: number;
    unit: string;
    deadline: string | null;
    latest_value: number | null;
    latest_date: string | null;
  }>(
    `with lv as (
       select distinct on (pr.task_id, pr.target_id) pr.task_id, pr.target_id, pr.value, pr.report_date
       from progress_report pr join report_review rr on rr.report_id = pr.id and rr.decision = 'approve'
       where pr.target_id is not null and pr.value is not null and ${when.report} and ${when.review}
       order by pr.task_id, pr.target_id, pr.report_date desc, pr.id desc
     ),
     tv as (
       select lv.target_id, sum(lv.value) as value, max(lv.report_date) as report_date
       from lv join task t on t.id = lv.task_id where ${whose} and ${taskThere} group by lv.target_id
     )
     select tg.id, tg.measure_id, m.title as measure_title, m.document_id, tg.text, tg.indicator, tg.value, tg.unit, tg.deadline,
            tv.value as latest_value, tv.report_date as latest_date
     from target tg
     join measure m on m.id = tg.measure_id
     join document d on d.id = m.document_id
     left join tv on tv.target_id = tg.id
     ${c.where}
     order by tv.report_date desc nulls last, tg.id
     limit ${f.limit}`,
    c.params,
  );
  return r.rows.map((x) => ({
    targetId: x.id,
    measureId: x.measure_id,
    measureTitle: x.measure_title,
    documentId: x.document_id,
    text: x.text,
    indicator: x.indicator,
    targetValue: x.value,
    unit: x.unit,
    deadline: x.deadline,
    latestValue: x.latest_value,
    latestReportDate: x.latest_date,
    share: x.latest_value === null || x.value === 0 ? null : x.latest_value / x.value,
  }));
}
