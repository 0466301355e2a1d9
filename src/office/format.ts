/**
 * Numbers, dates and targets as officials write them in a 任务分工表: 4.8万座, 2020年9月30日, 5G基站 4.8万座（2020年底前）.
 * Numbers are written by src/model/numbers.ts, which the web app's formatting (web/src/format.ts) shares; the
 * rest an export needs is here.
 */
import { zhNumber, zhQuantity } from "../model/numbers.js";
import { zhDate } from "../track/status.js";

export { zhNumber, zhQuantity };

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
