/**
 * A quantity's kind from the role of its clause: what the predicate does with the number. The governing predicate is
 * the last word of PREDICATES before the number in its clause; an item of a list without its own verb
 * (培育10家龙头企业、20家骨干企业) reads the same clause, so it inherits its lead-in's verb. Frames that override the
 * predicate (a condition "…的，给予", a threshold "20户以上自然村", a cap "最高不超过") are checked first, in order;
 * each result carries the rule's name as `kindRule`, so a wrong kind can be traced.
 */
import {
  AGE_UNITS, BASELINE_AFTER, CAP_BEFORE, RANK_BEFORE, STATUS_OPENING, FUTURE_CUE, FEE_CUT, FUND, GRANT_NOUN, HELD_AT, MEASURING_UNITS, MONEY_UNITS, OPEN_BOUND_AFTER, OPEN_BOUND_BEFORE,
  PER_UNIT_FREQUENCY, PLACE_BEFORE, REACH_AFTER, hasRole, lastPredicate,
} from "./quantity-frames.js";
import type { FoundQuantity } from "./quantities.js";

export type QuantityKind = "target" | "incentive" | "other";

export interface ClassifiedQuantity extends FoundQuantity {
  kind: QuantityKind;
  kindRule: string;
}

// Specifications measure equipment, they are never levels to reach.
const SPEC = new Set(["Mbps", "Gbps", "Kbps", "kbps", "MHz", "GHz", "KHz", "kHz", "Hz", "TB", "GB", "PB", "kW", "MW", "kV", "KV", "M", "G", "C", "千伏", "千伏安"]);
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

function classifyOne(text: string, q: FoundQuantity, prev: ClassifiedQuantity | undefined): [QuantityKind, string] {
  const clauseStart = backFrom(text, q.start, CLAUSE_STOPS);
  const clauseEnd = forwardFrom(text, q.end, CLAUSE_STOPS);
  const before = text.slice(clauseStart, q.start);
  const after = text.slice(q.end, clauseEnd);
  const sentenceStart = backFrom(text, q.start, SENTENCE_STOPS);
  const sentenceAfter = text.slice(q.end, forwardFrom(text, q.end, SENTENCE_STOPS));
  const sentence = text.slice(sentenceStart, q.start) + sentenceAfter;
  const baseUnit = q.unit.split("/")[0] as string;
  const money = MONEY_UNITS.has(baseUnit);
  const percent = q.unit === "%" || q.unit === "‰";
  // a clause without a verb of its own (副组长4人, 示范村20个) is governed by the last one of its sentence
  const own = lastPredicate(before);
  const pred = own ?? lastPredicate(text.slice(sentenceStart, clauseStart));
  const via = own ? "" : "-lead-in";
  // looked up only by the frames that need it: the predicate table is long and most numbers never ask
  let grants: boolean | undefined;
  const grantInSentence = () => (grants ??= GRANT_NOUN.test(sentence) || hasRole(sentence, "grant"));
  // the number then 的 then a noun: it describes the noun (超过1000个的项目)
  const describes = /^\s*(?:及以上|及以下|以上|以下|左右)?的[^，,；;。]/.test(after);
  const nextChar = after.replace(/^\s*(?:及以上|及以下|以上|以下|以内|左右)?/, "")[0] ?? "";
  const attributive = /[\u4e00-\u9fff]/.test(nextChar) && !/[和及与或等达为至到并且、]/.test(nextChar);

  if (SPEC.has(q.unit)) return ["other", "kind.specification"];
  if (q.duration) return ["other", "kind.term"];
  if (AGE_UNITS.has(q.unit)) return ["other", "kind.age"];

  // --- incentives: money or a share granted, a cap of a grant, a fund's size, a fee cut
  if (money && FUND.test(after.slice(0, 16)) && /规模|设立|总额|筹集|出资/.test(before + after)) return ["incentive", "kind.fund-size"];
  if (money && CAP_BEFORE.test(before) && grantInSentence()) return ["incentive", "kind.money-cap"];
  // 返还其缴纳培训费的70%: the grant verb governs the share even when a noun after it holds another verb (培训费)
  if (percent && (hasRole(before, "grant") || (/按/.test(before) && grantInSentence()))) return ["incentive", "kind.share-granted"];
  const openBound = OPEN_BOUND_AFTER.test(after) || OPEN_BOUND_BEFORE.test(before) || /(?:以上|以下)$/.test(q.text);
  // 单户担保金额500万元及以下的企业, 20户以上自然村: an open bound before a noun draws the line of who is in scope
  if (MEASURING_UNITS.has(baseUnit) && openBound && (attributive || /^\s*的/.test(after) || (/^\s*、/.test(after) && /(?:以上|以下)$/.test(q.text)))) {
    return ["other", "kind.threshold"];
  }
  const conditional = endsConditional(text, after, clauseEnd);
  if (conditional) return ["other", "kind.condition"];
  if (describes && grantInSentence() && !hasRole(before, "grant") && !GRANT_RIGHT_AFTER.test(after)) {
    // 对新增机架超过1000个的项目给予奖励: the number says which projects qualify
    return ["other", "kind.condition-of-grant"];
  }
  if (money && (pred?.role === "grant" || pred?.role === "support" || GRANT_NOUN.test(after.slice(0, 6)))) return ["incentive", "kind.money-granted"];
  if ((percent || q.unit === "个百分点") && FEE_CUT.test(before)) return ["incentive", "kind.fee-cut"];

  // --- other: a list item of a scope, existing and past figures, baselines, places, frequencies, thresholds
  if (prev && prev.unit === q.unit && prev.end <= q.start) {
    const between = text.slice(prev.end, q.start);
    if (/^[^，,；;。\n]*、[^，,；;。\n]*$/.test(between) && !lastPredicate(between.slice(between.lastIndexOf("、")))) {
      if (prev.kindRule === "kind.scope" || prev.kindRule === "kind.located-in" || prev.kindRule === "kind.existing") {
        return [prev.kind, "kind.list-item"];
      }
    }
  }
  if (PER_UNIT_FREQUENCY.has(q.unit) && /每/.test(before)) return ["other", "kind.frequency"];
  const opening = text.slice(sentenceStart, Math.min(q.start, sentenceStart + 8));
  if (STATUS_OPENING.test(opening) && !FUTURE_CUE.test(sentence)) return ["other", "kind.existing-sentence"];
  // 已完成16台, 已累计建成: a verb marked done reports what exists
  if (own && /[已曾]\s*$/.test(before.slice(0, own.start))) return ["other", "kind.done-already"];
  if (pred?.role === "existing") return ["other", `kind.existing${via}`];
  if (own?.role === "baseline" || BASELINE_AFTER.test(after)) return ["other", "kind.baseline"];
  if (pred?.role === "spec") return ["other", `kind.composition${via}`];
  if (pred?.role === "basis") return ["other", `kind.basis${via}`];
  if (PLACE_BEFORE.test(before) && !HELD_AT.test(before)) return ["other", "kind.located-in"];
  if (REACH_AFTER.test(after)) return ["other", "kind.reach"];
  if (RANK_BEFORE.test(before)) return ["other", "kind.rank"];
  if (pred && /每[新再多]?\s*$/.test(before.slice(0, pred.start)) && pred.end === before.trimEnd().length) {
    // 每培育1家…给予补助, 每增加1个: the count a rate is reckoned per, not a count to reach
    return ["other", "kind.per-unit"];
  }

  // --- targets: what the predicate delivers
  // 支持列入试点的70个县, 支持1家符合条件的园区: what is backed is picked by a condition, the count is its scope
  if (own?.role === "support" && (/的\s*$/.test(before) || /^[^，,；;。]{0,3}符合/.test(after))) return ["other", "kind.supported-scope"];
  if (own?.role === "deliver" || own?.role === "support") return ["target", "kind.target-verb-before"];
  if (MEASURING_UNITS.has(baseUnit) && attributive) return ["other", "kind.threshold"];
  if (!percent && /^[^的，,；;。]{1,20}的/.test(after) && !/^的/.test(after.trimStart())) {
    // 7个直属海关…的作业无纸化率: the number says whose figure is meant
    return ["other", "kind.scope"];
  }
  if (TARGET_AFTER.test(after)) return ["target", "kind.target-verb-after"];
  if (percent || q.unit === "个百分点" || q.unit === "百分点") return ["target", "kind.share"];
  // "日均交换数据1亿条以上": a figure that closes its clause is the level the clause sets
  if (after.trim() === "") return ["target", "kind.clause-final"];
  // a clause with no verb of its own in a sentence led by one: 新建A 10个，B 20个
  if (!own && pred?.role === "deliver") return ["target", "kind.lead-in-verb"];
  return ["other", "kind.default"];
}

/** "…达到X万元及以上的，给予…": the clause is a condition, its numbers say who qualifies. */
function endsConditional(text: string, after: string, clauseEnd: number): boolean {
  return /的\s*$/.test(after) && /[，,]/.test(text[clauseEnd] ?? "");
}
