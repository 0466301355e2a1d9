/**
 * Measure alignment (措施对应): which measure(s) of a parent document each leaf measure of an implementing
 * (child) document carries out, which child measures are new, and which parent measures no child measure
 * carries out (coverage gaps).
 *
 * Method: lexical and structural evidence only, no model and no numbering. Implementing documents renumber,
 * reorder, merge, split and add measures (广州 2019 against 广东 2018: 智慧旅游 is 1.3 in one and 1.4 in the
 * other, 信用体系 moves from 主要任务 to 保障措施), so labels are never compared.
 *
 * 1. Measures are the leaves of each outline (measures.ts): own text with responsible-body tags cut out (they
 *    say who, not what), the titles of the enclosing sections, the position in the text.
 * 2. Lexical similarity of every child/parent pair, TF-IDF weighted with document frequencies counted over the
 *    measures of both documents, so that words every measure of this pair uses (信息消费, 推进) weigh little:
 *    - words: containment of jieba (search mode) words of the own texts: the share of the child measure's
 *      weight found in the parent measure, with `reverse` of the share the other way. Not a cosine: a child
 *      measure written as a one-line title (加快5G网络建设) is all found in a long parent measure, and a
 *      cosine would punish the parent for saying more;
 *    - chars: the same containment of character bigrams, robust where jieba cuts two texts differently;
 *    - cover: the subject of the child measure — the nouns of its title (虚拟现实, 区块链, 质量品牌) — found
 *      among the parent measure's words, idf-weighted (idf without smoothing, so common nouns count for
 *      little); coverBack the same the other way, weighted less (a parent title is often generic);
 *    - quantities both texts state alike (3万元, 100Mbps, 15%).
 *    Weighted sum: DEFAULT_WEIGHTS below.
 * 3. Hubs: a generic parent measure (加强试点示范, 工作目标) is a little similar to everything. Its column is
 *    lowered by how far its mean top-k similarity stands above the median column's (as CSLS does for
 *    cross-lingual word alignment), so it wins only where it is clearly the best.
 * 4. Section context: the similarity of the enclosing section headings (生活类信息消费跃升工程 ~ 发展生活类
 *    信息消费) multiplies the score by up to 1 + `context`: it sharpens a match, it never makes one.
 * 5. Order: mutual-best pairs that clear the threshold are anchors; the longest chain of them in the same
 *    order in both documents is kept. A child measure between two chained anchors most likely carries out
 *    a parent measure between their parents: each free parent measure in a gap of at most `maxGap` gets
 *    `order` / (gap size) where the words give some evidence (a place alone says nothing of a measure that
 *    shares no word). This recovers a measure whose wording changed but whose place did not. It is soft:
 *    one-to-one is preferred, never imposed, because merges and splits are common.
 * 6. "New": a child measure whose best score does not stand out carries out no parent measure. What it must
 *    beat comes from a null model measured on the pair itself, no constant: the best score it would get
 *    from parent measures it is not about, estimated from the tail of its own row (unrelatedBest), and the
 *    upper quartile of those estimates over the pair's child measures (pairLevel), so that one shared word
 *    in an otherwise empty row is not a link. A loose paraphrase does not make every measure new (its
 *    unrelated scores are low too), a wordy pair does not link everything (its unrelated scores are high),
 *    and a one-line title is judged on its own row. `newThreshold` fixes the threshold instead. A new
 *    measure still lists its best `maxParents` candidates with scores, for linking by hand; a linked one
 *    lists the best `maxParents` scoring at least `listRatio` of the best, best first.
 * 7. A parent measure is covered when it is the best parent of some child measure, or a listed parent scoring
 *    at least `coverRatio` of that child's best (a merged child measure covers several); the rest are gaps.
 *
 * Scores are sums of the above (about 0…1.5), not probabilities. On the five seed documents the weights were
 * set once and kept round; `npm run bench:align` shows the cost (postings-list sparse
 * products: the time grows with the pairs that share a term, not with all pairs).
 *
 * Deterministic and independent of input order: measures are taken in text order (offsets, then path),
 * document frequencies are integer counts, scores are rounded before they are compared, ties break on
 * reading order.
 */
import type { ParsedFile } from "../model/exchange.js";
import {
  documentFrequencies,
  round,
  subjectWords,
  termCounts,
  wordCounts,
} from "./features.js";
import { measuresOf, type Measure } from "./measures.js";

/** The pieces of evidence for one child/parent pair, each about 0…1. */
export interface Signals {
  words: number;
  chars: number;
  cover: number;
  coverBack: number;
  quantity: number;
  context: number;
}

/** Every signal for every pair, row-major: child i, parent j at [i * np + j]. */
export interface SignalMatrix {
  nc: number;
  np: number;
  words: Float64Array;
  chars: Float64Array;
  cover: Float64Array;
  coverBack: Float64Array;
  quantity: Float64Array;
  context: Float64Array;
}

/** How the evidence is weighed; set on the seed pairs and kept round. */
export interface Weights {
  words: number;
  chars: number;
  cover: number;
  coverBack: number;
  quantity: number;
  /** share of the reverse containment (parent terms found in the child) in words and chars */
  reverse: number;
  /** how much of a parent's excess mean top-k similarity is taken off its column */
  hub: number;
  hubK: number;
  /** score × (1 + context × section-heading similarity) */
  context: number;
  /** support shared among the free parent measures in a gap between two anchors */
  order: number;
  maxGap: number;
  /**
   * the pair's level is this quantile of its child measures' unrelated-best estimates (see 6.): the upper
   * quartile, a robust order statistic; at 0.9 one dense row sets the level and one-line titles against long
   * parent measures go new, at the median a single shared word in an empty row links
   */
  nullQuantile: number;
  /** list parents scoring at least this share of the best */
  listRatio: number;
  /** a listed parent scoring at least this share of the best is covered too */
  coverRatio: number;
}

export const DEFAULT_WEIGHTS: Readonly<Weights> = {
  words: 0.45,
  chars: 0.2,
  cover: 0.2,
  coverBack: 0.1,
  quantity: 0.15,
  reverse: 0.25,
  hub: 0.5,
  hubK: 3,
  context: 0.3,
  order: 0.1,
  maxGap: 3,
  nullQuantile: 0.75,
  listRatio: 0.5,
  coverRatio: 0.75,
};

export const DEFAULTS = {
  maxParents: 3,
};

export interface AlignOptions {
  /** a fixed best score under which a child measure is new, instead of the null model of 6. */
  newThreshold?: number;
  /** parents listed per child measure at most */
  maxParents?: number;
  weights?: Partial<Weights>;
}

export interface ParentScore {
  path: string[];
  score: number;
}

export interface MeasureLink {
  child: string[];
  title: string;
  /** best first; empty for a new measure */
  parents: ParentScore[];
  /** the best candidate, also for a new measure (for display) */
  closest: ParentScore | null;
  /** the best `maxParents` parent measures with their scores, whether linked or not: for linking a new one by hand */
  candidates: ParentScore[];
  /** the best score at or under which this measure is new (see 6.) */
  threshold: number;
}

export interface Alignment {
  links: MeasureLink[];
  /** parent measures no child measure carries out, in reading order */
  uncovered: string[][];
  children: Measure[];
  parents: Measure[];
  /** the pair's level (see 6.): no child measure scoring at or under it is linked */
  threshold: number;
}

/** A sparse weighted term vector over a shared vocabulary. */
interface Sparse {
  ids: Int32Array;
  ws: Float64Array;
}

/**
 * Term vectors of term-count maps, document frequencies taken over those maps, sublinear tf. `smooth` gives
 * the cosine's idf (a term every measure uses still counts a little); without it a term in every measure
 * weighs nothing, which containment needs: otherwise 推进 and 加强 would fill a one-line title's share.
 * `unit` scales each vector to length 1 (for cosines).
 */
function vectorize(tfs: Map<string, number>[], opts: { smooth: boolean; unit: boolean }): Sparse[] {
  const { df, n } = documentFrequencies(tfs);
  const vocab = new Map<string, number>();
  return tfs.map((tf) => {
    const ids = new Int32Array(tf.size);
    const ws = new Float64Array(tf.size);
    let k = 0;
    let norm = 0;
    for (const [t, c] of tf) {
      let id = vocab.get(t);
      if (id === undefined) vocab.set(t, (id = vocab.size));
      const idf = Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + (opts.smooth ? 1 : 0);
      const w = (1 + Math.log(c)) * idf;
      ids[k] = id;
      ws[k++] = w;
      norm += w * w;
    }
    if (opts.unit && norm > 0) {
      const s = 1 / Math.sqrt(norm);
      for (let i = 0; i < ws.length; i++) ws[i]! *= s;
    }
    return { ids, ws };
  });
}

/**
 * For every child vector (the first nc) and parent vector, the sums over the terms they share of the child's
 * weights (`fwd`) and of the parent's (`back`), or of their products (`dot`: with unit vectors the cosine),
 * through postings lists of the parents' terms: the work is the number of (child term, parent containing it)
 * pairs, not nc × np × terms.
 */
function sharedWeights(vs: Sparse[], nc: number, dotOnly: boolean): { fwd: Float64Array; back: Float64Array; dot: Float64Array } {
  const np = vs.length - nc;
  const none = new Float64Array(0);
  const fwd = dotOnly ? none : new Float64Array(nc * np);
  const back = dotOnly ? none : new Float64Array(nc * np);
  const dot = dotOnly ? new Float64Array(nc * np) : none;
  const postings = new Map<number, { js: number[]; ws: number[] }>();
  for (let j = 0; j < np; j++) {
    const v = vs[nc + j]!;
    for (let k = 0; k < v.ids.length; k++) {
      const id = v.ids[k]!;
      let p = postings.get(id);
      if (!p) postings.set(id, (p = { js: [], ws: [] }));
      p.js.push(j);
      p.ws.push(v.ws[k]!);
    }
  }
  for (let i = 0; i < nc; i++) {
    const v = vs[i]!;
    const row = i * np;
    for (let k = 0; k < v.ids.length; k++) {
      const p = postings.get(v.ids[k]!);
      if (!p) continue;
      const w = v.ws[k]!;
      if (dotOnly) for (let x = 0; x < p.js.length; x++) dot[row + p.js[x]!]! += w * p.ws[x]!;
      else
        for (let x = 0; x < p.js.length; x++) {
          const at = row + p.js[x]!;
          fwd[at]! += w;
          back[at]! += p.ws[x]!;
        }
    }
  }
  return { fwd, back, dot };
}

/** Cosines of every child vector with every parent vector (smoothed TF-IDF). */
function cosines(tfs: Map<string, number>[], nc: number): Float64Array {
  const { dot } = sharedWeights(vectorize(tfs, { smooth: true, unit: true }), nc, true);
  for (let x = 0; x < dot.length; x++) dot[x] = round(dot[x]!);
  return dot;
}

/**
 * Containment: the share of the child measure's weighted terms found in the parent measure, blended with
 * `reverse` of the share of the parent's found in the child. A one-line child title (加快5G网络建设) carrying
 * out a long parent measure has all its terms there but only a few of the parent's: a symmetric cosine would
 * punish the parent's length, a containment does not. The little reverse share keeps a parent measure about
 * the same subject, and no more, ahead of a long one that mentions it in passing.
 */
function containments(tfs: Map<string, number>[], nc: number, reverse: number): Float64Array {
  const vs = vectorize(tfs, { smooth: false, unit: false });
  const total = vs.map((v) => v.ws.reduce((a, b) => a + b, 0));
  const { fwd, back } = sharedWeights(vs, nc, false);
  const np = vs.length - nc;
  for (let i = 0; i < nc; i++)
    for (let j = 0; j < np; j++) {
      const x = i * np + j;
      const f = total[i]! > 0 ? fwd[x]! / total[i]! : 0;
      const b = total[nc + j]! > 0 ? back[x]! / total[nc + j]! : 0;
      fwd[x] = round((1 - reverse) * f + reverse * b);
    }
  return fwd;
}

const quantityKey = (q: { value: number; unit: string }) => `${q.value}|${q.unit}`;

/** Every piece of evidence for every child/parent pair. */
export function signalMatrix(children: Measure[], parents: Measure[], reverse = DEFAULT_WEIGHTS.reverse): SignalMatrix {
  const nc = children.length;
  const np = parents.length;
  const all = [...children, ...parents];
  const wtf = all.map((m) => wordCounts(m.text));
  const words = containments(wtf, nc, reverse);
  const chars = containments(all.map((m) => termCounts(m.text)), nc, reverse);
  const context = cosines(all.map((m) => termCounts(m.context.join("\n"), { unigrams: true })), nc);

  // cover: idf-weighted share of one side's title nouns found among the other side's words
  const { df, n } = documentFrequencies(wtf);
  const idf = (t: string) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1));
  const subjects = all.map((m) => subjectWords(m.title).map((w) => ({ w, x: idf(w) })));
  const totals = subjects.map((s) => s.reduce((a, b) => a + b.x, 0));
  const cover = new Float64Array(nc * np);
  const coverBack = new Float64Array(nc * np);
  const parentsWith = new Map<string, number[]>();
  for (let j = 0; j < np; j++)
    for (const t of wtf[nc + j]!.keys()) {
      const list = parentsWith.get(t);
      if (list) list.push(j);
      else parentsWith.set(t, [j]);
    }
  for (let i = 0; i < nc; i++) {
    const tot = totals[i]!;
    if (tot > 0)
      for (const { w, x } of subjects[i]!) for (const j of parentsWith.get(w) ?? []) cover[i * np + j]! += x / tot;
    for (let j = 0; j < np; j++) {
      const totBack = totals[nc + j]!;
      if (!(totBack > 0)) continue;
      let hit = 0;
      for (const { w, x } of subjects[nc + j]!) if (wtf[i]!.has(w)) hit += x;
      coverBack[i * np + j] = round(hit / totBack);
    }
  }
  for (let x = 0; x < cover.length; x++) cover[x] = round(cover[x]!);

  // quantities stated alike
  const quantity = new Float64Array(nc * np);
  const qs = all.map((m) => new Set(m.quantities.map(quantityKey)));
  for (let i = 0; i < nc; i++) {
    const a = qs[i]!;
    if (!a.size) continue;
    for (let j = 0; j < np; j++) {
      const b = qs[nc + j]!;
      if (!b.size) continue;
      let shared = 0;
      for (const k of a) if (b.has(k)) shared++;
      quantity[i * np + j] = round(shared / Math.sqrt(a.size * b.size));
    }
  }
  return { nc, np, words, chars, cover, coverBack, quantity, context };
}

/** The signals of one pair. */
export function signalsAt(m: SignalMatrix, i: number, j: number): Signals {
  const x = i * m.np + j;
  return {
    words: m.words[x]!,
    chars: m.chars[x]!,
    cover: m.cover[x]!,
    coverBack: m.coverBack[x]!,
    quantity: m.quantity[x]!,
    context: m.context[x]!,
  };
}

function median(xs: ArrayLike<number>): number {
  if (!xs.length) return 0;
  const s = Array.from(xs).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The longest chain of pairs increasing in both child and parent order (pairs come sorted by child); of
 * chains of equal length the one found first wins, so the result does not depend on anything but the pairs.
 */
function increasingChain(pairs: Array<[number, number]>): Array<[number, number]> {
  const len = pairs.map(() => 1);
  const prev = pairs.map(() => -1);
  for (let b = 0; b < pairs.length; b++)
    for (let a = 0; a < b; a++)
      if (pairs[a]![1] < pairs[b]![1] && len[a]! + 1 > len[b]!) {
        len[b] = len[a]! + 1;
        prev[b] = a;
      }
  let end = -1;
  for (let b = 0; b < pairs.length; b++) if (end < 0 || len[b]! > len[end]!) end = b;
  const chain: Array<[number, number]> = [];
  for (let b = end; b >= 0; b = prev[b]!) chain.unshift(pairs[b]!);
  return chain;
}

/** The best `k` parents of child row `i`, best first, earlier in reading order on a tie. */
function topOfRow(scores: Float64Array, i: number, np: number, k: number): Array<{ j: number; score: number }> {
  const top: Array<{ j: number; score: number }> = [];
  for (let j = 0; j < np; j++) {
    const score = scores[i * np + j]!;
    if (top.length === k && score <= top[k - 1]!.score) continue;
    top.push({ j, score });
    top.sort((a, b) => b.score - a.score || a.j - b.j);
    if (top.length > k) top.pop();
  }
  return top;
}

/**
 * 6. The null model for "new", part one: what a child measure scores against parent measures it is NOT about.
 * A child measure carries out at most a few parent measures (`maxParents` are listed); the scores of its row
 * below those come from unrelated parent measures. The best an unrelated parent measure would reach is
 * estimated by extending that tail linearly in rank, as many ranks up as it is measured down: the (m+1)-th
 * best score plus its fall to the (2m+1)-th (m = maxParents; a short row uses what it has). A child measure
 * about one subject among many similar ones (a dense row) gets a high estimate; one that shares little with
 * anything, a low one.
 */
export function unrelatedBest(scores: Float64Array, nc: number, np: number, maxParents: number): Float64Array {
  const out = new Float64Array(nc);
  if (np < 2) return out;
  const hi = Math.min(maxParents, np - 1);
  const lo = Math.min(2 * maxParents, np - 1);
  for (let i = 0; i < nc; i++) {
    const top = topOfRow(scores, i, np, lo + 1);
    out[i] = round(Math.max(0, 2 * top[hi]!.score - top[lo]!.score));
  }
  return out;
}

/**
 * 6. part two: the level of the pair. A row that shares a word or two with a single parent measure and
 * nothing with the rest has an estimate near 0, though one shared word is no evidence; so a best score must
 * also clear the `quantile` of the estimates of all the pair's child measures, measured on this very pair
 * (its lengths, its shared boilerplate, its vocabulary), not a constant fitted elsewhere.
 */
export function pairLevel(estimates: Float64Array, quantile: number): number {
  if (!estimates.length) return 0;
  const s = Float64Array.from(estimates).sort();
  // nearest rank: the smallest value with at least `quantile` of the estimates at or under it
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(quantile * s.length) - 1))]!;
}

/**
 * Scores of every pair (row-major) after hub correction, section context and order support; for each child
 * measure the best score at or under which it is new (`newThreshold` when given, else the null model of 6.);
 * and the pair's level (6.).
 */
export function scoreMatrix(
  m: SignalMatrix,
  newThreshold?: number,
  w: Weights = DEFAULT_WEIGHTS,
  maxParents = DEFAULTS.maxParents,
): { scores: Float64Array; thresholds: Float64Array; threshold: number } {
  const { nc, np } = m;
  if (!nc || !np) return { scores: new Float64Array(0), thresholds: new Float64Array(nc).fill(newThreshold ?? 0), threshold: newThreshold ?? 0 };
  const lex = new Float64Array(nc * np);
  for (let x = 0; x < lex.length; x++)
    lex[x] =
      w.words * m.words[x]! + w.chars * m.chars[x]! + w.cover * m.cover[x]! + w.coverBack * m.coverBack[x]! + w.quantity * m.quantity[x]!;
  // 3. hubs: mean of each column's top k
  const k = Math.max(1, Math.min(w.hubK, nc));
  const hub = new Float64Array(np);
  const col = new Float64Array(nc);
  for (let j = 0; j < np; j++) {
    for (let i = 0; i < nc; i++) col[i] = lex[i * np + j]!;
    col.sort();
    let s = 0;
    for (let t = 0; t < k; t++) s += col[nc - 1 - t]!;
    hub[j] = round(s / k);
  }
  const hubMedian = median(hub);
  // 4. context
  const scores = new Float64Array(nc * np);
  for (let i = 0; i < nc; i++)
    for (let j = 0; j < np; j++) {
      const x = i * np + j;
      const corrected = Math.max(0, lex[x]! - w.hub * Math.max(0, hub[j]! - hubMedian));
      scores[x] = round(corrected * (1 + w.context * m.context[x]!));
    }
  // 6. the thresholds, from the scores before order support (which would lift unrelated pairs in a gap)
  const estimates = unrelatedBest(scores, nc, np, maxParents);
  const threshold = round(newThreshold ?? pairLevel(estimates, w.nullQuantile));
  const thresholds = newThreshold === undefined ? estimates.map((e) => Math.max(e, threshold)) : new Float64Array(nc).fill(threshold);
  const bestOfChild = new Int32Array(nc);
  const bestScore = new Float64Array(nc);
  const bestOfParent = new Int32Array(np).fill(-1);
  for (let i = 0; i < nc; i++) {
    let b = 0;
    for (let j = 1; j < np; j++) if (scores[i * np + j]! > scores[i * np + b]!) b = j;
    bestOfChild[i] = b;
    bestScore[i] = scores[i * np + b]!;
  }
  for (let j = 0; j < np; j++)
    for (let i = 0; i < nc; i++)
      if (bestOfParent[j]! < 0 || scores[i * np + j]! > scores[bestOfParent[j]! * np + j]!) bestOfParent[j] = i;
  // 5. order: anchors are mutual best pairs above the threshold, chained in the same order on both sides
  const mutual: Array<[number, number]> = [];
  for (let i = 0; i < nc; i++) {
    const j = bestOfChild[i]!;
    if (bestOfParent[j] === i && bestScore[i]! > thresholds[i]!) mutual.push([i, j]);
  }
  const taken = new Set(mutual.map(([, j]) => j));
  const anchors: Array<[number, number]> = [[-1, -1], ...increasingChain(mutual), [nc, np]];
  for (let a = 0; a + 1 < anchors.length; a++) {
    const [ia, ja] = anchors[a]!;
    const [ib, jb] = anchors[a + 1]!;
    if (ib - ia < 2 || jb - ja < 2) continue; // no child or no parent measure between them
    const gap: number[] = [];
    for (let j = ja + 1; j < jb && gap.length <= w.maxGap; j++) if (!taken.has(j)) gap.push(j);
    if (gap.length < 1 || gap.length > w.maxGap) continue; // all taken, or too wide to say anything
    // only where the words give some evidence: a place alone says nothing of a measure that shares none
    for (let i = ia + 1; i < ib; i++)
      for (const j of gap) if (scores[i * np + j]! > 0) scores[i * np + j] = round(scores[i * np + j]! + w.order / gap.length);
  }
  return { scores, thresholds, threshold };
}

/** Aligns the leaf measures of an implementing document with those of its parent document. */
export function alignMeasures(child: ParsedFile, parent: ParsedFile, opts: AlignOptions = {}): Alignment {
  const maxParents = opts.maxParents ?? DEFAULTS.maxParents;
  const w: Weights = { ...DEFAULT_WEIGHTS, ...opts.weights };
  const children = measuresOf(child);
  const parents = measuresOf(parent);
  const np = parents.length;
  const { scores, thresholds, threshold } = scoreMatrix(signalMatrix(children, parents, w.reverse), opts.newThreshold, w, maxParents);
  const covered = new Set<number>();
  const links: MeasureLink[] = children.map((c, i) => {
    const top = topOfRow(scores, i, np, maxParents);
    const scored = (r: { j: number; score: number }): ParentScore => ({ path: parents[r.j]!.path, score: round(r.score, 3) });
    const candidates = top.map(scored);
    const best = top[0];
    const closest = candidates[0] ?? null;
    const bar = round(thresholds[i]!, 3);
    if (!best || !(best.score > thresholds[i]!)) return { child: c.path, title: c.title, parents: [], closest, candidates, threshold: bar };
    const listed = top.filter((r) => r.score >= w.listRatio * best.score);
    for (const r of listed) if (r === best || r.score >= w.coverRatio * best.score) covered.add(r.j);
    return { child: c.path, title: c.title, parents: listed.map(scored), closest, candidates, threshold: bar };
  });
  const uncovered = parents.filter((_, j) => !covered.has(j)).map((p) => p.path);
  return { links, uncovered, children, parents, threshold };
}
