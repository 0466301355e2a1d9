/**
 * 督查总览: everything the dashboard page shows, from one call. Status is derived, never stored, so every
 * matching task's status must be derived to count them; this reads what the rules need for all of them in a
 * few set queries (the latest report per task by DISTINCT ON, the latest value per task and target), then
 * applies deriveStatus (status.ts, the one home of the rules) once per task in a single pass that fills every
 * aggregate. Only a page of each list leaves the server.
 */
import { MEASURE_OF_BODY } from "./documents.js";
import { Conditions } from "../store/conditions.js";
import type { Queryable, SqlValue } from "../store/db.js";
import { deriveStatus, TASK_STATUSES } from "./status.js";
import { getTasks } from "./tasks.js";
import type { Dashboard, StatusCounts, TargetLatest } from "../model/api.js";

export type { BodyLoad, Dashboard, StatusCounts, TargetLatest } from "../model/api.js";

export interface DashboardFilter {
  documentId?: number;
  bodyId?: number;
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
function filterOf(f: Pick<DashboardFilter, "documentId" | "bodyId" | "region">, params: SqlValue[]): string {
  const c = new Conditions(params);
  if (f.documentId !== undefined) c.add("m.document_id = ?", f.documentId);
  if (f.bodyId !== undefined) c.add("t.body_id = ?", f.bodyId);
  if (f.region !== undefined) c.add("d.region = ?", f.region);
  return c.where;
}

const FILTERED = (where: string) => `
  select t.id, t.measure_id, t.body_id, t.due_date, coalesce(d.doc_date, t.created_at::date) as start
  from task t join measure m on m.id = t.measure_id join document d on d.id = m.document_id ${where}`;

export async function dashboard(db: Queryable, f: DashboardFilter): Promise<Dashboard> {
  const params: SqlValue[] = [];
  const where = filterOf(f, params);
  // every matching task with what the rules need of its reports: how many, and whether the latest declares it done
  const rows = await db.query<{ id: number; measure_id: number; body_id: number; due_date: string | null; start: string; n: number; complete: boolean }>(
    `with ft as (${FILTERED(where)}),
     lr as (
       select distinct on (pr.task_id) pr.task_id, pr.complete, count(*) over (partition by pr.task_id)::int as n
       from progress_report pr where pr.task_id in (select id from ft)
       order by pr.task_id, pr.report_date desc, pr.id desc
     )
     select ft.id, ft.measure_id, ft.body_id, ft.due_date, ft.start, coalesce(lr.n, 0) as n, coalesce(lr.complete, false) as complete
     from ft left join lr on lr.task_id = ft.id
     order by ft.due_date nulls last, ft.id`,
    params,
  );
  // the targets of those tasks' measures, and each task's latest value per target
  const targets = await db.query<{ id: number; measure_id: number; value: number }>(
    `select tg.id, tg.measure_id, tg.value from target tg
     where tg.kind = 'target' and tg.measure_id in (select measure_id from (${FILTERED(where)}) ft)
     order by tg.measure_id, tg.ordinal`,
    params,
  );
  const latest = await db.query<{ task_id: number; target_id: number; value: number }>(
    `select distinct on (pr.task_id, pr.target_id) pr.task_id, pr.target_id, pr.value
     from progress_report pr
     where pr.target_id is not null and pr.value is not null and pr.task_id in (select id from (${FILTERED(where)}) ft)
     order by pr.task_id, pr.target_id, pr.report_date desc, pr.id desc`,
    params,
  );
  const targetsOf = new Map<number, Array<{ id: number; value: number }>>();
  for (const t of targets.rows) {
    const list = targetsOf.get(t.measure_id) ?? [];
    list.push({ id: t.id, value: t.value });
    targetsOf.set(t.measure_id, list);
  }
  const latestOf = new Map<string, number>();
  for (const l of latest.rows) latestOf.set(`${l.task_id}:${l.target_id}`, l.value);

  // one pass: derive each status once and fill every aggregate
  const byStatus = zero();
  const byBody = new Map<number, StatusCounts & { total: number }>();
  const months = new Map<string, { total: number; done: number; overdue: number }>();
  let undated = 0;
  const overdueIds: number[] = [];
  const atRiskIds: number[] = [];
  for (const r of rows.rows) {
    const { status } = deriveStatus({
      due: r.due_date,
      start: r.start,
      reports: r.n,
      latestComplete: r.complete,
      targets: (targetsOf.get(r.measure_id) ?? []).map((t) => ({ target: t.value, latest: latestOf.get(`${r.id}:${t.id}`) ?? null })),
      today: f.today,
    });
    byStatus[status]++;
    let b = byBody.get(r.body_id);
    if (!b) byBody.set(r.body_id, (b = { total: 0, ...zero() }));
    b.total++;
    b[status]++;
    if (r.due_date) {
      const key = r.due_date.slice(0, 7);
      let m = months.get(key);
      if (!m) months.set(key, (m = { total: 0, done: 0, overdue: 0 }));
      m.total++;
      if (status === "done") m.done++;
      if (status === "overdue") m.overdue++;
    } else undated++;
    // rows come in due-date order, so the first ones seen are the first to show
    if (status === "overdue" && overdueIds.length < f.listSize) overdueIds.push(r.id);
    if (status === "at_risk" && atRiskIds.length < f.listSize) atRiskIds.push(r.id);
  }

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
    tasks: rows.rows.length,
    byStatus,
    byBody: bodyPage.map(([bodyId, c]) => ({
      bodyId,
      bodyName: names.get(bodyId) ?? "",
      ...c,
      onTimeRate: c.total ? (c.total - c.overdue) / c.total : null,
    })),
    bodyTotal: byBody.size,
    overdue: { items: listed.filter((t) => overdueIds.includes(t.id)), total: byStatus.overdue },
    atRisk: { items: listed.filter((t) => atRiskIds.includes(t.id)), total: byStatus.at_risk },
    targets: await targetProgress(db, { ...f, limit: f.targetLimit }),
    byDueMonth: monthWindow(months, f.today),
    undated,
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
 * Targets of the matching measures with their latest reported value (across the measure's tasks) beside the
 * value to reach, most recently reported first.
 */
export async function targetProgress(
  db: Queryable,
  f: Pick<DashboardFilter, "documentId" | "bodyId" | "region"> & { limit: number },
): Promise<TargetLatest[]> {
  const c = new Conditions().add("tg.kind = 'target'");
  if (f.documentId !== undefined) c.add("m.document_id = ?", f.documentId);
  if (f.bodyId !== undefined) c.add(MEASURE_OF_BODY, f.bodyId);
  if (f.region !== undefined) c.add("d.region = ?", f.region);
  // the latest value per target in one ordered pass over the reports that carry one
  const r = await db.query<{
    id: number;
    measure_id: number;
    measure_title: string;
    document_id: number;
    text: string;
    value: number;
    unit: string;
    deadline: string | null;
    latest_value: number | null;
    latest_date: string | null;
  }>(
    `with lv as (
       select distinct on (pr.target_id) pr.target_id, pr.value, pr.report_date
       from progress_report pr where pr.target_id is not null and pr.value is not null
       order by pr.target_id, pr.report_date desc, pr.id desc
     )
     select tg.id, tg.measure_id, m.title as measure_title, m.document_id, tg.text, tg.value, tg.unit, tg.deadline,
            lv.value as latest_value, lv.report_date as latest_date
     from target tg
     join measure m on m.id = tg.measure_id
     join document d on d.id = m.document_id
     left join lv on lv.target_id = tg.id
     ${c.where}
     order by lv.report_date desc nulls last, tg.id
     limit ${f.limit}`,
    c.params,
  );
  return r.rows.map((x) => ({
    targetId: x.id,
    measureId: x.measure_id,
    measureTitle: x.measure_title,
    documentId: x.document_id,
    text: x.text,
    targetValue: x.value,
    unit: x.unit,
    deadline: x.deadline,
    latestValue: x.latest_value,
    latestReportDate: x.latest_date,
    share: x.latest_value === null || x.value === 0 ? null : x.latest_value / x.value,
  }));
}
