/** Formatting as officials write it: dates 2020年9月30日, large numbers with 万 / 亿. Pure; unit-tested. */
import { trimDecimals, zhNumber, zhQuantity } from "../../src/model/numbers";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar day of an ISO date or timestamp, in China (UTC+8, no daylight saving). */
function chinaDay(value: string): [number, number, number] | null {
  const d = ISO_DATE.exec(value);
  if (d) return [Number(d[1]), Number(d[2]), Number(d[3])];
  const t = Date.parse(value);
  if (Number.isNaN(t)) return null;
  const c = new Date(t + 8 * 3_600_000);
  return [c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate()];
}

/** "2020-09-30" → "2020年9月30日"; timestamps by their day in China; empty → "—". */
export function fmtDate(value: string | null | undefined): string {
  if (!value) return "—";
  const d = chinaDay(value);
  if (!d) return value;
  return `${d[0]}年${d[1]}月${d[2]}日`;
}

/** "2020-09" or a date → "2020年9月". */
export function fmtMonth(value: string | null | undefined): string {
  if (!value) return "—";
  const m = /^(\d{4})-(\d{2})/.exec(value);
  return m ? `${Number(m[1])}年${Number(m[2])}月` : value;
}

/** A date and time in China: "2020年9月30日 14:05". */
export function fmtDateTime(value: string | null | undefined): string {
  if (!value) return "—";
  const t = Date.parse(value);
  if (Number.isNaN(t)) return value;
  const c = new Date(t + 8 * 3_600_000);
  const hh = String(c.getUTCHours()).padStart(2, "0");
  const mm = String(c.getUTCMinutes()).padStart(2, "0");
  return `${fmtDate(value)} ${hh}:${mm}`;
}

/**
 * A number as officials write it: 8000, 1.5万, 12.35万, 3亿, 1.2万亿 (src/model/numbers.ts, shared with the exports).
 * Below 10万 a number that 万 cannot carry exactly in two decimals stays whole (12345, not 1.23万).
 */
export function fmtNumber(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? "—" : zhNumber(n);
}

/** A quantity with its unit; a unit that already carries 万/亿 (万元, 亿元) keeps the number as written. */
export function fmtQuantity(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return "—";
  return /^[万亿]/.test(unit) ? zhQuantity(value, unit) : `${fmtNumber(value)}${unit}`;
}

/** A target as written: "3–5个" for a range (3-5个), the value alone otherwise. */
export function fmtTarget(value: number | null | undefined, max: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || max === null || max === undefined || max === value) return fmtQuantity(value, unit);
  return `${fmtQuantity(value, "")}–${fmtQuantity(max, unit)}`;
}

/** 0.853 → "85.3%" */
export function fmtPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "—";
  return `${trimDecimals(share * 100, 1)}%`;
}

/** Days from `today` to `due` (both YYYY-MM-DD); negative when past. */
export function daysUntil(due: string, today: string): number {
  return Math.round((Date.parse(`${due.slice(0, 10)}T00:00:00Z`) - Date.parse(`${today.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

/** "还剩 3 天" / "今日到期" / "已逾期 5 天" */
export function fmtDue(due: string | null, today: string): string {
  if (!due) return "未定时限";
  const d = daysUntil(due, today);
  if (d > 0) return `还剩 ${d} 天`;
  if (d === 0) return "今日到期";
  return `已逾期 ${-d} 天`;
}

/** Today in China, YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * An amount as the public reads it: a range as 3—5个, a cap as a cap — 最高30万元 for a grant, 不超过5% for a level to
 * stay under — never as a fixed amount.
 */
export function fmtAmount(q: { value: number; max?: number | null; unit: string; cap?: boolean; kind?: string }): string {
  const amount =
    q.max !== null && q.max !== undefined && q.max !== q.value ? `${fmtQuantity(q.value, /^[万亿]/.test(q.unit) ? q.unit : "")}—${fmtQuantity(q.max, q.unit)}` : fmtQuantity(q.value, q.unit);
  if (!q.cap) return amount;
  return q.kind === "incentive" ? `最高${amount}` : `不超过${amount}`;
}

/** True when a day (YYYY-MM-DD) is before today: a policy past its validity, an incentive past its deadline. */
export function isPast(day: string | null | undefined, today: string): boolean {
  return !!day && day.slice(0, 10) < today;
}

export { fmtHeading, headingGap } from "../../src/model/heading";
