/**
 * 指标名称: the noun phrase a quantity measures, read from its own sentence, so that a target reads
 * "5G基站 4.8万座" rather than a bare "4.8万座".
 *
 * The rule, in the order tried (Chinese noun phrases are head-final, and a count's noun follows its measure word):
 * 1. What follows the number — 建设4.8万座5G基站建设计划 → 5G基站: the words after the quantity up to the first
 *    verb of two or more characters (建设, 实现, 开展 …, the predicate table of quantity-frames.ts), conjunction
 *    (和, 与, 及, 、), bracket, quote, 的 or clause end. A leading 的 is skipped (16个以上的4K应用示范社区).
 * 2. What stands between the governing verb and the number — 新增4G基站13.5万座 → 4G基站, 实现收入9000亿元 →
 *    收入, with the subject before that verb put in front when there is one (软件和信息服务业实现收入 →
 *    软件和信息服务业收入).
 * 3. The subject of the governing verb — 5G用户数达到2000万 → 5G用户数: the words before the verb back to the
 *    start of the clause (or to the previous quantity in it), without time words (2020年底前, 三季度末), scope
 *    words (全省, 全市, 我市, 所有), adverbs (力争, 累计, 均), a verb that opens the clause (实现, 带动) and a
 *    comparison (较2019年底); of a phrase with 的, what follows the last 的 (…考核的监控覆盖率 → 监控覆盖率).
 * 4. Nothing: a clause that continues the one before (…1.5万亿元、年均增长15%) or repeats only its verb in the same
 *    sentence (…达到80%；2021年底达到100%) measures what the quantity before it measures; any other names nothing.
 * A rate that grows or falls (增长15%, 降低15%) measures the change: 收入 → 收入增长率, 资费 → 资费降幅.
 * The answer is at most 20 characters, cut from the left (the head noun is last); null when nothing is found.
 */
import { lastPredicate, PREDICATES } from "./quantity-frames.js";

export interface QuantityPlace {
  /** offsets of the quantity in `text` */
  start: number;
  end: number;
  unit: string;
}

const MAX_LENGTH = 20;
const CLAUSE_STOPS = "，,；;。！？!?：:\n";
const SENTENCE_STOPS = "。！？!?\n";
/** how far back and forward a clause is looked for: a text without stops must not make every quantity scan it all */
const REACH = 80;

// verbs that end the noun phrase after a number: the predicate table's words of two or more characters (one-character
// cues such as 达, 超, 设 open too many nouns: 超高清, 设施), and a few verbs a counted thing does next. Words of
// granting are left out: after an amount they name the grant (3万元事后奖励).
const PHRASE_VERBS = [
  ...PREDICATES.filter(([w, role]) => role !== "none" && role !== "grant" && w.length >= 2).map(([w]) => w),
  "采取", "采用", "运用", "使用", "纳入", "接入", "参与", "参加", "享受", "获得", "进行", "加快", "入驻", "列入", "通过", "全覆盖",
].sort((a, b) => b.length - a.length);
const PHRASE_VERB = new RegExp(PHRASE_VERBS.join("|"), "g");
const PHRASE_STOP = /[和与及或、，,；;。：:《》【】\[\]的等]/;
// a verb with one of these after it is part of a noun: 孵化园, 增加值, 完成率, 示范区
const NOUN_AFTER_VERB = /^(?:园|区(?!域)|基地|中心|器|站|馆|值|率|量(?!化)|额|所)/;

const TIME_WORD =
  /(?:到|至|在|于|截至|截止)?(?:\d{4}|[〇零一二三四五六七八九]{4})年(?:度)?(?:[一二三四]季度)?(?:底|末|内)?(?:前|以前|之前)?|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:份)?(?:底|末|中|初)?(?:前|以前)?|[一二三四]季度(?:末|底)?(?:前)?|年底前?|年末|年内|全年|当年|今年|明年|上半年|下半年|目前|期间/g;
const SCOPE_WORD = /^(?:每[个家户人项所座年]?|全省|全市|全区|全县|全国|全域|全镇|我省|我市|我区|我县|本省|本市|本区|省内|市内|区内|各地|各市|各区|各县|所有|全部)/;
const ADVERB = /^(?:力争|争取|确保|计划|预计|累计|均|要|将|进一步|全面|基本|初步|努力|持续|总体|整体|实际|年均|平均)|(?:力争|争取|确保|计划|预计|累计|均|要|将|年均|可|已|都|总|原则上|不得|最多|分别)$/;
// what opens a clause before its subject: a reference back (其中, 其), a preposition, a list number (1. （二）)
const OPENER = /^(?:其中|其(?![他它余])|在|对|由|至|将|把|使)|^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.、．]|^[（(][一二三四五六七八九十\d]{1,3}[)）]/;
// what links a subject to its amount (标准为每人每月1309元, 字符共8位): no part of the subject
const LINK = /(?:(?:分别)?(?:为|是|共|共计|合计|约|计))?(?:每[人户月年次日天家个项]){0,3}$/;
// a verb that opens the words after a number says what the things do (100%实现…), it names nothing
const ACTION_AFTER = /^(?:实现|完成|达到|开展|推进|推动|确保|参加|享受|覆盖(?!率|面))/;
// 较2019年底, 比上年, 与2020年相比: a baseline, no part of what is measured (比例 and 占比 are nouns)
const COMPARISON = /(?:(?:较|比|同比)(?=上年|去年|上一年|同期|基期|年初|\d{4}|[〇零一二三四五六七八九]{4}|[一二三四五六七八九十]+五)|与[^，,]{1,12}相比).*$/;
const GROWTH = /^(?:增长|增加|提高|提升|扩大)$/;
const FALL = /^(?:降低|下降|减少|压减|削减|压缩)$/;

const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, "");

/** Drops what is no part of a noun phrase at its edges: brackets, quotes and punctuation. */
function edges(s: string): string {
  return s.replace(/[（(][^）)]*[）)]/g, "").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

const hasWord = (s: string) => /[\u4e00-\u9fff]|[A-Za-z]/.test(s);

/** At most MAX_LENGTH characters, from the right: the head noun is last. */
const bounded = (s: string) => (s.length > MAX_LENGTH ? s.slice(s.length - MAX_LENGTH) : s);

/**
 * The first verb of `s` that is no part of a noun (孵化 in 孵化园 is), or null. Not at its very start: right after a
 * count, a verb's word modifies the counted noun (20个开放数据应用).
 */
function firstVerb(s: string): number | null {
  PHRASE_VERB.lastIndex = 0;
  for (let m = PHRASE_VERB.exec(s); m; m = PHRASE_VERB.exec(s)) {
    if (m.index > 0 && !NOUN_AFTER_VERB.test(s.slice(m.index + m[0].length))) return m.index;
  }
  return null;
}

/** The governing verb: the last predicate of `s` that is no part of a noun (增加值, 完成率). */
function governing(s: string) {
  let v = lastPredicate(s);
  while (v && NOUN_AFTER_VERB.test(s.slice(v.end))) v = lastPredicate(s.slice(0, v.start));
  return v;
}

/** Rule 1: the counted thing after the number. */
function phraseAfter(after: string): string {
  let s = squeeze(after)
    .replace(/^(?:及以上|及以下|以上|以下|左右|以内|多|余)/, "")
    .replace(/^的/, "")
    .replace(/[（(][^）)]*[）)]/g, "");
  // a quoted slogan that closes the clause is what the things do (企业“上云上平台”), a quoted name inside goes on
  const slogan = /[“"‘][^”"’]*[”"’]\s*$/.exec(s);
  if (slogan && slogan.index > 0) s = s.slice(0, slogan.index);
  s = s.replace(/[“”"‘’]/g, "");
  if (ACTION_AFTER.test(s)) return "";
  const stop = PHRASE_STOP.exec(s)?.index ?? s.length;
  const verb = firstVerb(s) ?? s.length;
  return edges(s.slice(0, Math.min(stop, verb)));
}

/** Rule 3's cleaning: time, scope and adverbs off the edges, a comparison off the end, what follows the last 的. */
function subjectOf(words: string): string {
  let s = squeeze(words).replace(COMPARISON, "");
  for (let prev = ""; prev !== s; ) {
    prev = s;
    s = edges(s.replace(TIME_WORD, "")).replace(OPENER, "").replace(SCOPE_WORD, "").replace(ADVERB, "").replace(LINK, "");
    // a verb that opens the clause (实现…, 带动全省…) is no part of its subject
    const opening = lastPredicate(s.slice(0, 2)) ?? lastPredicate(s.slice(0, 3));
    if (opening && opening.start === 0 && opening.word.length >= 2 && s.length > opening.end && !NOUN_AFTER_VERB.test(s.slice(opening.end))) {
      s = s.slice(opening.end);
    }
  }
  const de = s.lastIndexOf("的");
  if (de >= 0) s = s.slice(de + 1);
  return edges(s);
}

/**
 * The indicator a quantity at [start, end) of `text` measures; `previous` is the indicator of the quantity before it
 * (with where that one ends), which a clause that repeats only its verb inherits.
 */
export function indicatorOf(text: string, q: QuantityPlace, previous?: { end: number; indicator: string | null }): string | null {
  let a = q.start;
  while (a > 0 && q.start - a < REACH && !CLAUSE_STOPS.includes(text[a - 1]!)) a--;
  let b = q.end;
  while (b < text.length && b - q.end < REACH && !CLAUSE_STOPS.includes(text[b]!)) b++;

  const after = phraseAfter(text.slice(q.end, b));
  if (after.length >= 2 && hasWord(after)) return bounded(after);

  // the clause runs from its start, or from the previous quantity when that lies inside it (…80%、2021年底达到100%)
  const from = previous && previous.end > a && previous.end <= q.start ? previous.end : a;
  const before = text.slice(from, q.start);
  const verb = governing(before);
  const rate = q.unit === "%" || q.unit === "‰" || q.unit.endsWith("百分点");
  const change = verb && rate ? (GROWTH.test(verb.word) ? "增长率" : FALL.test(verb.word) ? "降幅" : "") : "";
  const yearly = change && /年均\s*$/.test(before.slice(0, verb!.start)) ? "年均" : "";

  let name = "";
  if (verb) {
    const between = subjectOf(before.slice(verb.end).replace(/^\s*(?:至|到|为|在|了)/, ""));
    const subject = subjectOf(before.slice(0, verb.start));
    name = between && hasWord(between) ? (subject && hasWord(subject) && !between.startsWith(subject) ? subject + between : between) : subject;
  } else {
    name = subjectOf(before);
  }
  if (!name || !hasWord(name)) {
    // rule 4: the previous quantity, when this one continues its clause (…1.5万亿元、年均增长15%) or repeats its verb in the
    // same sentence (…达到80%；2021年底达到100%); a clause with neither (，70%以上市、县完成…) names nothing
    let sentenceStart = q.start;
    while (sentenceStart > 0 && q.start - sentenceStart < REACH * 2 && !SENTENCE_STOPS.includes(text[sentenceStart - 1]!)) sentenceStart--;
    const continues = previous && previous.end > a && previous.end <= q.start;
    const repeats = previous && verb && previous.end > sentenceStart && previous.end <= q.start;
    name = previous?.indicator && (continues || repeats) ? previous.indicator.replace(/(?:年均)?(?:增长率|降幅)$/, "") : "";
  }
  if (!name || !hasWord(name)) return null;
  return bounded(name + yearly + change);
}

/** An upper bound written before an amount (最高, 不超过, 上限): the amount is a cap, not a fixed grant. */
const CAP_BEFORE = /(?:最高|最多|不超过|不高于|不得超过|上限为?|封顶)[^，,；;。\d]{0,3}$/;
const CAP_AFTER = /^\s*(?:以内|以下|封顶|为上限|为限)/;

/** True when the quantity at [start, end) of `text` is written as a cap (最高200万元, 不超过1000万元, 50万元封顶). */
export function isCap(text: string, q: { start: number; end: number; text?: string }): boolean {
  const before = text.slice(Math.max(0, q.start - 12), q.start);
  if (CAP_BEFORE.test(before)) return true;
  return CAP_AFTER.test(text.slice(q.end, q.end + 6)) || /(?:以内|以下)$/.test(q.text ?? "");
}
