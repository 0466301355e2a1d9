/**
 * The period a 督查通报 covers, as officials name it: a month (`2026-10`), a quarter (`2026Q3`), a half year
 * (`2026H1`), a year (`2026`), or any days from–to. Its name goes into the title (关于2026年第三季度…的督查通报)
 * and its last day is the day the figures are read as of (figures.ts).
 */
import { zhDate } from "../../track/status.js";
import { isCalendarDate, nextDay } from "../../track/workdays.js";

export interface Period {
  /** as written: 2026Q3, 2026-10, 2026H1, 2026, or 2026-07-01~2026-09-30 */
  key: string;
  /** first and last day, YYYY-MM-DD */
  from: string;
  to: string;
  /** 2026年第三季度, 2026年10月, 2026年7月1日至2026年9月30日 */
  label: string;
}

const QUARTERS = ["第一季度", "第二季度", "第三季度", "第四季度"];

const pad = (n: number) => String(n).padStart(2, "0");
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function months(key: string, year: number, first: number, last: number, label: string): Period {
  return { key, from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDayOf(year, last))}`, label };
}

/** `2026-10`, `2026Q3`, `2026H1`, `2026`; null for anything else. */
export function parsePeriod(text: string): Period | null {
  const s = text.trim();
  let m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return mo >= 1 && mo <= 12 ? months(`${y}-${pad(mo)}`, y, mo, mo, `${y}年${mo}月`) : null;
  }
  m = /^(\d{4})\s*[Qq]([1-4])$/.exec(s);
  if (m) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    return months(`${y}Q${q}`, y, q * 3 - 2, q * 3, `${y}年${QUARTERS[q - 1]}`);
  }
  m = /^(\d{4})\s*[Hh]([12])$/.exec(s);
  if (m) {
    const [y, h] = [Number(m[1]), Number(m[2])];
    return months(`${y}H${h}`, y, h === 1 ? 1 : 7, h === 1 ? 6 : 12, `${y}年${h === 1 ? "上" : "下"}半年`);
  }
  m = /^(\d{4})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    return months(String(y), y, 1, 12, `${y}年`);
  }
  return null;
}

/** The days from–to (both counted); null unless both are days and from is not after to. */
export function rangePeriod(from: string, to: string): Period | null {
  if (!isCalendarDate(from) || !isCalendarDate(to) || from > to) return null;
  return { key: `${from}~${to}`, from, to, label: from === to ? zhDate(from) : `${zhDate(from)}至${zhDate(to)}` };
}

export { nextDay };

/** Months `YYYY-MM` from the month of `from` to the month of `to`, in order. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const end = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${pad(m)}`;
    if (key > end) return out;
    out.push(key);
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

/** What a period string that is not one says, for a 400 or the CLI. */
export const PERIOD_HELP = "期间应写作月份（2026-10）、季度（2026Q3）、半年（2026H1）或年度（2026），或给出起止日期";
