/**
 * A quantity's kind from the role of its clause: what the predicate does with the number. The governing predicate is
 * the last word of PREDICATES (quantity-frames.ts) before the number in its clause; an item of a list without its own
 * verb (培育10家龙头企业、20家骨干企业) reads the same clause, so it inherits its lead-in's verb, and a clause with no
 * verb at all reads its sentence's. FRAMES below are tried in order, first match wins: the frames that override the
 * predicate (a cap "最高不超过", a threshold "20户以上自然村", a condition "…的，给予") come first. Each result carries
 * its frame's name as `kindRule`, so a wrong kind can be traced.
 */
import {
  AGE_UNITS, BASELINE_AFTER, CAP_BEFORE, FEE_CUT, FUND, FUND_BEFORE, SET_ASIDE, FUTURE_CUE, GRANT_NOUN, HELD_AT, MEASURING_UNITS, MONEY_UNITS,
  OPEN_BOUND_AFTER, OPEN_BOUND_BEFORE, PER_UNIT_FREQUENCY, PLACE_BEFORE, RANK_BEFORE, REACH_AFTER, STATUS_OPENING,
  hasRole, lastPredicate, type Predicate,
} from "./quantity-frames.js";
import type { FoundQuantity } from "./quantities.js";

export type QuantityKind = "target" | "incentive" | "other";

export interface ClassifiedQuantity extends FoundQuantity {
  kind: QuantityKind;
  kindRule: string;
}

// Specifications measure equipment, they are never levels to reach.
const STORAGE = new Set(["TB", "GB", "PB"]);
const SPEC = new Set([
  "Mbps", "Gbps", "Kbps", "kbps", "MHz", "GHz", "KHz", "kHz", "Hz", "TB", "GB", "PB", "kW", "MW", "kV", "KV", "M", "G", "C",
  "千伏", "千伏安",
]);
const GRANT_RIGHT_AFTER = new RegExp(`^\\s*的?\\s*(?:${GRANT_NOUN.source})`);
const TARGET_AFTER = /^[^，,；;。]*?(?:实现|达到|达|覆盖|完成|建成|上线|投入使用|通过)/;

// A clause or sentence is looked for within this many characters: a text without punctuation must not make each
// quantity scan the whole text.
const REACH = 160;
const CLAUSE_STOPS = "，,；;。！？!?\n：:";
const SENTENCE_STOPS = "。！？!?\n";

function backFrom(text: string, from: number, stops: string): number {
  const limit = Math.max(0, from - REACH);
  let a = from;
  while (a > limit && !stops.includes(text[a - 1] as string)) a--;
  return a;
}

function forwardFrom(text: string, from: number, stops: string): number {
  const limit = Math.min(text.length, from + REACH);
  let b = from;
  while (b < limit && !stops.includes(text[b] as string)) b++;
  return b;
}

export function classifyQuantities(text: string, found: FoundQuantity[]): ClassifiedQuantity[] {
  const out: ClassifiedQuantity[] = [];
  for (const q of found) {
    const [kind, kindRule] = classifyOne(text, q, out[out.length - 1]);
    out.push({ ...q, kind, kindRule });
  }
  return out;
}

/** What the frames read: the quantity, its clause and sentence, and the predicate that governs it. */
interface Ctx {
  text: string;
  q: FoundQuantity;
  prev: ClassifiedQuantity | undefined;
  before: string;
  after: string;
  clauseEnd: number;
  sentence: string;
  sentenceStart: number;
  baseUnit: string;
  money: boolean;
  percent: boolean;
  /** the last predicate of the number's own clause */
  own: Predicate | null;
  /** `own`, else the last predicate of the sentence before the clause (副组长4人 reads 设 of 设组长1人) */
  pred: Predicate | null;
  /** the number then 的 then a noun: it describes the noun (超过1000个的项目) */
  describes: boolean;
  /** a noun follows the number (20户以上自然村) */
  attributive: boolean;
  /** an open bound is written with the number (以上, 及以下, 超过) */
  openBound: boolean;
  grantInSentence: () => boolean;
}

interface Frame {
  rule: string;
  kind: QuantityKind;
  when: (c: Ctx) => boolean;
  /** the frame reads `pred`: its rule name says when that came from the sentence's lead-in */
  lead?: boolean;
}

// Frames in the order they are tried, first match wins; a new frame is a line here, with a made-up test.
const FRAMES: Frame[] = [
  // 2TB硬盘 is a specification; 新增存储容量500TB is a capacity to deliver
  { rule: "kind.specification", kind: "other", when: (c) => SPEC.has(c.q.unit) && !(STORAGE.has(c.q.unit) && hasRole(c.before, "deliver")) },
  // 审批时间压缩至1天以内: a length of time a cut is to reach is the target level, not a term
  { rule: "kind.time-cut-to", kind: "target", when: (c) => c.q.duration && /(?:压缩|缩短|压减|减少|降|控制)(?:至|到|在)\s*$/.test(c.before) },
  { rule: "kind.term", kind: "other", when: (c) => c.q.duration },
  { rule: "kind.age", kind: "other", when: (c) => AGE_UNITS.has(c.q.unit) },
  // --- incentives: a fund's size, a cap of a grant, a share granted, before conditions can claim them
  // 补贴资金由省级财政承担70%: who bears what share of a cost is no grant
  { rule: "kind.cost-share", kind: "other", when: (c) => c.percent && /由[^，,；;。]{1,12}(?:承担|负担|分担|出资)\s*$/.test(c.before) },
  { rule: "kind.fund-size", kind: "incentive", when: (c) => c.money && FUND.test(c.after.slice(0, 16)) && /规模|设立|总额|筹集|出资/.test(c.before + c.after) },
  { rule: "kind.fund-size", kind: "incentive", when: (c) => c.money && FUND_BEFORE.test(c.before) && SET_ASIDE.test(c.before) },
  // 年度支持总额不超过50万元: the cap of the support itself, whatever the sentence's verbs
  { rule: "kind.support-cap", kind: "incentive", when: (c) => c.money && /(?:支持|补助|奖励|补贴|资助|扶持|奖补)(?:总额|资金|金额|额度)?[^，,；;。]{0,4}(?:不超过|最高|最多|上限为?)\s*$/.test(c.before) },
  { rule: "kind.money-cap", kind: "incentive", when: (c) => c.money && CAP_BEFORE.test(c.before) && c.grantInSentence() },
  // 返还其缴纳培训费的70%: the grant verb governs the share even when a noun after it holds another verb (培训费)
  { rule: "kind.share-granted", kind: "incentive", when: (c) => c.percent && (hasRole(c.before, "grant") || (/按/.test(c.before) && c.grantInSentence())) },
  // 单户担保金额500万元及以下的企业, 20户以上自然村: an open bound before a noun draws the line of who is in scope
  {
    rule: "kind.threshold", kind: "other",
    when: (c) => MEASURING_UNITS.has(c.baseUnit) && c.openBound &&
      (c.attributive || /^\s*的/.test(c.after) || (/^\s*、/.test(c.after) && /(?:以上|以下)$/.test(c.q.text)) ||
        // 对年营业收入超过1亿元且增速达到15%以上的企业: a second condition joined by 且/并且 before the 的
        /^[^，,；;。]{0,20}?[且并](?:且)?[^，,；;。]{0,20}的/.test(c.after)),
  },
  { rule: "kind.condition", kind: "other", when: (c) => endsConditional(c.text, c.after, c.clauseEnd) },
  // 对新增机架超过1000个的项目给予奖励: the number says which projects qualify
  {
    rule: "kind.condition-of-grant", kind: "other",
    when: (c) => c.describes && c.grantInSentence() && !hasRole(c.before, "grant") && !GRANT_RIGHT_AFTER.test(c.after),
  },
  {
    rule: "kind.money-granted", kind: "incentive",
    when: (c) => c.money && (c.pred?.role === "grant" || c.pred?.role === "support" || GRANT_NOUN.test(c.after.slice(0, 6))),
  },
  { rule: "kind.fee-cut", kind: "incentive", when: (c) => (c.percent || c.q.unit === "个百分点") && FEE_CUT.test(c.before) },
  // --- other: a list item of a scope, frequencies, existing and past figures, baselines, places, ranks, rates
  { rule: "kind.list-item", kind: "other", when: listItemOfScope },
  { rule: "kind.frequency", kind: "other", when: (c) => PER_UNIT_FREQUENCY.has(c.q.unit) && /每/.test(c.before) },
  {
    rule: "kind.existing-sentence", kind: "other",
    when: (c) => STATUS_OPENING.test(c.text.slice(c.sentenceStart, Math.min(c.q.start, c.sentenceStart + 8))) && !FUTURE_CUE.test(c.sentence),
  },
  // 已完成16台, 已累计建成: a verb marked done reports what exists
  { rule: "kind.done-already", kind: "other", when: (c) => c.own !== null && /[已曾]\s*$/.test(c.before.slice(0, c.own.start)) },
  { rule: "kind.existing", kind: "other", lead: true, when: (c) => c.pred?.role === "existing" },
  { rule: "kind.baseline", kind: "other", when: (c) => c.own?.role === "baseline" || BASELINE_AFTER.test(c.after) },
  { rule: "kind.spec", kind: "other", lead: true, when: (c) => c.pred?.role === "spec" },
  { rule: "kind.basis", kind: "other", lead: true, when: (c) => c.pred?.role === "basis" },
  { rule: "kind.located-in", kind: "other", when: (c) => PLACE_BEFORE.test(c.before) && !HELD_AT.test(c.before) },
  { rule: "kind.reach", kind: "other", when: (c) => REACH_AFTER.test(c.after) },
  { rule: "kind.rank", kind: "other", when: (c) => RANK_BEFORE.test(c.before) },
  // 每培育1家…给予补助, 每增加1个: the count a rate is reckoned per, not a count to reach
  {
    rule: "kind.per-unit", kind: "other",
    when: (c) => c.pred !== null && /每[新再多]?\s*$/.test(c.before.slice(0, c.pred.start)) && c.pred.end === c.before.trimEnd().length,
  },
  // --- targets: what the predicate delivers
  // 支持列入试点的70个县, 支持1家符合条件的园区: what is backed is picked by a condition, the count is its scope
  {
    rule: "kind.supported-scope", kind: "other",
    when: (c) => c.own?.role === "support" && (/的\s*$/.test(c.before) || /^[^，,；;。]{0,3}符合/.test(c.after)),
  },
  { rule: "kind.target-verb-before", kind: "target", when: (c) => c.own?.role === "deliver" || c.own?.role === "support" },
  { rule: "kind.threshold", kind: "other", when: (c) => MEASURING_UNITS.has(c.baseUnit) && c.attributive },
  // 7个直属海关…的作业无纸化率: the number says whose figure is meant
  { rule: "kind.scope", kind: "other", when: (c) => !c.percent && /^[^的，,；;。]{1,20}的/.test(c.after) && !/^的/.test(c.after.trimStart()) },
  { rule: "kind.target-verb-after", kind: "target", when: (c) => TARGET_AFTER.test(c.after) },
  { rule: "kind.share", kind: "target", when: (c) => c.percent || c.q.unit === "个百分点" || c.q.unit === "百分点" },
  // "日均交换数据1亿条以上": a figure that closes its clause is the level the clause sets
  { rule: "kind.clause-final", kind: "target", when: (c) => c.after.trim() === "" },
  // a clause with no verb of its own in a sentence led by one: 新建A 10个，B 20个
  { rule: "kind.lead-in-verb", kind: "target", when: (c) => c.own === null && c.pred?.role === "deliver" },
];

/** An item of a list (在5个国家级、30个省级…) shares the kind of a scope item before it. */
function listItemOfScope(c: Ctx): boolean {
  const prev = c.prev;
  if (!prev || prev.unit !== c.q.unit || prev.end > c.q.start) return false;
  const between = c.text.slice(prev.end, c.q.start);
  if (!/^[^，,；;。\n]*、[^，,；;。\n]*$/.test(between) || lastPredicate(between.slice(between.lastIndexOf("、")))) return false;
  return prev.kindRule === "kind.scope" || prev.kindRule === "kind.located-in" || prev.kindRule === "kind.existing";
}

function contextOf(text: string, q: FoundQuantity, prev: ClassifiedQuantity | undefined): Ctx {
  const clauseStart = backFrom(text, q.start, CLAUSE_STOPS);
  const clauseEnd = forwardFrom(text, q.end, CLAUSE_STOPS);
  const before = text.slice(clauseStart, q.start);
  const after = text.slice(q.end, clauseEnd);
  const sentenceStart = backFrom(text, q.start, SENTENCE_STOPS);
  const sentence = text.slice(sentenceStart, q.start) + text.slice(q.end, forwardFrom(text, q.end, SENTENCE_STOPS));
  const own = lastPredicate(before);
  const nextChar = after.replace(/^\s*(?:及以上|及以下|以上|以下|以内|左右)?/, "")[0] ?? "";
  // looked up only by the frames that need it: the predicate table is long and most numbers never ask
  let grants: boolean | undefined;
  return {
    text, q, prev, before, after, clauseEnd, sentence, sentenceStart, own,
    baseUnit: q.unit.split("/")[0] as string,
    money: MONEY_UNITS.has(q.unit.split("/")[0] as string),
    percent: q.unit === "%" || q.unit === "‰",
    pred: own ?? lastPredicate(text.slice(sentenceStart, clauseStart)),
    describes: /^\s*(?:及以上|及以下|以上|以下|左右)?的[^，,；;。]/.test(after),
    attributive: /[\u4e00-\u9fff]/.test(nextChar) && !/[和及与或等达为至到并且、]/.test(nextChar),
    openBound: OPEN_BOUND_AFTER.test(after) || OPEN_BOUND_BEFORE.test(before) || /(?:以上|以下)$/.test(q.text),
    grantInSentence: () => (grants ??= GRANT_NOUN.test(sentence) || hasRole(sentence, "grant")),
  };
}

function classifyOne(text: string, q: FoundQuantity, prev: ClassifiedQuantity | undefined): [QuantityKind, string] {
  const c = contextOf(text, q, prev);
  for (const f of FRAMES) {
    if (f.when(c)) return [f.kind, f.lead && c.own === null ? `${f.rule}-lead-in` : f.rule];
  }
  return ["other", "kind.default"];
}

/** "…达到X万元及以上的，给予…": the clause is a condition, its numbers say who qualifies. */
function endsConditional(text: string, after: string, clauseEnd: number): boolean {
  return /的\s*$/.test(after) && /[，,]/.test(text[clauseEnd] ?? "");
}
