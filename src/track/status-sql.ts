/**
 * The status rules of status.ts, in SQL: the twin that lets the database count and filter tasks by status in
 * set queries (the dashboard's counts by status, body and month; a task list filtered by status, paged and
 * counted by the database) instead of reading every task's facts into the app. status.ts stays the one home of
 * the rules and of their reasons; this twin repeats their order and arithmetic, and status-sql.test.ts derives
 * both ways on every rule and on generated histories and requires them to agree. A change to one is a change
 * to the other.
 *
 * The facts are read as facts.ts reads them (reports that count, the latest report and its review, the first
 * approved request to close, the last suspend/resume, the latest approved value per target), grouped over the
 * whole set at once: one pass over each table through its task index, however many tasks. The facts join the
 * tasks (`ft`, one row per task) rather than test `task_id in (select id from ft)`: the planner knows nothing of
 * the CTE's ids, so the IN made it group 100,000 ids again for each of the four facts (0.2 s on PostgreSQL).
 */
import { AT_RISK_WINDOW_DAYS } from "./status.js";

/**
 * SQL yielding `id, measure_id, body_id, due_date, start, status` for the tasks `tasks` yields. `tasks` is a query
 * with the columns `id, measure_id, body_id, due_date, start` (start: the document's date, else the task's
 * creation day, as the app derives it); `today` is a parameter placeholder (`$3`) holding today, YYYY-MM-DD.
 */
export function taskStatusQuery(tasks: string, today: string): string {
  const day = `${today}::date`;
  // elapsedShare in status.ts: null without a start or a due date after it, else clamped to 0..1; float8 as in JS
  const share = `case when ft.start is null or ft.due_date is null or ft.due_date <= ft.start then null
    else least(1::float8, greatest(0::float8, (${day} - ft.start)::float8 / (ft.due_date - ft.start)::float8)) end`;
  return `
  with ft as materialized (${tasks}),
  rep as (
    select pr.task_id,
           count(*) filter (where rr.decision is distinct from 'return') as reports,
           (array_agg(pr.complete order by pr.id desc))[1] as latest_complete,
           (array_agg(coalesce(rr.decision, 'pending') order by pr.id desc))[1] as latest_review,
           min(pr.report_date) filter (where pr.complete and rr.decision = 'approve') as closed_on
    from ft join progress_report pr on pr.task_id = ft.id left join report_review rr on rr.report_id = pr.id
    group by pr.task_id),
  pause as (
    select distinct on (e.task_id) e.task_id, e.kind
    from ft join task_event e on e.task_id = ft.id
    where e.kind in ('suspend', 'resume')
    order by e.task_id, e.id desc),
  approved as (
    select distinct on (pr.task_id, pr.target_id) pr.task_id, pr.target_id, pr.value
    from ft join progress_report pr on pr.task_id = ft.id
    join report_review rr on rr.report_id = pr.id and rr.decision = 'approve'
    where pr.target_id is not null and pr.value is not null
    order by pr.task_id, pr.target_id, pr.report_date desc, pr.id desc),
  goal as (
    select ft.id as task_id,
           count(*) as n,
           count(*) filter (where a.value >= g.value) as reached,
           coalesce(bool_or(a.value < g.value * (${share})), false) as behind
    from ft join target g on g.measure_id = ft.measure_id and g.kind = 'target'
    left join approved a on a.task_id = ft.id and a.target_id = g.id
    group by ft.id)
  select ft.id, ft.measure_id, ft.body_id, ft.due_date, ft.start,
    case
      when pause.kind = 'suspend' then 'suspended'
      when rep.closed_on is not null and ft.due_date is not null and rep.closed_on > ft.due_date then 'done_late'
      when rep.closed_on is not null then 'done'
      when rep.latest_review = 'pending' and rep.latest_complete then 'pending_review'
      when ft.due_date is not null and ${day} > ft.due_date then 'overdue'
      when rep.latest_review = 'pending' then 'pending_review'
      when rep.latest_review = 'return' then 'returned'
      when goal.n > 0 and goal.reached = goal.n then 'in_progress'
      when ft.due_date is not null and ft.due_date - ${day} <= ${AT_RISK_WINDOW_DAYS} then 'at_risk'
      when goal.behind then 'at_risk'
      when coalesce(rep.reports, 0) > 0 then 'in_progress'
      else 'not_started'
    end as status
  from ft
  left join rep on rep.task_id = ft.id
  left join pause on pause.task_id = ft.id
  left join goal on goal.task_id = ft.id`;
}
