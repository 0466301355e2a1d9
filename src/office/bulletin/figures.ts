/**
 * The figures of a 督查通报 for a period and a scope, read from the database AS OF THE END OF THE PERIOD, so that
 * a past period issued again gives the same figures. The status of each task is derived by the dashboard's own
 * path (statusesOf in src/track/dashboard.ts → facts.ts → deriveStatus in status.ts) with the status day set to
 * the day after the period (its last day is over), and the 按期率 is the dashboard's onTimeRate over the same
 * `countsAsDue`; nothing here restates a status rule.
 *
 * What "as of" covers (every dated record of the supervision loop):
 * - tasks created by then, of documents stored by then and not deleted by then (one deleted later still counts);
 * - progress reports dated on or before the end and submitted by then; a review made later leaves its report
 *   pending, so a closure (销号) counts only if approved by then, and a target value only if approved by then;
 * - suspensions, resumptions and transfers recorded by then; a due date moved later (延期) is read back from the
 *   extension's record (its `from`), a body changed later (申请调整 accepted) from the transfer's (`fromBodyId`).
 * What it cannot undo, for want of a dated record of the old value: corrections of a measure's title, text,
 * targets or deadline made in the app (the due date such a correction moved, and targets added, read as they are
 * now), a task's role or due date changed by assigning it again, bodies merged later (their tasks count under
 * the surviving body), tasks removed later (gone), and target values as corrected. A period that is not over is
 * read as of today, with today as the status day, and marked provisional.
 */
import type { Queryable, SqlValue } from "../../store/db.js";
import { Conditions } from "../../store/conditions.js";
import { countsAsDue, monthWindow, onTimeRate, statusesOf, targetProgress } from "../../track/dashboard.js";
import { endOfDay } from "../../track/facts.js";
import { LIVE_DOCUMENT, liveDocumentAt } from "../../track/publication.js";
import { dayNumber, TASK_STATUSES, type TaskStatus } from "../../track/status.js";
import type { StatusCounts } from "../../model/api.js";
import type { BulletinBody, BulletinFigures, BulletinOverdue, BulletinScope, BulletinTarget, DueCounts } from "../../model/bulletin.js";
import { monthsBetween, nextDay, type Period } from "./period.js";

export type { BulletinFigures } from "../../model/bulletin.js";

export interface BulletinFilter {
  documentId?: number;
  region?: string;
  bodyId?: number;
}

export interface FigureOptions {
  /** the real today (YYYY-MM-DD): a period not over by then is read as of it */
  today: string;
  /** when the figures were made (shown in the documents) */
  now?: Date;
  /** how many overdue tasks and targets to list (the counts are always whole) */
  overdueLimit?: number;
  targetLimit?: number;
}

export const OVERDUE_LIMIT = 500;
export const TARGET_LIMIT = 200;
/** targets read for the counts (reported, reached): a store with more counts the first ones */
const TARGET_READ_CAP = 20_000;
const CHART_MONTHS = 12;
const MAX_MONTHS = 120;

export class ScopeError extends Error {
  constructor(
    message: string,
    readonly field: "document" | "body",
  ) {
    super(message);
  }
}

interface Row {
  id: number;
  measure_id: number;
  body_id: number;
  due_date: string | null;
  start: string | null;
}

const zeroCounts = (): StatusCounts => Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as StatusCounts;
const zeroDue = () => ({ due: 0, closedOnTime: 0, closedLate: 0, overdue: 0, pendingClose: 0 });

function tally(c: Omit<DueCounts, "rate">, status: TaskStatus): void {
  c.due++;
  if (status === "done") c.closedOnTime++;
  else if (status === "done_late") c.closedLate++;
  else if (status === "overdue") c.overdue++;
  else if (status === "pending_review") c.pendingClose++;
}
const withRate = (c: Omit<DueCounts, "rate">): DueCounts => ({ ...c, rate: onTimeRate({ dueSoFar: c.due, closedOnTime: c.closedOnTime }) });

/**
 * The tasks in scope as they stood at `end` (a timestamptz parameter): their body and due date then. `$1` is the
 * end; filters append their values.
 */
function rowsAsOf(f: BulletinFilter, params: SqlValue[]): string {
  const c = new Conditions(params);
  const end = "$1::timestamptz";
  c.add(`t.created_at < ${end}`).add(liveDocumentAt(end));
  if (f.documentId !== undefined) c.add("m.document_id = ?", f.documentId);
  if (f.region !== undefined) c.add("d.region = ?", f.region);
  const outer = new Conditions(params);
  if (f.bodyId !== undefined) outer.add("x.body_id = ?", f.bodyId);
  // a transfer or an extension recorded after the end names what held before it: the first such is the state then
  return `select * from (
    select t.id, t.measure_id,
           coalesce((select (e.data->>'fromBodyId')::int from task_event e
                     where e.task_id = t.id and e.kind = 'change_accept' and e.at >= ${end} order by e.id limit 1), t.body_id) as body_id,
           case when ext.found then (ext.due_from)::date else t.due_date end as due_date,
           coalesce(d.doc_date, t.created_at::date) as start
    from task t
    join measure m on m.id = t.measure_id
    join document d on d.id = m.document_id
    left join lateral (select true as found, e.data->>'from' as due_from from task_event e
                       where e.task_id = t.id and e.kind = 'extend' and e.at >= ${end} order by e.id limit 1) ext on true
    ${c.where}
  ) x ${outer.where}`;
}

async function scopeOf(db: Queryable, f: BulletinFilter): Promise<BulletinScope> {
  const parts: string[] = [];
  const scope: BulletinScope = { label: "" };
  if (f.documentId !== undefined) {
    const d = await db.query<{ title: string | null; source_name: string }>(`select title, source_name from document where id = $1`, [f.documentId]);
    if (!d.rows[0]) throw new ScopeError(`文件 ${f.documentId} 不存在`, "document");
    scope.documentId = f.documentId;
    scope.documentTitle = d.rows[0].title;
    parts.push(`《${d.rows[0].title ?? d.rows[0].source_name}》`);
  }
  if (f.region !== undefined) {
    scope.region = f.region;
    parts.push(f.region);
  }
  if (f.bodyId !== undefined) {
    const b = await db.query<{ name: string }>(`select name from responsible_body where id = $1`, [f.bodyId]);
    if (!b.rows[0]) throw new ScopeError(`责任单位 ${f.bodyId} 不存在`, "body");
    scope.bodyId = f.bodyId;
    scope.bodyName = b.rows[0].name;
    parts.push(b.rows[0].name);
  }
  scope.label = parts.length ? parts.join(" · ") : "全部任务";
  return scope;
}

/** The ranking: 按期率 high to low (nothing due last), then fewer overdue, then more due, then by name. */
export function rankBodies<T extends { rate: number | null; overdue: number; due: number; bodyName: string }>(rows: T[]): Array<T & { rank: number }> {
  const sorted = [...rows].sort(
    (a, b) =>
      (b.rate ?? -1) - (a.rate ?? -1) || a.overdue - b.overdue || b.due - a.due || a.bodyName.localeCompare(b.bodyName, "zh-CN"),
  );
  let rank = 0;
  return sorted.map((r, i) => {
    const prev = sorted[i - 1];
    if (!prev || prev.rate !== r.rate || prev.overdue !== r.overdue) rank = i + 1;
    return { ...r, rank };
  });
}

export async function bulletinFigures(db: Queryable, period: Period, filter: BulletinFilter, opts: FigureOptions): Promise<BulletinFigures> {
  const provisional = period.to >= opts.today;
  const asOf = provisional ? opts.today : period.to;
  const statusDay = provisional ? opts.today : nextDay(period.to);
  const scope = await scopeOf(db, filter);

  const params: SqlValue[] = [endOfDay(asOf)];
  const rowsSql = rowsAsOf(filter, params);
  const rows = (await db.query<Row>(`${rowsSql} order by due_date nulls last, id`, params)).rows;
  const statuses = await statusesOf(db, rows, `select id from (${rowsSql}) ft`, params, statusDay, { day: asOf });

  const byStatus = zeroCounts();
  const inPeriod = zeroDue();
  const cumulative = zeroDue();
  const bodies = new Map<number, { tasks: number; atRisk: number; dueInPeriod: number } & ReturnType<typeof zeroDue>>();
  const months = new Map<string, { total: number; done: number; overdue: number }>();
  const overdueRows: Row[] = [];
  for (const [i, r] of rows.entries()) {
    const status = statuses[i]!;
    byStatus[status]++;
    let b = bodies.get(r.body_id);
    if (!b) bodies.set(r.body_id, (b = { tasks: 0, atRisk: 0, dueInPeriod: 0, ...zeroDue() }));
    b.tasks++;
    if (status === "at_risk") b.atRisk++;
    if (countsAsDue(r.due_date, status, statusDay)) {
      tally(cumulative, status);
      tally(b, status);
      if (r.due_date! >= period.from && r.due_date! <= period.to) {
        tally(inPeriod, status);
        b.dueInPeriod++;
      }
    }
    if (status === "overdue") overdueRows.push(r);
    if (r.due_date) {
      const key = r.due_date.slice(0, 7);
      let m = months.get(key);
      if (!m) months.set(key, (m = { total: 0, done: 0, overdue: 0 }));
      m.total++;
      if (status === "done" || status === "done_late") m.done++;
      if (status === "overdue") m.overdue++;
    }
  }

  const names = new Map<number, string>();
  if (bodies.size) {
    const r = await db.query<{ id: number; name: string }>(`select id, name from responsible_body where id = any($1::int[])`, [[...bodies.keys()]]);
    for (const x of r.rows) names.set(x.id, x.name);
  }
  const ranked: BulletinBody[] = rankBodies(
    [...bodies.entries()].map(([bodyId, b]) => ({ bodyId, bodyName: names.get(bodyId) ?? `责任单位 ${bodyId}`, ...withRate(b), tasks: b.tasks, atRisk: b.atRisk, dueInPeriod: b.dueInPeriod })),
  );

  const overdueItems = await overdueList(db, overdueRows.slice(0, opts.overdueLimit ?? OVERDUE_LIMIT), asOf, statusDay);
  const targets = await targetProgress(db, {
    documentId: filter.documentId,
    bodyIds: filter.bodyId !== undefined ? [filter.bodyId] : undefined,
    region: filter.region,
    limit: TARGET_READ_CAP,
    asOf: { day: asOf },
  });
  const targetItems: BulletinTarget[] = targets.slice(0, opts.targetLimit ?? TARGET_LIMIT).map((t) => ({
    targetId: t.targetId,
    measureTitle: t.measureTitle,
    documentId: t.documentId,
    indicator: t.indicator ?? t.text,
    targetValue: t.targetValue,
    unit: t.unit,
    deadline: t.deadline,
    latestValue: t.latestValue,
    latestReportDate: t.latestReportDate,
    share: t.share,
  }));

  return {
    period: { key: period.key, label: period.label, from: period.from, to: period.to },
    asOf,
    statusDay,
    provisional,
    scope,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    tasks: rows.length,
    storedLater: await storedLater(db, filter, params[0] as string),
    byStatus,
    inPeriod: withRate(inPeriod),
    cumulative: withRate(cumulative),
    atRisk: byStatus.at_risk,
    bodies: ranked,
    overdue: { total: overdueRows.length, items: overdueItems },
    targets: {
      total: targets.length,
      reported: targets.filter((t) => t.latestValue !== null).length,
      reached: targets.filter((t) => t.share !== null && t.share >= 1).length,
      items: targetItems,
    },
    byDueMonth: dueMonths(months, period),
  };
}

/** The months the chart shows: the 12 to the period's end, or every month of a longer period (the last 120). */
function dueMonths(months: Map<string, { total: number; done: number; overdue: number }>, period: Period) {
  const last = period.to.slice(0, 7);
  let keys = monthsBetween(period.from, period.to);
  if (keys.length < CHART_MONTHS) {
    const y = Number(last.slice(0, 4));
    const m = Number(last.slice(5, 7));
    const first = m === 12 ? `${y}-01` : `${y - 1}-${String(m + 1).padStart(2, "0")}`;
    keys = monthsBetween(`${first}-01`, period.to);
  }
  const shown = new Map(keys.slice(-MAX_MONTHS).map((k) => [k, months.get(k) ?? { total: 0, done: 0, overdue: 0 }]));
  return monthWindow(shown, period.to);
}

/** The overdue tasks (in due-date order) with what they are and the latest report submitted by the as-of day. */
async function overdueList(db: Queryable, rows: Row[], asOf: string, statusDay: string): Promise<BulletinOverdue[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const info = await db.query<{ id: number; document_id: number; document_title: string | null; label: string; title: string }>(
    `select t.id, m.document_id, d.title as document_title, m.label, m.title
     from task t join measure m on m.id = t.measure_id join document d on d.id = m.document_id where t.id = any($1::int[])`,
    [ids],
  );
  const byId = new Map(info.rows.map((x) => [x.id, x]));
  const names = new Map<number, string>();
  const b = await db.query<{ id: number; name: string }>(`select id, name from responsible_body where id = any($1::int[])`, [[...new Set(rows.map((r) => r.body_id))]]);
  for (const x of b.rows) names.set(x.id, x.name);
  const latest = await db.query<{ task_id: number; report_date: string; text: string; decision: string | null }>(
    `select distinct on (pr.task_id) pr.task_id, pr.report_date, pr.text, rr.decision
     from progress_report pr left join report_review rr on rr.report_id = pr.id and rr.at < $3::timestamptz
     where pr.task_id = any($1::int[]) and pr.report_date <= $2::date and pr.created_at < $3::timestamptz
     order by pr.task_id, pr.report_date desc, pr.id desc`,
    [ids, asOf, endOfDay(asOf)],
  );
  const reports = new Map(latest.rows.map((x) => [x.task_id, x]));
  return rows.map((r) => {
    const t = byId.get(r.id)!;
    const rep = reports.get(r.id);
    return {
      taskId: r.id,
      documentId: t.document_id,
      documentTitle: t.document_title,
      measureLabel: t.label,
      measureTitle: t.title,
      bodyName: names.get(r.body_id) ?? "",
      dueDate: r.due_date!,
      daysOverdue: dayNumber(statusDay) - dayNumber(r.due_date!),
      latestReport: rep
        ? { date: rep.report_date, text: rep.text, review: rep.decision === "approve" ? "approved" : rep.decision === "return" ? "returned" : "pending" }
        : null,
    };
  });
}

/** Tasks in scope now (their documents not deleted) that were stored after `end`. */
async function storedLater(db: Queryable, f: BulletinFilter, end: string): Promise<number> {
  const c = new Conditions([end]).add("t.created_at >= $1::timestamptz").add(LIVE_DOCUMENT);
  if (f.documentId !== undefined) c.add("m.document_id = ?", f.documentId);
  if (f.region !== undefined) c.add("d.region = ?", f.region);
  if (f.bodyId !== undefined) c.add("t.body_id = ?", f.bodyId);
  const r = await db.query<{ n: number }>(
    `select count(*)::int as n from task t join measure m on m.id = t.measure_id join document d on d.id = m.document_id ${c.where}`,
    c.params,
  );
  return r.rows[0]!.n;
}
