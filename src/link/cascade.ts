/**
 * Target cascade (指标分解): for each aligned pair of measures, the child's targets beside the parent's for the
 * same metric — 3,850 vs 48,000 5G基站 (8.0%) — with warnings where the child's target looks weaker than its
 * share implies or is due later than the parent's.
 *
 * Metric: two targets measure the same thing when their units agree (the parser has already applied 万/亿)
 * and the words around them agree: the phrase after the number (座5G基站建设任务, 家医疗卫生机构) and the one
 * before it (NB-IoT基站达到, 4K用户超过), compared as sets of character bigrams (Dice). Of several parent
 * targets for one metric the one due on the same day wins, then the closest wording.
 *
 * Warnings:
 * - `later`: the child's deadline is after the parent's for the same metric.
 * - `weaker` for rates (%): the child's level is below the parent's (above it where lower is better:
 *   控制在…以下, 不超过, 低于).
 * - `weaker` for counts and amounts: the share (child ÷ parent) is under half of the share expected. The
 *   expected share is given by the caller (a region's share of population or output), else taken as the
 *   median share of this document's count targets when there are at least three: a target far below the
 *   child's own typical share stands out. With neither, no count is called weak.
 */
import type { ParsedFile, Quantity } from "../model/exchange.js";
import type { Alignment } from "./align.js";
import { pathKey } from "./measures.js";
import { termCounts } from "./features.js";
import type { Cascade, TargetView } from "../model/api.js";

export type { Cascade, TargetView } from "../model/api.js";

export interface CascadeOptions {
  /** the share of the parent's counts the child is expected to carry (0…1), e.g. its share of population */
  expectedShare?: number;
  /** least similarity of the surrounding words for two targets to be the same metric */
  minSimilarity?: number;
}

const BEFORE_STOP = /[。；;，,、：:\n！？!?]/;
const AFTER_STOP = /[。；;，,、：:\n！？!?（(\[［【]/;
const WINDOW = 24;

/** The words that name what is counted: time words and the verb before the number trimmed off. */
function metricLabel(s: string): string {
  return s
    .replace(/^.*?(?:年|月|日)(?:底|末|内)?(?:前|以前)?(?=.)/, (m) => (/^(?:到|至|于|在)?年/.test(m) || /年(?:底|末)?前?$/.test(m) ? "" : m))
    .replace(/(?:达到|超过|达|为|至|到|提高到|提升到|增长|增加|实现|完成|建成|新增|新建|培育|形成|建设|带动|推动|引导)$/, "");
}

/** The phrase before and after a quantity, up to punctuation, digits and spaces removed. */
function surroundings(text: string | undefined, q: Quantity): { before: string; after: string } {
  if (!text || !q.span) return { before: "", after: "" };
  let b = q.span.start;
  while (b > 0 && q.span.start - b < WINDOW && !BEFORE_STOP.test(text[b - 1]!)) b--;
  let a = q.span.end;
  while (a < text.length && a - q.span.end < WINDOW && !AFTER_STOP.test(text[a]!)) a++;
  // numbers go (years, other counts); digits that are part of a name stay (5G, 4K, NB-IoT)
  const clean = (s: string) =>
    s
      .replace(/(?<![A-Za-z\d])\d+(?:[.．]\d+)?(?![A-Za-z\d])/g, "")
      .replace(/[\s%％]+/g, "")
      .replace(/^(?:以上|以下|左右|多)/, "");
  return { before: clean(text.slice(b, q.span.start)), after: clean(text.slice(q.span.end, a)) };
}

function bigramSet(s: string): Set<string> {
  return new Set(termCounts(s).keys());
}

function dice(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return (2 * n) / (a.size + b.size);
}

const LOWER_IS_BETTER = /(?:以下|以内|不超过|不高于|低于|控制在)/;

interface Found {
  q: Quantity;
  view: TargetView;
  words: Set<string>;
  lowerIsBetter: boolean;
  /** counts what is added (新增 135 座), not a total */
  increment: boolean;
}

function targetsOf(doc: ParsedFile, quantities: Quantity[]): Found[] {
  return quantities
    .filter((q) => q.kind === "target")
    .map((q) => {
      const { before, after } = surroundings(doc.text, q);
      const metric = metricLabel(after) || metricLabel(before);
      const view: TargetView = { text: q.text, value: q.value, unit: q.unit, deadline: q.deadline, metric };
      if (q.max !== undefined) view.max = q.max;
      return {
        q,
        view,
        words: bigramSet(`${before}\n${after}`),
        lowerIsBetter: LOWER_IS_BETTER.test(q.text) || LOWER_IS_BETTER.test(before),
        increment: /(?:新增|新建|新开通|增加)/.test(before),
      };
    });
}

/** A measure's numbering label as written (1., （一）), or its path's last step for a parse that did not record it. */
export const labelOf = (m: { path: string[]; node: { label?: string } }): string => m.node.label || (m.path[m.path.length - 1] ?? "");

const pct = (x: number) => `${(100 * x).toFixed(x < 0.001 ? 3 : 1)}%`;

/** The cascades of every linked pair of measures, in the child's reading order. */
export function targetCascades(
  child: ParsedFile,
  parent: ParsedFile,
  alignment: Alignment,
  opts: CascadeOptions = {},
): Cascade[] {
  const minSim = opts.minSimilarity ?? 0.2;
  const parentByKey = new Map(alignment.parents.map((m) => [m.key, m]));
  const childByKey = new Map(alignment.children.map((m) => [m.key, m]));
  const out: Cascade[] = [];
  for (const link of alignment.links) {
    const c = childByKey.get(pathKey(link.child));
    if (!c) continue;
    const childTargets = targetsOf(child, c.quantities);
    if (!childTargets.length) continue;
    const parentTargets = link.parents.flatMap((p) => {
      const m = parentByKey.get(pathKey(p.path));
      return m ? targetsOf(parent, m.quantities).map((t) => ({ ...t, path: m.path, label: labelOf(m) })) : [];
    });
    for (const ct of childTargets) {
      let best: { t: (typeof parentTargets)[number]; score: number } | null = null;
      for (const pt of parentTargets) {
        if (pt.q.unit !== ct.q.unit) continue;
        const sim = dice(ct.words, pt.words);
        if (sim < minSim) continue;
        const score = sim + (ct.q.deadline && ct.q.deadline === pt.q.deadline ? 0.2 : 0);
        if (!best || score > best.score) best = { t: pt, score };
      }
      if (!best) continue;
      const pt = best.t;
      const rate = ct.q.unit === "%";
      const share = !rate && pt.q.value > 0 ? ct.q.value / pt.q.value : null;
      const warnings: Cascade["warnings"] = [];
      if (ct.q.deadline && pt.q.deadline && ct.q.deadline > pt.q.deadline)
        warnings.push({ kind: "later", message: `时限 ${ct.q.deadline}，晚于上级的 ${pt.q.deadline}` });
      const basis = ct.increment !== pt.increment;
      if (basis)
        warnings.push({
          kind: "basis",
          message: `${ct.increment ? "下级计新增量，上级计总量" : "下级计总量，上级计新增量"}，占比不可直接比较`,
        });
      if (rate && !basis) {
        const lower = ct.lowerIsBetter || pt.lowerIsBetter;
        if (lower ? ct.q.value > pt.q.value : ct.q.value < pt.q.value)
          warnings.push({ kind: "weaker", message: `${ct.q.text}${lower ? "高于" : "低于"}上级的 ${pt.q.text}` });
      }
      out.push({
        child: link.child,
        childLabel: labelOf(c),
        parent: pt.path,
        parentLabel: pt.label,
        metric: pt.view.metric || ct.view.metric,
        childTarget: ct.view,
        parentTarget: pt.view,
        share: share === null ? null : Number(share.toPrecision(4)),
        warnings,
      });
    }
  }
  // counts and amounts: compare each share with the expected one
  const shares = out
    .filter((c) => !c.warnings.some((w) => w.kind === "basis"))
    .map((c) => c.share)
    .filter((s): s is number => s !== null && s > 0);
  const expected = opts.expectedShare ?? (shares.length >= 3 ? median(shares) : undefined);
  if (expected !== undefined && expected > 0) {
    for (const c of out) {
      if (c.share === null || c.share >= expected / 2 || c.warnings.some((w) => w.kind === "basis")) continue;
      const how = opts.expectedShare !== undefined ? "预期占比" : "本文件各目标占比的中位数";
      c.warnings.push({ kind: "weaker", message: `占上级目标的 ${pct(c.share)}，不到${how}（${pct(expected)}）的一半` });
    }
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
