/**
 * 工作日: Monday to Friday. The official calendar's holidays and the weekend days worked in their place (调休)
 * are set each year by the State Council and are not known here; a deployment that needs them exactly would
 * add a table of them. Used for "not acknowledged after N working days".
 */
import { dayNumber, zhDate } from "./status.js";

const isWorkingDay = (day: number) => {
  // day 0 (1970-01-01) was a Thursday
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 Sunday … 6 Saturday
  return weekday !== 0 && weekday !== 6;
};

const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** Working days after `from` up to and including `to` (both YYYY-MM-DD). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = dayNumber(from) + 1; d <= dayNumber(to); d++) if (isWorkingDay(d)) n++;
  return n;
}

/**
 * The day X such that a task assigned before X has waited at least `n` working days by `today`
 * (workingDaysBetween(assigned, today) >= n exactly when assigned < X).
 */
export function assignedBeforeForWait(today: string, n: number): string {
  let d = dayNumber(today);
  if (n <= 0) return iso(d + 1);
  for (let counted = 0; ; d--) {
    if (isWorkingDay(d)) counted++;
    if (counted === n) return iso(d);
  }
}

/** The day `n` days after `day` (before it when negative), YYYY-MM-DD. */
export function addDays(day: string, n: number): string {
  return iso(dayNumber(day) + n);
}

/** The day after `day`. */
export const nextDay = (day: string): string => addDays(day, 1);

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The day in China (UTC+8, no daylight saving) at this moment, YYYY-MM-DD: the officials' calendar. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first instant of a day in China, as a timestamp PostgreSQL reads. */
export const chinaDayStart = (day: string): string => `${day}T00:00:00+08:00`;

/** An instant as a clock in China shows it: "2026年11月27日 16:05". */
export function chinaDateTime(at: string): string {
  const t = new Date(Date.parse(at) + CHINA_OFFSET_MS).toISOString();
  return `${zhDate(t)} ${t.slice(11, 16)}`;
}

/** True when y-m-d names a day of the calendar (2020-02-30 does not): a form's, a flag's or a query's date. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
