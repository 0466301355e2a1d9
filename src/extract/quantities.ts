/**
 * Quantities (量化指标): a number with what it counts or measures, its kind, and where it stands.
 *
 * Finding is one pattern (number, optional range, 万/亿 multiplier, unit, qualifier) plus exclusions for what only
 * looks like a quantity: years and dates, ordinals (第一), codes and names with digits (5G, IPv6, 12345热线,
 * “1+6”, 十三五, 3A级), vague amounts (一批), a duration that is part of a name (三年行动计划).
 * Kinds are decided in quantity-kinds.ts from the role of the clause's predicate.
 */
import { chineseToNumber } from "./numerals.js";
import { COUNTER_WORDS, lastPredicate, MEASURING_UNITS } from "./quantity-frames.js";

export { classifyQuantities, type ClassifiedQuantity, type QuantityKind } from "./quantity-kinds.js";

export interface FoundQuantity {
  text: string;
  value: number;
  max?: number;
  unit: string;
  start: number;
  end: number;
  rule: string;
  /** a length of time (为期半年, 5年内): a term or a time expression, never a target */
  duration: boolean;
  /** "N年内": sets the time by which something is due */
  within: boolean;
}

// Units a number counts or measures in. Matched longest first (sorted below), so 万元 is not read as 万 + 元,
// 吨标准煤 not as 吨, Mbps not as M.
const UNITS = [
  "个百分点", "百分点", "千瓦时", "兆瓦时", "吉瓦时", "吉瓦", "平方公里", "平方千米", "平方米", "立方米", "立方", "千瓦", "兆瓦", "千克",
  "公斤", "公里", "千米", "毫米", "厘米", "公顷", "个月", "个工作日", "周岁", "小时", "分钟", "人次", "户次", "条次", "批次", "场次", "架次", "车次", "千伏", "千伏安", "工作日", "吨标准煤",
  "人口",
  "Mbps", "Gbps", "Kbps", "kbps", "MHz", "GHz", "KHz", "kHz", "Hz", "TB", "GB", "PB", "kW", "MW", "kV", "KV",
  // processor cores in a server spec (16C, 64G): read only when a separator follows, 3C产品 is a name
  "C",
  "美元", "港元", "欧元", "元", "%", "‰", "倍",
  "个", "家", "户", "座", "所", "项", "条", "人", "名", "位", "件", "台", "套", "部", "辆", "艘", "架", "栋", "间",
  "张", "块", "份", "场", "次", "处", "宗", "笔", "株", "棵", "种", "款", "支", "组", "篇", "本", "册", "根", "杆",
  "盏", "吨", "米", "亩", "天", "日", "周", "年", "岁", "床", "头", "只", "羽", "M", "G",
  // read only to be refused: 一期工程, 第六届 are phases and editions
  "期", "届",
].sort((x, y) => y.length - x.length);
// What a compound unit is counted per, after a slash (立方米/日, 元/平方米, 吨/万平方米): a 万 here belongs to the unit.
const PER_UNITS = [
  "日", "天", "年", "月", "小时", "人", "户", "吨", "平方米", "立方米", "千瓦时", "公里", "亩", "公顷", "辆", "台", "件",
  "次", "人次", "吨标准煤", "平方公里", "千克", "公斤", "床", "kWh",
].sort((x, y) => y.length - x.length);
const alt = (us: string[]) => us.map((u) => u.replace(/[%‰]/g, (c) => `\\${c}`)).join("|");
const UNIT_ALT = alt(UNITS);
const PER_ALT = `/(?:万|千|百)?(?:${alt(PER_UNITS)})`;

const DURATION = new Set(["年", "个月", "天", "日", "周", "工作日", "个工作日"]);
// The units a number written in Chinese numerals may carry (三个, 十五万户, 两年): others make idioms and names
// (三级, 四星级, 一张网); a lone 一 is refused separately, it opens too many idioms (一次办, 一批).
const CN_ALLOWED_UNITS = new Set([
  "个", "家", "户", "座", "所", "项", "条", "人", "名", "元", "年", "个月", "天", "日", "小时", "倍", "万", "亿", "%",
  "平方米", "公里", "亩", "吨", "台", "套", "辆", "张", "次", "批次", "人次", "处", "件", "头", "只",
]);
// Words before a length of time that make it a term (为期半年, 连续5年, 分3年, 用2年时间).
const TERM_CUE = /(?:为期|连续|满|超过|不少于|不超过|不低于|近|逾|长达|期限|期满|延长|缩短|提前|分|用|历时|经过|利用|参保|缴纳|工作)\s*$/;
// What may follow a length of time that is a term rather than the start of a name (三年行动计划 is a name).
const TERM_FOLLOWER = /^\s*(?:以上|以下|以内|之内|内|的|后|期间|左右|时间|有效期|期限|[,，。；;、)）]|$)/;
const WORD_AFTER_COUNTER = new Map(COUNTER_WORDS);
const QUALIFIER = "及以上|及以下|以上|以下|左右|以内|多|余|内";

const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
// A Chinese numeral counts only when a multiplier or unit follows: checked in the pattern itself, because most
// numerals in running text (一体化, 进一步, 统一) are words and would otherwise each be tried as a quantity.
const CN = "[零〇一二两三四五六七八九十百千]";
// …or where it opens a range of Chinese numerals (三至五家, 一到两年)
const CNNUM = `(?:${CN}+|半)(?=\\s?(?:万|亿)|(?:多|余)?\\s?(?:${UNIT_ALT})|(?:至|到|[—–~～])${CN})`;
// A range may write its unit on both ends (10%—30%, 5万元及以上至10万元) or once after the high end (3-5个, 0.6-1万人).
const QUANTITY_RE = new RegExp(
  String.raw`(?=[\d零〇一二两三四五六七八九十百千半])(?:` +
  String.raw`(?<pct>百分之(?<pctn>${NUM}|[零〇一二两三四五六七八九十百千]+))` +
    String.raw`|(?<num>${NUM}|${CNNUM})` +
    String.raw`(?:(?<low>\s?(?<mult1>万亿|亿|万)?(?<unit1>${UNIT_ALT})?(?<qual1>及以上|以上)?)\s?(?<rsep>[-—–~～]|至|到)\s?(?<num2>${NUM}|${CN}+))?` +
    String.raw`\s?(?<mult>万亿|亿|万)?(?<mid>多|余)?\s?(?<unit>${UNIT_ALT})?(?<per>(?:${PER_ALT}){1,2})?` +
    String.raw`(?<qual>\s?(?:${QUALIFIER}))?)`,
  "yd",
);

const UNIT_FIRST_CLASS = [...new Set([..."万亿多余", ...UNITS.map((u) => u[0] as string)])].map((c) => c.replace(/[\\\]^-]/g, "\\$&")).join("");
// a Chinese numeral is a start only where a multiplier or unit can follow it (一体化, 进一步 have none)
const NUMERAL_START = new RegExp(`百分之|\\d[\\d,.]*|(?:[零〇一二两三四五六七八九十百千]+|半)(?= ?[${UNIT_FIRST_CLASS}至到—–~～])`, "g");

function parseNumber(s: string): number | null {
  if (/^[\d,.]+$/.test(s)) {
    const v = Number(s.replace(/,/g, ""));
    return Number.isFinite(v) ? v : null;
  }
  if (s === "半") return 0.5;
  return chineseToNumber(s);
}

const MULT: Record<string, number> = { 万: 1e4, 亿: 1e8, 万亿: 1e12 };

function round(v: number): number {
  // 4.8 万 must be 48000, not 47999.99999999999
  return Number.parseFloat(v.toPrecision(12));
}

/**
 * Every quantity in the text. `masked` marks character ranges that are names (《…》 titles) where numbers are
 * part of the name; it is a string of the same length with non-space characters where the text is masked.
 */
export function findQuantities(text: string, masked?: (i: number) => boolean): FoundQuantity[] {
  const out: FoundQuantity[] = [];
  // Numerals are found by a plain scan and the full pattern is tried only where one starts: one pattern with
  // every alternative, tried at every position, costs many times more on running text.
  NUMERAL_START.lastIndex = 0;
  for (let a = NUMERAL_START.exec(text); a; a = NUMERAL_START.exec(text)) {
    const start = a.index;
    QUANTITY_RE.lastIndex = start;
    const m = QUANTITY_RE.exec(text);
    if (!m || m[0].length === 0) continue;
    NUMERAL_START.lastIndex = Math.max(NUMERAL_START.lastIndex, start + m[0].length);
    if (masked?.(start)) continue;
    const g = m.groups ?? {};
    const q = g.pct ? percentWords(g.pctn as string, m[0], start) : numberWithUnit(text, m);
    if (q) out.push(q);
  }
  return out;
}

function percentWords(n: string, whole: string, start: number): FoundQuantity | null {
  const v = parseNumber(n);
  if (v === null) return null;
  return { text: whole, value: v, unit: "%", start, end: start + whole.length, rule: "quantity.percent-words", duration: false, within: false };
}

interface Parts {
  num: string;
  num2?: string | undefined;
  /** the multiplier of the low end when a range writes one on both ends (5万元至10万元) */
  mult1?: string | undefined;
  mult: string;
  unit: string;
  per: string;
  qual: string;
  end: number;
}

/** The parts of a match; a range whose two ends carry different units is cut back to its low end. */
function partsOf(m: RegExpExecArray): Parts {
  const g = m.groups ?? {};
  const end = m.index + m[0].length;
  const whole: Parts = { num: g.num as string, mult: g.mult ?? "", unit: g.unit ?? "", per: g.per ?? "", qual: g.qual ?? "", end };
  if (!g.num2) return whole;
  const unit1 = g.unit1 ?? "";
  const mult1 = g.mult1 ?? "";
  const sameUnit = !unit1 || unit1 === whole.unit;
  const sameMult = !mult1 || !whole.mult || mult1 === whole.mult;
  // both ends written alike: 三至五家, 3-5家 (not 3至五家)
  const sameScript = /^\d/.test(whole.num) === /^\d/.test(g.num2);
  if (sameUnit && sameMult && sameScript && (whole.unit || whole.mult)) {
    return { ...whole, num2: g.num2, mult1: mult1 || undefined, qual: whole.qual };
  }
  // 100亿元到2025年: two quantities side by side (or a number and a time), not a range
  const lowEnd = (m.indices?.groups?.low?.[1] ?? end) as number;
  return { num: whole.num, mult: mult1, unit: unit1, per: "", qual: g.qual1 ?? "", end: lowEnd };
}

function numberWithUnit(text: string, m: RegExpExecArray): FoundQuantity | null {
  const start = m.index;
  const p = partsOf(m);
  const numText = p.num;
  const isArabic = /^[\d,.]/.test(numText);
  const prev = start > 0 ? (text[start - 1] as string) : "";
  const { unit, mult } = p;
  let qual = p.qual;
  let matchEnd = p.end;

  // what only looks like a number: part of a code or name (IPv6, CCTV-4K, 2/3/4G, “1+6”, P2P), an ordinal (第一)
  if (/[A-Za-z_/+\-.#]/.test(prev) || prev === "第" || /^[A-Za-z]/.test(text.slice(start - 1, start))) return null;
  if (isArabic && /[\d]/.test(prev)) return null;
  // a Chinese numeral glued to a preceding one is mid-word (十三五, 一二三级); 上半年, 下半年 are times
  if (!isArabic && /[零〇一二两三四五六七八九十百千上下前后]/.test(prev)) return null;

  if (!unit && !mult) return null; // a bare number counts nothing
  // ×100% in a formula is a factor; 每百名职工, 每万人口 name the base of a rate
  if ((/[×*＊÷]/.test(prev) && (unit === "%" || unit === "‰")) || (prev === "每" && !DURATION.has(unit))) return null;
  const after = text.slice(matchEnd, matchEnd + 6);
  // 5部分, 3条件: the counter starts a word, the number counts nothing in it
  if (!qual && !p.per && (WORD_AFTER_COUNTER.get(unit) ?? "").includes(after[0] ?? "\u0000")) return null;

  if (unit === "C" && (!isArabic || !/^(?:[、，,；;）)\s]|$)/.test(after))) return null;
  if (unit === "M" || unit === "G") {
    // 5G, 4G are network generations, 4K a resolution; a letter right after means a longer code (5GW, 10GE)
    if (/^[A-Za-z]/.test(after)) return null;
    if (unit === "G" && /^[2-6]$/.test(numText) && !mult) return null;
    if (!isArabic) return null;
  }
  if (isArabic && !unit && /^[A-Za-z]/.test(after)) return null;
  if (/^\d/.test(after) && !qual) {
    // 四个100% or 9 市 2 …: a counter right before another number belongs to a phrase, not a quantity
    if (!isArabic) return null;
  }

  const value0 = parseNumber(numText);
  if (value0 === null) return null;
  if (countsListedItems(text, start, unit, after) || (!isArabic && nameInList(text, start, after))) return null;
  if (announcesItems(text, start, after)) return null;

  // 每个省培育一家, 每年召开一次: after 每 a lone 一 is a quota or a frequency, not an article
  const perEach = /每[^，,；;。！？\n]{0,16}$/.test(text.slice(Math.max(0, start - 17), start));
  if (!isArabic) {
    if (numText === "一" && !mult && !perEach && !p.num2) return null;
    if (unit && !CN_ALLOWED_UNITS.has(unit)) return null;
    if (!unit && /^[\u4e00-\u9fff]/.test(after) && !/^(?:以|左右|多|余|的)/.test(after)) return null; // 百万青年: a name
    if (numText === "半" && unit !== "年" && unit !== "小时" && unit !== "天" && unit !== "个月") return null;
    if (/^性/.test(after)) return null; // 一次性: single-use, a word
  }

  // years and dates: 2020年, 2019-2021年, 3月, 25日 are times
  if (unit === "年" && isArabic && /^(19|20)\d{2}$/.test(numText) && !mult) return null;
  if (unit === "年" && p.num2 && /^(19|20)\d{2}$/.test(p.num2)) return null;
  if ((unit === "期" || unit === "届" || unit === "张") && !isArabic) return null;
  if (unit === "次" && !isArabic && !perEach) return null;
  // 一期工程, 第六届: phases and editions, not amounts; but a count of sessions to hold is one (举办不少于4期培训班)
  if (unit === "届" || (unit === "期" && !/(?:不少于|不低于|至少|举办|开展|组织|培训|办)\s*$/.test(text.slice(Math.max(0, start - 4), start)))) return null;

  let duration = DURATION.has(unit) && !p.per;
  let within = false;
  if (duration) {
    const before = text.slice(Math.max(0, start - 3), start);
    const rest = text.slice(matchEnd - qual.length);
    if (/^(?:内|以内)/.test(qual.trim()) || /^\s*(?:内|之内|以内)/.test(after)) within = true;
    const termCue = TERM_CUE.test(before);
    // a day of a month (3月25日) is a date; a count of days stands only as a term or a time limit (30日内)
    if (unit === "日" && (/[月号]/.test(prev) || (!termCue && !within))) return null;
    // 三年行动计划, 五年规划: a duration right before a noun names the plan
    if (!termCue && !TERM_FOLLOWER.test(rest) && qual === "") return null;
    if (unit === "年" && !termCue && !qual && !TERM_FOLLOWER.test(after)) return null;
  }
  if (qual.trim() === "内" && !duration) {
    // "内" only qualifies a length of time; elsewhere it starts the next word
    matchEnd -= qual.length;
    qual = "";
  }
  if (duration && /^\s*(?:内|以内)$/.test(qual)) {
    // the span of a time limit is its length: 30日内 → 30日
    matchEnd -= qual.length;
    qual = "";
  }

  const scale = (v: number, k: string) => (k ? round(v * (MULT[k] as number)) : v);
  // 0.6-1万人: a multiplier written once after the high end applies to both
  const value = scale(value0, p.mult1 ?? mult);
  let max: number | undefined;
  if (p.num2) {
    const v2 = parseNumber(p.num2);
    if (v2 === null) return null;
    max = scale(v2, mult);
    if (max < value) return null;
  }
  const textSpan = text.slice(start, matchEnd).replace(/\s+$/, "");
  const q: FoundQuantity = {
    text: textSpan,
    value,
    unit: unit + p.per,
    start,
    end: start + textSpan.length,
    rule: p.num2 ? "quantity.range" : mult ? "quantity.multiplier" : isArabic ? "quantity.number-unit" : "quantity.chinese-numeral",
    duration,
    within,
  };
  if (max !== undefined) q.max = max;
  return q;
}

/**
 * "把好教学标准和质量标准两个关口", "在甲市、乙市、丙市3个城市": a count written right after the items it counts names
 * no amount, it only sums up the list (like 两个市场). A verb between the list and the number (建设…和150个) or a
 * word that totals (等, 共) makes it a count of its own.
 */
function countsListedItems(text: string, start: number, unit: string, after: string): boolean {
  const prev = text[start - 1] ?? "";
  if (!/[\u4e00-\u9fff]/.test(prev) || /[等共计约近每达为至到和及与、余超逾]/.test(prev)) return false;
  if (unit === "%" || unit === "‰" || MEASURING_UNITS.has(unit) || !/^[\u4e00-\u9fff]/.test(after)) return false;
  const window = text.slice(Math.max(0, start - 60), start);
  const clause = window.slice(Math.max(...[..."，,；;。：:\n"].map((c) => window.lastIndexOf(c))) + 1);
  const joint = Math.max(clause.lastIndexOf("、"), clause.lastIndexOf("和"));
  if (joint < 0) return false;
  const tail = clause.slice(joint + 1);
  return tail.length <= 12 && lastPredicate(tail) === null;
}

/**
 * "跳台滑雪、冬季两项、速度滑冰": a numeral glued to a noun inside a list of names is part of a name. A verb right
 * before it (建设两个、改造三个) makes it a count.
 */
function nameInList(text: string, start: number, after: string): boolean {
  const prev = text[start - 1] ?? "";
  if (!/^、/.test(after) || !/[\u4e00-\u9fff]/.test(prev)) return false;
  const window = text.slice(Math.max(0, start - 30), start);
  const p = lastPredicate(window);
  return !p || p.end < window.length;
}

/**
 * "科技金融方面5项：…", "（共23项）": a count that announces the items written after it, or totals them in a
 * parenthesis of a heading, names no amount to reach.
 */
function announcesItems(text: string, start: number, after: string): boolean {
  if (/^\s*[：:]/.test(after)) return true;
  return /[（(]\s*共\s*$/.test(text.slice(Math.max(0, start - 3), start)) && /^\s*[）)]/.test(after);
}
