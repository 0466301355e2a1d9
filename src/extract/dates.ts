/**
 * Calendar dates as documents write them: 2020年3月25日, 2020-03-25, 2020.3.25, 二〇二〇年三月二十五日.
 * Pure span finders over a string; offsets are relative to that string.
 */
import { chineseToNumber } from "./numerals.js";

export interface DateSpan {
  /** YYYY-MM-DD */
  value: string;
  start: number;
  end: number;
  rule: string;
}

const CN = "[零〇○一二三四五六七八九十]";
const DATE_RE = new RegExp(
  [
    String.raw`((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`,
    String.raw`((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)`,
    `(${CN}{4})\\s*年\\s*(${CN}{1,3})\\s*月\\s*(${CN}{1,3})\\s*日`,
  ].join("|"),
  "g",
);

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1949 || y > 2100) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null; // 2月30日 does not exist
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function isoDate(y: number, m: number, d: number): string | null {
  return iso(y, m, d);
}

/** Every full date (year, month, day) in the text. */
export function findDates(text: string): DateSpan[] {
  const out: DateSpan[] = [];
  DATE_RE.lastIndex = 0;
  for (let m = DATE_RE.exec(text); m; m = DATE_RE.exec(text)) {
    let value: string | null = null;
    let rule = "";
    if (m[1]) {
      value = iso(Number(m[1]), Number(m[2]), Number(m[3]));
      rule = "date.cjk";
    } else if (m[4]) {
      value = iso(Number(m[4]), Number(m[5]), Number(m[6]));
      rule = "date.iso";
    } else if (m[7]) {
      const y = chineseToNumber(m[7]);
      const mo = chineseToNumber(m[8] as string);
      const d = chineseToNumber(m[9] as string);
      if (y !== null && mo !== null && d !== null) value = iso(y, mo, d);
      rule = "date.chinese-numerals";
    }
    if (value) out.push({ value, start: m.index, end: m.index + m[0].length, rule });
  }
  return out;
}

/** The date when the whole (trimmed) string is one date, as on a signature line. */
export function dateLine(text: string): DateSpan | null {
  if (text.length > 40) return null; // the longest form, 二〇二〇年十二月三十一日 with spaces, is far shorter
  const t = text.trim();
  const found = findDates(t);
  if (found.length !== 1) return null;
  const d = found[0] as DateSpan;
  return d.start === 0 && d.end === t.length ? d : null;
}

/** Adds years to an ISO date and steps back a day: 有效期5年 from 2020-03-25 runs to 2025-03-24. */
export function addYearsMinusDay(isoValue: string, years: number): string {
  const [y, m, d] = isoValue.split("-").map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y + years, m - 1, d));
  dt.setUTCDate(dt.getUTCDate() - 1);
  return dt.toISOString().slice(0, 10);
}
