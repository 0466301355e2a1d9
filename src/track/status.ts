/**
 * 任务状态: derived when read, from the due date and the reports, never typed in nor stored by a timer,
 * so it cannot go stale. Every rule lives here; each has its own test in status.test.ts.
 *
 * In order, the first rule that holds decides:
 *  1. done        — the latest report declares the task complete, or every target has a reported value that
 *                   reaches it (a correction is a later report, so only the latest value per target counts);
 *  2. overdue     — not done and the due date has passed;
 *  3. at_risk     — not done and due within 30 days, or some target is behind the straight line from the
 *                   start (0 at the document's date) to the target value at the due date;
 *  4. in_progress — at least one report;
 *  5. not_started — no report yet.
 */

import type { StatusReasonCode, TaskStatus } from "../model/api.js";

export type { StatusReasonCode, TaskStatus } from "../model/api.js";

export const TASK_STATUSES: TaskStatus[] = ["not_started", "in_progress", "done", "at_risk", "overdue"];

/** Days before the due date from which an unfinished task is at risk. */
export const AT_RISK_WINDOW_DAYS = 30;

export interface TargetProgress {
  /** the value to reach */
  target: number;
  /** the latest reported value, if any */
  latest: number | null;
}

export interface StatusInput {
  /** YYYY-MM-DD or null (no deadline known) */
  due: string | null;
  /** when the work started: the document's date, else the task's creation; YYYY-MM-DD */
  start: string | null;
  /** number of progress reports */
  reports: number;
  /** the latest report declares completion */
  latestComplete: boolean;
  targets: TargetProgress[];
  /** today, YYYY-MM-DD */
  today: string;
}

export interface StatusResult {
  status: TaskStatus;
  /** which rule decided, in Chinese, for the record and the page (the web app shows it as sent) */
  reason: string;
  reasonCode: StatusReasonCode;
}

const DAY = 86_400_000;
function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY);
}

/** "2020-09-30" → "2020年9月30日", as officials write dates. */
export function zhDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** A number without float noise: 1200, 0.5, 33.33. */
const plain = (n: number) => String(Math.round(n * 100) / 100);

export function targetsReached(targets: TargetProgress[]): boolean {
  return targets.length > 0 && targets.every((t) => t.latest !== null && t.latest >= t.target);
}

/** The share of time elapsed from start to due, 0..1, or null when either is unknown. */
export function elapsedShare(start: string | null, due: string | null, today: string): number | null {
  if (!start || !due) return null;
  const s = dayNumber(start);
  const d = dayNumber(due);
  if (d <= s) return null;
  return Math.min(1, Math.max(0, (dayNumber(today) - s) / (d - s)));
}

/** A target whose latest value is below the straight line from 0 at the start to the target at the due date. */
export function behindLinearPath(t: TargetProgress, share: number | null): boolean {
  if (share === null || t.latest === null) return false;
  return t.latest < t.target * share;
}

export function deriveStatus(input: StatusInput): StatusResult {
  if (input.latestComplete) return { status: "done", reasonCode: "declared_complete", reason: "最近一次报送申报已完成" };
  if (targetsReached(input.targets)) return { status: "done", reasonCode: "targets_reached", reason: "各项目标均已达到" };
  const today = dayNumber(input.today);
  if (input.due && today > dayNumber(input.due)) {
    return { status: "overdue", reasonCode: "past_due", reason: `时限 ${zhDate(input.due)}，尚未完成` };
  }
  if (input.due && dayNumber(input.due) - today <= AT_RISK_WINDOW_DAYS) {
    return { status: "at_risk", reasonCode: "due_soon", reason: `${AT_RISK_WINDOW_DAYS} 天内到期，尚未完成` };
  }
  const share = elapsedShare(input.start, input.due, input.today);
  const behind = input.targets.find((t) => behindLinearPath(t, share));
  if (behind) {
    return {
      status: "at_risk",
      reasonCode: "behind_path",
      reason: `进度落后：已完成 ${plain(behind.latest ?? 0)}/${plain(behind.target)}，时间已过 ${Math.round((share ?? 0) * 100)}%`,
    };
  }
  if (input.reports > 0) return { status: "in_progress", reasonCode: "reported", reason: "已报送进展，尚未完成" };
  return { status: "not_started", reasonCode: "no_report", reason: "尚未报送" };
}

/**
 * Necessary conditions of each status in SQL over `task t` (alias t), given today ($today) and an EXISTS of a
 * report: a database prefilter so that a status filter need not derive the status of every task. They follow
 * from the rules above (status.test.ts checks them against deriveStatus); deriveStatus still decides.
 */
export function statusPrefilter(status: TaskStatus, todayParam: string): string {
  const hasReport = "exists (select 1 from progress_report pr where pr.task_id = t.id)";
  switch (status) {
    case "done":
    case "in_progress":
      return hasReport;
    case "not_started":
      return `not ${hasReport} and (t.due_date is null or t.due_date > ${todayParam}::date + ${AT_RISK_WINDOW_DAYS})`;
    case "overdue":
      return `t.due_date < ${todayParam}::date`;
    case "at_risk":
      return `t.due_date >= ${todayParam}::date`;
  }
}

/** The same conditions in TypeScript, for the test that keeps them honest. */
export function prefilterHolds(status: TaskStatus, i: Pick<StatusInput, "due" | "reports" | "today">): boolean {
  const today = dayNumber(i.today);
  switch (status) {
    case "done":
    case "in_progress":
      return i.reports > 0;
    case "not_started":
      return i.reports === 0 && (i.due === null || dayNumber(i.due) > today + AT_RISK_WINDOW_DAYS);
    case "overdue":
      return i.due !== null && dayNumber(i.due) < today;
    case "at_risk":
      return i.due !== null && dayNumber(i.due) >= today;
  }
}
