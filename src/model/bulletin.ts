/**
 * The figures of a 督查通报 (GET /api/bulletin?format=json), shared by the server that computes them
 * (src/office/bulletin/figures.ts) and the web page that previews them. Types only: the web app reads it too.
 */
import type { StatusCounts } from "./api.js";

/** Due, closed on time, closed late, overdue: the four counts of a row of the 总体情况 and the ranking. */
export interface DueCounts {
  /** due (the due date has passed by the as-of day), suspended tasks aside */
  due: number;
  /** 按期办结: closed (销号) on or before the due date */
  closedOnTime: number;
  /** 逾期办结 */
  closedLate: number;
  /** 已逾期: not closed */
  overdue: number;
  /** 已申请办结, awaiting review */
  pendingClose: number;
  /** 按期率: closedOnTime ÷ due; null when nothing is due */
  rate: number | null;
}

export interface BulletinBody extends DueCounts {
  /** 1, 2, 2, 4 …: equal 按期率 and overdue share a rank */
  rank: number;
  bodyId: number;
  bodyName: string;
  /** tasks of the body in scope */
  tasks: number;
  atRisk: number;
  /** due within the period */
  dueInPeriod: number;
}

export interface BulletinOverdue {
  taskId: number;
  documentId: number;
  documentTitle: string | null;
  measureLabel: string;
  measureTitle: string;
  bodyName: string;
  dueDate: string;
  /** whole days past the due date on the day after the as-of day */
  daysOverdue: number;
  /** the latest report submitted by the as-of day, with its review as it stood then */
  latestReport: { date: string; text: string; review: "pending" | "approved" | "returned" } | null;
}

export interface BulletinTarget {
  targetId: number;
  measureTitle: string;
  documentId: number;
  /** 指标名称, else the target's own words */
  indicator: string;
  targetValue: number;
  unit: string;
  deadline: string | null;
  latestValue: number | null;
  latestReportDate: string | null;
  /** latest ÷ target; null when nothing approved */
  share: number | null;
}

export interface BulletinScope {
  documentId?: number;
  documentTitle?: string | null;
  region?: string;
  bodyId?: number;
  bodyName?: string;
  /** 全部任务, 《…》, 广州市, 广东省通信管理局 (joined with ·) */
  label: string;
}

export interface BulletinFigures {
  period: { key: string; label: string; from: string; to: string };
  /** the last day whose records count: the period's end, or today while the period runs */
  asOf: string;
  /** the day the status rules are applied on: the day after asOf for a period that is over, today otherwise */
  statusDay: string;
  /** true while the period is not over: the figures may still change */
  provisional: boolean;
  scope: BulletinScope;
  generatedAt: string;
  /** tasks in scope as of asOf */
  tasks: number;
  /**
   * tasks in scope now that were stored after asOf: not counted, the period is read as the system knew it. For the
   * page that explains an empty period; not in the issued documents, which stay the same when issued again.
   */
  storedLater: number;
  byStatus: StatusCounts;
  /** tasks due within the period (by asOf) */
  inPeriod: DueCounts;
  /** every task due by asOf, as the dashboard's 按期率 counts them */
  cumulative: DueCounts;
  /** 有风险 as of asOf */
  atRisk: number;
  bodies: BulletinBody[];
  overdue: { total: number; items: BulletinOverdue[] };
  targets: { total: number; reported: number; reached: number; items: BulletinTarget[] };
  /** tasks by due month, for the chart: the 12 months to the period's end (all of a longer period, at most 120) */
  byDueMonth: Array<{ month: string; total: number; done: number; overdue: number }>;
}
