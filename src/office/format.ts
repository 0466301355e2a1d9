/**
 * Numbers, dates and targets as officials write them in a 任务分工表: 4.8万座, 2020年9月30日, 5G基站 4.8万座（2020年底前）.
 * The web app formats the same way (web/src/format.ts); the server cannot import the browser's code, so the few
 * rules an export needs are here.
 */
import { zhDate } from "../track/status.js";

/** up to `digits` decimals, trailing zeros dropped */
function trim(n: number, digits: number): string {
  const s = n.toFixed(digits);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** 8000, 1.5万, 12.35万, 3亿: below 10万 a number 万 cannot carry exactly in two decimals stays whole. */
export function zhNumber(n: number): string {
  if (!Number.isFinite(n)) return "";
  const sign = n < 0 ? "-" : "";
  const a = Math.abs(n);
  if (a >= 1e12) return sign + trim(a / 1e12, 2) + "万亿";
  if (a >= 1e8) return sign + trim(a / 1e8, 2) + "亿";
  if (a >= 1e4) {
    const w = a / 1e4;
    if (Math.abs(Math.round(w * 100) / 100 - w) < 1e-9 || a >= 1e5) return sign + trim(w, 2) + "万";
  }
  return sign + trim(a, 2);
}

/** A quantity with its unit; a unit that already carries 万/亿 (万元) keeps the number as written. */
export function zhQuantity(value: number, unit: string): string {
  return /^[万亿]/.test(unit) ? `${trim(value, 2)}${unit}` : `${zhNumber(value)}${unit}`;
}

/** A deadline as a 完成时限 reads: the end of a year is 2020年底. */
export function zhDeadline(iso: string): string {
  return iso.slice(5, 10) === "12-31" ? `${iso.slice(0, 4)}年底` : zhDate(iso);
}

export interface TargetText {
  indicator: string | null;
  value: number;
  max: number | null;
  unit: string;
  deadline: string | null;
}

/** 5G基站 4.8万座（2020年底前）; a range as 10–20个. */
export function targetText(t: TargetText): string {
  const amount = t.max !== null && t.max !== t.value ? `${zhNumber(t.value)}–${zhQuantity(t.max, t.unit)}` : zhQuantity(t.value, t.unit);
  const what = t.indicator ? `${t.indicator} ${amount}` : amount;
  return t.deadline ? `${what}（${zhDeadline(t.deadline)}前）` : what;
}
