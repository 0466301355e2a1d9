/**
 * 任务状态: derived when read, from the due date, the reports, their reviews and the task's events, never typed
 * in nor stored by a timer, so it cannot go stale. Every rule lives here; each has its own test in status.test.ts.
 * The rules have a SQL twin for counting and filtering in the database (status-sql.ts): change both together.
 *
 * In order, the first rule that holds decides:
 *  1. suspended      已中止   — an admin suspended the task (and did not resume it);
 *  2. done           已办结   — a request to close (申请办结) was approved (销号), dated on or before the due date;
 *  3. done_late      逾期办结 — the same, dated after the due date;
 *  4. pending_review 待审核   — the latest report asks to close and awaits review (the body did its part in time:
 *                               this goes before overdue);
 *  5. overdue        已逾期   — not closed and the due date has passed;
 *  6. pending_review 待审核   — the latest report awaits review;
 *  7. returned       已退回   — the latest report was returned: the body must report again;
 *  8. in_progress    推进中   — every target is reached by its latest approved value (close it next);
 *  9. at_risk        有风险   — due within 30 days, or some target's latest approved value is behind the straight
 *                               line from the start (0 at the document's date) to the target value at the due date;
 * 10. in_progress    推进中   — at least one report that counts;
 * 11. not_started    未开始   — none.
 * A returned report counts for nothing: not as a report, not for a target. Only approved values count for targets.
 */

import type { StatusReasonCode, TaskStatus } from "../model/api.js";

export type { StatusReasonCode, TaskStatus } from "../model/api.js";

export const TASK_STATUSES: TaskStatus[] = ["not_started", "in_progress", "pending_review", "returned", "done", "done_late", "at_risk", "overdue", "suspended"];

/** Statuses after which nothing is reported any more. */
export const FINISHED: ReadonlySet<TaskStatus> = new Set(["done", "done_late", "suspended"]);

/** Days before the due date from which an unfinished task is at risk. */
export const AT_RISK_WINDOW_DAYS = 30;

export interface TargetProgress {
  /** the value to reach */
  target: number;
  /** the latest approved value, if any */
  latest: number | null;
}

/** The review of the latest report: not yet reviewed, approved, or returned. */
export type ReviewState = "pending" | "approved" | "returned";

export interface StatusInput {
  /** YYYY-MM-DD or null (no deadline known) */
  due: string | null;
  /** when the work started: the document's date, else the task's creation; YYYY-MM-DD */
  start: string | null;
  /** progress reports that count (not returned) */
  reports: number;
  /** the latest report (by submission), if any */
  latest: { complete: boolean; review: ReviewState } | null;
  /** the date of the approved request to close (销号), if any */
  closedOn: string | null;
  /** suspended by an admin */
  suspended: boolean;
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
export function dayNumber(iso: string): number {
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
  if (input.suspended) return { status: "suspended", reasonCode: "suspended", reason: "管理员已中止此任务" };
  if (input.closedOn) {
    if (input.due && dayNumber(input.closedOn) > dayNumber(input.due)) {
      return { status: "done_late", reasonCode: "closed_late", reason: `${zhDate(input.closedOn)}办结，晚于时限 ${zhDate(input.due)}` };
    }
    return { status: "done", reasonCode: "closed", reason: `${zhDate(input.closedOn)}办结，已销号` };
  }
  const latest = input.latest;
  if (latest?.review === "pending" && latest.complete) {
    return { status: "pending_review", reasonCode: "close_requested", reason: "已申请办结，待审核" };
  }
  const today = dayNumber(input.today);
  if (input.due && today > dayNumber(input.due)) {
    return { status: "overdue", reasonCode: "past_due", reason: `时限 ${zhDate(input.due)}，尚未办结` };
  }
  if (latest?.review === "pending") return { status: "pending_review", reasonCode: "report_pending", reason: "最近一次报送待审核" };
  if (latest?.review === "returned") return { status: "returned", reasonCode: "report_returned", reason: "最近一次报送被退回，请重新报送" };
  if (targetsReached(input.targets)) {
    return { status: "in_progress", reasonCode: "targets_reached", reason: "各项目标均已达到，可申请办结" };
  }
  if (input.due && dayNumber(input.due) - today <= AT_RISK_WINDOW_DAYS) {
    return { status: "at_risk", reasonCode: "due_soon", reason: `${AT_RISK_WINDOW_DAYS} 天内到期，尚未办结` };
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
  if (input.reports > 0) return { status: "in_progress", reasonCode: "reported", reason: "已报送进展，尚未办结" };
  return { status: "not_started", reasonCode: "no_report", reason: "尚未报送" };
}

/**
 * Necessary conditions of each status in SQL over `task t` (alias t), given today ($today): a database prefilter
 * so that a status filter need not derive the status of every task. They follow from the rules above
 * (status.test.ts checks them against deriveStatus); deriveStatus still decides.
 */
export function statusPrefilter(status: TaskStatus, todayParam: string): string {
  const hasReport = "exists (select 1 from progress_report pr where pr.task_id = t.id)";
  switch (status) {
    case "done":
    case "done_late":
      return "exists (select 1 from report_review rr join progress_report pr on pr.id = rr.report_id where rr.task_id = t.id and rr.decision = 'approve' and pr.complete)";
    case "suspended":
      return "exists (select 1 from task_event e where e.task_id = t.id and e.kind = 'suspend')";
    case "in_progress":
    case "pending_review":
    case "returned":
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
export function prefilterHolds(status: TaskStatus, i: StatusInput & { anyReport: boolean }): boolean {
  const today = dayNumber(i.today);
  switch (status) {
    case "done":
    case "done_late":
      return i.closedOn !== null;
    case "suspended":
      return i.suspended;
    case "in_progress":
    case "pending_review":
    case "returned":
      return i.anyReport;
    case "not_started":
      return !i.anyReport && (i.due === null || dayNumber(i.due) > today + AT_RISK_WINDOW_DAYS);
    case "overdue":
      return i.due !== null && dayNumber(i.due) < today;
    case "at_risk":
      return i.due !== null && dayNumber(i.due) >= today;
  }
}
