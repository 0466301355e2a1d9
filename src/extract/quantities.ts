/**
 * Quantities (量化指标): a number with what it counts or measures, its kind, and where it stands.
 *
 * Finding is one pattern (number, optional range, 万/亿 multiplier, unit, qualifier) plus exclusions for what only
 * looks like a quantity: years and dates, ordinals (第一), codes and names with digits (5G, IPv6, 12345热线,
 * “1+6”, 十三五, 3A级), vague amounts (一批), a duration that is part of a name (三年行动计划).
 * Classifying is a short list of rules over the clause around the number, first match wins; each rule has a name
 * that is reported as `kindRule`, so a wrong kind can be traced to the rule that gave it.
 */
import { chineseToNumber } from "./numerals.js";
import { backTo, CLAUSE_END, forwardTo, SENTENCE_END, stopSet } from "./scan.js";

export type QuantityKind = "target" | "incentive" | "other";

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

export interface ClassifiedQuantity extends FoundQuantity {
  kind: QuantityKind;
  kindRule: string;
}

// Units, longest first so 万元 is not read as 万 + 元 and Mbps not as M.
const UNITS = [
  "个百分点", "百分点", "千瓦时", "平方公里", "平方千米", "平方米", "立方米", "千瓦", "兆瓦", "千克", "公斤",
  "公里", "千米", "公顷", "个月", "小时", "分钟", "人次", "批次", "工作日",
  "Mbps", "Gbps", "Kbps", "kbps", "MHz", "GHz", "KHz", "kHz", "Hz", "TB", "GB", "PB", "kW", "MW", "kV", "KV",
  "美元", "港元", "元", "%", "‰", "倍",
  "个", "家", "户", "座", "所", "项", "条", "人", "名", "位", "件", "台", "套", "部", "辆", "艘", "架", "栋", "间",
  "张", "块", "份", "场", "次", "处", "宗", "笔", "株", "棵", "种", "款", "支", "组", "篇", "本", "册", "根", "杆",
  "盏", "吨", "米", "亩", "天", "周", "年", "岁", "床", "M", "G",
  // read only to be refused: 一期工程, 第六届 are phases and editions
  "期", "届",
];
const UNIT_ALT = UNITS.map((u) => u.replace(/[%‰]/g, (c) => `\\${c}`)).join("|");

// Units that describe a thing rather than count it: a number with one of these written before a noun
// ("20户以上自然村", "收入超过100亿元的企业") sets who is in scope, it is no target.
const MEASURING = new Set([
  "户", "人", "人次", "名", "元", "美元", "港元", "小时", "年", "天", "个月", "周", "平方米", "平方公里", "平方千米",
  "公里", "千米", "米", "亩", "公顷", "吨", "千克", "公斤", "千瓦", "兆瓦", "千瓦时", "倍", "岁", "工作日",
]);
const SPEC = new Set(["Mbps", "Gbps", "Kbps", "kbps", "MHz", "GHz", "KHz", "kHz", "Hz", "TB", "GB", "PB", "kW", "MW", "kV", "KV", "M", "G"]);
const DURATION = new Set(["年", "个月", "天", "周", "工作日"]);
// The units a number written in Chinese numerals may carry (三个, 十五万户, 两年): others make idioms and names
// (三级, 四星级, 一张网); a lone 一 is refused separately, it opens too many idioms (一次办, 一批).
const CN_ALLOWED_UNITS = new Set([
  "个", "家", "户", "座", "所", "项", "条", "人", "名", "元", "年", "个月", "天", "小时", "倍", "万", "亿", "%",
  "平方米", "公里", "亩", "吨", "台", "套", "辆", "张", "次", "批次",
]);

const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
// A Chinese numeral counts only when a multiplier or unit follows: checked in the pattern itself, because most
// numerals in running text (一体化, 进一步, 统一) are words and would otherwise each be tried as a quantity.
const CNNUM = `(?:[零〇一二两三四五六七八九十百千]+|半)(?=\\s?(?:万|亿)|(?:多|余)?\\s?(?:${UNIT_ALT}))`;
const QUANTITY_RE = new RegExp(
  String.raw`(?=[\d零〇一二两三四五六七八九十百千半])(?:` +
  String.raw`(?<pct>百分之(?<pctn>${NUM}|[零〇一二两三四五六七八九十百千]+))` +
    String.raw`|(?<num>${NUM}|${CNNUM})(?:\s?(?<rsep>[-—–~～]|至|到)\s?(?<num2>${NUM}))?` +
    String.raw`\s?(?<mult>万亿|亿|万)?(?<mid>多|余)?\s?(?<unit>${UNIT_ALT})?` +
    String.raw`(?<qual>\s?(?:以上|以下|左右|以内|多|余|内))?)`,
  "y",
);

const UNIT_FIRST_CLASS = [...new Set([..."万亿多余", ...UNITS.map((u) => u[0] as string)])].map((c) => c.replace(/[\\\]^-]/g, "\\$&")).join("");
// a Chinese numeral is a start only where a multiplier or unit can follow it (一体化, 进一步 have none)
const NUMERAL_START = new RegExp(`百分之|\\d[\\d,.]*|(?:[零〇一二两三四五六七八九十百千]+|半)(?= ?[${UNIT_FIRST_CLASS}])`, "g");

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
    const q = g.pct ? percentWords(g.pctn as string, m[0], start) : numberWithUnit(text, m, g);
    if (q) out.push(q);
  }
  return out;
}

function percentWords(n: string, whole: string, start: number): FoundQuantity | null {
  const v = parseNumber(n);
  if (v === null) return null;
  return { text: whole, value: v, unit: "%", start, end: start + whole.length, rule: "quantity.percent-words", duration: false, within: false };
}

function numberWithUnit(text: string, m: RegExpExecArray, g: Record<string, string | undefined>): FoundQuantity | null {
  const start = m.index;
  const numText = g.num as string;
  const isArabic = /^[\d,.]/.test(numText);
  const prev = start > 0 ? (text[start - 1] as string) : "";
  const unit = g.unit ?? "";
  const mult = g.mult ?? "";
  let qual = g.qual ?? "";
  let matchEnd = start + m[0].length;

  // what only looks like a number: part of a code or name (IPv6, CCTV-4K, 2/3/4G, “1+6”, P2P), an ordinal (第一)
  if (/[A-Za-z_/+\-.#]/.test(prev) || prev === "第" || /^[A-Za-z]/.test(text.slice(start - 1, start))) return null;
  if (isArabic && /[\d]/.test(prev)) return null;
  // a Chinese numeral glued to a preceding one is mid-word (十三五, 一二三级)
  if (!isArabic && /[零〇一二两三四五六七八九十百千]/.test(prev)) return null;

  if (!unit && !mult) return null; // a bare number counts nothing
  const after = text.slice(matchEnd, matchEnd + 6);

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

  if (!isArabic) {
    if ((numText === "一" || numText === "十") && !mult) return null;
    if (unit && !CN_ALLOWED_UNITS.has(unit)) return null;
    if (!unit && !mult) return null;
    if (numText === "半" && unit !== "年" && unit !== "小时" && unit !== "天" && unit !== "个月") return null;
  }

  // years and dates: 2020年, 2019-2021年, 3月, 25日 are times
  if (unit === "年" && isArabic && /^(19|20)\d{2}$/.test(numText) && !mult) return null;
  if (unit === "年" && g.num2 && /^(19|20)\d{2}$/.test(g.num2)) return null;
  if ((unit === "期" || unit === "届" || unit === "次" || unit === "张") && !isArabic) return null;
  if (unit === "期" || unit === "届") return null; // 一期工程, 第六届: phases and editions, not amounts

  let duration = DURATION.has(unit);
  let within = false;
  if (duration) {
    const before = text.slice(Math.max(0, start - 3), start);
    if (/^(?:内|以内)/.test(qual.trim()) || (unit === "年" && /^内/.test(after))) within = true;
    const termCue = /(?:为期|连续|满|超过|不少于|不超过|不低于|近|逾|长达|期限|期满|延长|缩短|提前)\s*$/.test(before);
    const followsWell = /^\s*(?:以上|以下|以内|内|的|后|期间|左右|[,，。；;、)）]|$)/.test(text.slice(start + m[0].length - qual.length)) || qual !== "";
    // 三年行动计划, 五年规划: a duration right before a noun names the plan
    if (!termCue && !followsWell) return null;
    if (unit === "年" && !termCue && /^[\u4e00-\u9fff]/.test(after) && !/^(?:的|内|以|后|期)/.test(after) && !qual) return null;
  }
  if (qual.trim() === "内" && !duration) {
    // "内" only qualifies a length of time; elsewhere it starts the next word
    matchEnd -= qual.length;
    qual = "";
  }

  let value = value0;
  if (mult) value = round(value * (MULT[mult] as number));
  let max: number | undefined;
  if (g.num2) {
    const v2 = parseNumber(g.num2);
    if (v2 === null || v2 < value0) return null;
    max = mult ? round(v2 * (MULT[mult] as number)) : v2;
    // a "至/到" between two numbers is a range only when both carry the same unit; 2/3: not a range
  }
  const textSpan = text.slice(start, matchEnd).replace(/\s+$/, "");
  const q: FoundQuantity = {
    text: textSpan,
    value,
    unit,
    start,
    end: start + textSpan.length,
    rule: g.num2 ? "quantity.range" : mult ? "quantity.multiplier" : isArabic ? "quantity.number-unit" : "quantity.chinese-numeral",
    duration,
    within,
  };
  if (max !== undefined) q.max = max;
  return q;
}

// ---------------------------------------------------------------------------------------------------------------
// Kinds

const INCENTIVE_CUE = /奖励|奖补|补助|补贴|资助|贴息|给予|扶持|一次性|以奖代补/;
const TARGET_VERB_BEFORE =
  /(?:建设|建成|新建|新增|增加|达到|达|完成|实现|培育|引进|开放|形成|提升至|提升到|提高到|提高至|提升|提高|增长|降低|下降|减少|压减|覆盖|超过|突破|力争|确保|带动|打造|创建|认定|发展|开展|推进|推动|提供|支持|扶持|申请|上线|培训|部署|争取|引导|建立|推广|组织|举办|招引|引入|落地|实施|开通|改造|升级|遴选|评选|认证|累计|储备|普及|不少于|不低于|至少|保持|控制在|控制|超|增至|扩大到|扩大至|突破|新培育|新开通|创成|吸引|招商|孵化|惠及|收入|产值|规模|占比)/;
const TARGET_VERB_AFTER = /^[^，,；;。]*?(?:实现|达到|达|覆盖|完成|建成|上线|投入使用|通过)/;

/** The clause around [start, end): from the last ，；。 before it to the next one after it. */
const CLAUSE_START = stopSet("，,；;。！？!?\n：:");

function clauseAround(text: string, start: number, end: number): { before: string; after: string } {
  const a = backTo(text, start, CLAUSE_START);
  const b = forwardTo(text, end, CLAUSE_END);
  return { before: text.slice(a, start), after: text.slice(end, b) };
}

/** The sentence around [start, end): up to 。！？ or a line end on either side. */
function sentenceAround(text: string, start: number, end: number): string {
  return text.slice(backTo(text, start, SENTENCE_END), forwardTo(text, end, SENTENCE_END));
}

export function classifyQuantities(text: string, found: FoundQuantity[]): ClassifiedQuantity[] {
  const out: ClassifiedQuantity[] = [];
  for (let i = 0; i < found.length; i++) {
    const q = found[i] as FoundQuantity;
    const prev = out[i - 1];
    const [kind, kindRule] = classifyOne(text, q, prev);
    out.push({ ...q, kind, kindRule });
  }
  return out;
}

function classifyOne(text: string, q: FoundQuantity, prev: ClassifiedQuantity | undefined): [QuantityKind, string] {
  const { before, after } = clauseAround(text, q.start, q.end);
  const money = q.unit === "元" || q.unit === "美元" || q.unit === "港元";
  if (SPEC.has(q.unit)) return ["other", "kind.specification"];
  if (q.duration) return ["other", "kind.term"];
  if (money && (INCENTIVE_CUE.test(before) || INCENTIVE_CUE.test(after))) return ["incentive", "kind.money-granted"];
  const sentence = sentenceAround(text, q.start, q.end);
  if (q.unit === "%" && /(?:补助|补贴|奖励|贴息|资助)/.test(before + after) && /(?:按|给予|最高|不超过)/.test(before)) {
    return ["incentive", "kind.share-granted"];
  }
  // an item in a list (5个国家级、30个省级…) shares the kind of the item before it
  if (prev && prev.unit === q.unit && prev.end <= q.start) {
    const between = text.slice(prev.end, q.start);
    if (/^[^，,；;。\n]*、[^，,；;。\n]*$/.test(between) && !TARGET_VERB_BEFORE.test(between.slice(between.lastIndexOf("、")))) {
      if (prev.kindRule === "kind.scope" || prev.kindRule === "kind.located-in" || prev.kindRule === "kind.existing") {
        return [prev.kind, "kind.list-item"];
      }
    }
  }
  if (/(?:首批|已有|现有|累计已|已经|原有|已建成?)\s*$/.test(before)) return ["other", "kind.existing"];
  if (/(?:较|比|同比)[^，,；;。]{0,6}$/.test(before) && !/(?:降低|下降|增长|提高|提升|减少)/.test(before.slice(-6))) {
    return ["other", "kind.baseline"];
  }
  // 控制在5%以下, 保持在, 稳定在: a level to hold, not a place
  const heldAt = /(?:控制|保持|稳定|维持|降低|提高|提升|下降|增长|减少)在[^，,；;。]{0,2}$/.test(before);
  if (!heldAt && (/在\s*$/.test(before) || (/在[^，,；;。]{0,2}$/.test(before) && !/在线/.test(before.slice(-3))))) {
    return ["other", "kind.located-in"];
  }
  const nextChar = after.replace(/^\s+/, "")[0] ?? "";
  const attributive = /[\u4e00-\u9fff]/.test(nextChar) && !/[和及与或等达为至到并且、]/.test(nextChar);
  if (MEASURING.has(q.unit) && attributive) return ["other", "kind.threshold"];
  // 最高不超过200万元 in a sentence that grants support: the cap of the grant
  if (money && /(?:最高|不超过|上限|最多|单个项目)[^，,；;。]{0,4}$/.test(before) && INCENTIVE_CUE.test(sentence)) {
    return ["incentive", "kind.money-cap"];
  }
  // 对…超过1000个的项目，给予…: the number says which projects qualify
  if (/^\s*(?:以上)?的/.test(after) && /^对/.test(before.trimStart()) && /给予|奖励|补助|补贴|支持/.test(sentence)) {
    return ["other", "kind.condition"];
  }
  if (q.unit !== "%" && !TARGET_VERB_BEFORE.test(before)) {
    // "7个直属海关…的作业无纸化率": the number describes whose figure is meant
    if (/^[^的，,；;。]{1,20}的/.test(after) && !/^的/.test(after.trimStart())) return ["other", "kind.scope"];
  }
  if (TARGET_VERB_BEFORE.test(before)) return ["target", "kind.target-verb-before"];
  if (TARGET_VERB_AFTER.test(after)) return ["target", "kind.target-verb-after"];
  if (q.unit === "%" || q.unit === "个百分点" || q.unit === "百分点") return ["target", "kind.share"];
  // "日均交换数据1亿条以上": a figure that closes its clause is the level the clause sets
  if (after.trim() === "") return ["target", "kind.clause-final"];
  return ["other", "kind.default"];
}
