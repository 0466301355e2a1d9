/**
 * 完成时限 of a measure, and so of its tasks: the latest deadline of its own targets; else the latest time
 * expression in its own text; else its parent measure's; else the document's validity end (执行期至…);
 * else the end of the period in the document's title (2017年…工作要点, (2019-2021年)); else none.
 */
import type { DocMeta, OutlineNode } from "../model/exchange.js";

export interface Due {
  date: string | null;
  source: "targets" | "time" | "parent" | "validity" | "period" | "none";
}

const latest = (dates: Array<string | null | undefined>): string | null =>
  dates.filter((d): d is string => typeof d === "string" && /^\d{4}-\d\d-\d\d$/.test(d)).sort().at(-1) ?? null;

/** The end of the period named in a title: the single year, or the end of a year range. */
export function periodEnd(title: string | null): string | null {
  if (!title) return null;
  const range = title.match(/((?:19|20)\d\d)\s*[-—–~至到]\s*((?:19|20)\d\d)\s*年/);
  if (range) return `${range[2]}-12-31`;
  const years = [...new Set([...title.matchAll(/((?:19|20)\d\d)\s*年/g)].map((m) => m[1]))];
  return years.length === 1 ? `${years[0]}-12-31` : null;
}

export function measureDue(node: OutlineNode, parent: Due | null, doc: DocMeta): Due {
  const fromTargets = latest(node.quantities.filter((q) => q.kind === "target").map((q) => q.deadline));
  if (fromTargets) return { date: fromTargets, source: "targets" };
  const fromTimes = latest((node.times ?? []).map((t) => t.date));
  if (fromTimes) return { date: fromTimes, source: "time" };
  if (parent?.date) return { date: parent.date, source: "parent" };
  if (doc.validUntil) return { date: doc.validUntil, source: "validity" };
  const p = periodEnd(doc.title);
  if (p) return { date: p, source: "period" };
  return { date: null, source: "none" };
}
