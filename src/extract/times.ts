/**
 * Time expressions on the administrative calendar, resolved to the last day they allow:
 * 2020年三季度末 → 2020-09-30, 到2020年底 / 2020年 → 2020-12-31, 上半年 → 06-30 of the document's year,
 * 6月底前, 年底前, 年内, 全年, 5年内 (from a stated start year or the document's year), 2017年10月1日前.
 * General date libraries read 年底前 as a span from today and know no 季度; these rules are ours.
 *
 * A time written after 较/比/同比 is a baseline (较2019年底), not a deadline; a year that opens an event's name
 * (2021年亚青会) is no time expression at all. Both are reported with a flag so callers can skip them.
 */
import { chineseToNumber } from "./numerals.js";
import { isoDate } from "./dates.js";

export interface TimeExpression {
  text: string;
  start: number;
  end: number;
  /** the last day the expression allows, YYYY-MM-DD; null when it needs a year the document does not give */
  date: string | null;
  rule: string;
  /** written after 较/比/同比: a baseline to compare against */
  baseline: boolean;
}

export interface TimeContext {
  /** the year of the document (its date, or the single year in its title) for 年底前, 年内, 上半年 … */
  docYear: number | null;
  /** a start year the document states (2012年起) for "N年内" */
  startYear?: number | null;
}

const CNQ = "[一二三四1-4]";
const MONTH = "(\\d{1,2}|十[一二]?|[一二三四五六七八九])";
// One pattern, alternatives from the most specific down; named groups tell which matched. It is tried only near a
// 年, 月 or 季 (every expression has one): one pattern of every alternative tried at every position of running
// text costs many times more.
const TIME_RE = new RegExp(
  "(?:" + [
    // year-anchored: 2020年, 2020年底, 2020年三季度末, 2020年上半年, 2017年6月底, 2017年10月1日, 2020年度
    `(?<y>(?:19|20)\\d{2})(?:\\s*[-—–~至到]\\s*(?<y2>(?:19|20)\\d{2}))?\\s*年\\s*(?<yrest>度|底|末|年底|年末|上半年|下半年|前三季度|第?${CNQ}\\s*季度(?:末|底)?|${MONTH}\\s*月\\s*(?:(?<d>\\d{1,2})\\s*日|底|末|份|中旬|上旬|下旬)?)?`,
    // N年内 / 三年内
    `(?<n>\\d{1,2}|[一二三四五六七八九十两]{1,2})\\s*年(?:内|以内)`,
    // no year: 年底前, 年内, 全年, 今年, 上半年, 三季度末, 6月底前
    `(?<rel>年底|年末|年内|全年|今年|本年|当年|上半年|下半年|前三季度|第?${CNQ}\\s*季度(?:末|底)?|(?<rm>${MONTH})\\s*月\\s*(?:(?<rd>\\d{1,2})\\s*日|底|末))`,
  ].join("|") + ")",
  "y",
);
const ANCHOR = /[年月季]/g;
// characters an expression may have before its 年/月/季: where to look back from an anchor for its start
const LEAD_CHARS = new Set([..."0123456789 \t一二三四五六七八九十两〇零第至到~—–-全今本当上下半前"].map((c) => c.charCodeAt(0)));

const QUARTER_END: Record<string, [number, number]> = { 1: [3, 31], 2: [6, 30], 3: [9, 30], 4: [12, 31] };

function monthEnd(y: number, m: number): string | null {
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return isoDate(y, m, last);
}

function quarterOf(s: string): number | null {
  const c = s.match(/[一二三四1-4]/)?.[0];
  if (!c) return null;
  return /\d/.test(c) ? Number(c) : chineseToNumber(c);
}

function monthOf(s: string): number | null {
  return /^\d+$/.test(s) ? Number(s) : chineseToNumber(s);
}

/** Resolves the part after a year (底, 三季度末, 6月底 …) to the last day it allows. */
function resolveWithinYear(y: number, rest: string | undefined, day: string | undefined): string | null {
  if (!rest || rest === "度" || rest === "底" || rest === "末" || rest === "年底" || rest === "年末" || rest === "下半年") {
    return isoDate(y, 12, 31);
  }
  if (rest === "上半年") return isoDate(y, 6, 30);
  if (rest === "前三季度") return isoDate(y, 9, 30);
  if (rest.includes("季度")) {
    const q = quarterOf(rest);
    const end = q ? QUARTER_END[q] : undefined;
    return end ? isoDate(y, end[0], end[1]) : null;
  }
  const mm = rest.match(/^(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月/);
  if (mm) {
    const m = monthOf(mm[1] as string);
    if (m === null || m < 1 || m > 12) return null;
    if (day) return isoDate(y, m, Number(day));
    return monthEnd(y, m);
  }
  return isoDate(y, 12, 31);
}

// Event names a year may open (2021年亚青会, 2020年世界超高清视频产业发展大会): the year is part of the name.
const EVENT_AFTER = /^\s*[\u4e00-\u9fff]{0,8}?(?:会|赛|节|展|杯|论坛|峰会|博览|年会|大会|运动会)/;
// A year followed directly by these words is a point in time, not the start of a name.
const TIME_FOLLOWER = /^\s*(?:底|末|前|内|以前|之前|起|以来|后|年|度|[,，、；;。]|\d|[一二三四]季|上半|下半|全[省市县区国])/;

const DESCRIBES_AFTER = /^(?:前|以前|之前|后|以后|以来)?[\u4e00-\u9fff]{0,3}?(?:建成|建设|出生|竣工|投用|投运|登记|注册|成立|设立|购买|购置|取得|认定|批准)的/;

/** Every time expression in the text. */
export function findTimeExpressions(text: string, ctx: TimeContext): TimeExpression[] {
  const out: TimeExpression[] = [];
  let covered = 0;
  ANCHOR.lastIndex = 0;
  for (let a = ANCHOR.exec(text); a; a = ANCHOR.exec(text)) {
    const k = a.index;
    if (k < covered) continue;
    let from = k;
    while (from > covered && k - from < 14 && LEAD_CHARS.has(text.charCodeAt(from - 1))) from--;
    let m: RegExpExecArray | null = null;
    for (let at = from; at <= k && !m; at++) {
      TIME_RE.lastIndex = at;
      const hit = TIME_RE.exec(text);
      if (hit && hit.index + hit[0].length > k) m = hit;
    }
    if (!m) continue;
    covered = m.index + m[0].length;
    const g = m.groups ?? {};
    const start = m.index;
    let end = start + m[0].length;
    // a following 前/以前/之前 belongs to the expression (6月底前)
    const tail = text.slice(end, end + 2).match(/^(?:以前|之前|前)/);
    if (tail) end += tail[0].length;
    let date: string | null = null;
    let rule = "";
    if (g.y) {
      const y = Number(g.y2 ?? g.y);
      // digits before the year make it part of a longer number, not a year
      if (start > 0 && /[\d.]/.test(text[start - 1] as string)) continue;
      const after = text.slice(start + m[0].length, start + m[0].length + 12);
      if (!g.yrest && EVENT_AFTER.test(after) && !TIME_FOLLOWER.test(after)) continue;
      date = resolveWithinYear(y, g.yrest, g.d);
      rule = g.yrest ? "time.year-part" : g.y2 ? "time.year-range" : "time.year";
    } else if (g.n) {
      const n = /^\d+$/.test(g.n) ? Number(g.n) : chineseToNumber(g.n);
      const from = ctx.startYear ?? ctx.docYear;
      if (n === null || n < 1) continue;
      date = from ? isoDate(from + n - 1, 12, 31) : null;
      rule = ctx.startYear ? "time.within-years-from-start" : "time.within-years";
    } else if (g.rel) {
      // a bare 6月底 right after a year was matched above; here the year is the document's
      if (start > 0 && /[年\d]/.test(text[start - 1] as string)) continue;
      const y = ctx.docYear;
      if (g.rm) {
        const mth = monthOf(g.rm);
        date = y && mth ? (g.rd ? isoDate(y, mth, Number(g.rd)) : monthEnd(y, mth)) : null;
        rule = "time.month-of-doc-year";
      } else {
        date = y ? resolveWithinYear(y, relToRest(g.rel), undefined) : null;
        rule = "time.relative-to-doc-year";
      }
    } else {
      continue;
    }
    const before = text.slice(Math.max(0, start - 3), start);
    // 比 of 占比 (a share) compares nothing
    const baseline = (/(?:较|比|同比|相比|比上年|与)\s*$/.test(before) && !/(?:占|对|评)比\s*$/.test(before)) ||
      /较\s*(?:到|至)?\s*$/.test(before) ||
      groundCovered(text, start, end) ||
      // 2000年前建成的小区: a time that says which things are meant (a verb, then 的) is no time anything is due by
      DESCRIBES_AFTER.test(text.slice(end, end + 10));
    out.push({ text: text.slice(start, end), start, end, date, rule, baseline });
  }
  return out;
}

/**
 * "在2019年完成普查的基础上": a time inside 在…的基础上 sets out the ground already covered, a baseline. Looked for
 * within the clause: 在 a few characters before, 基础上 before the clause ends.
 */
function groundCovered(text: string, start: number, end: number): boolean {
  if (!/在\s*(?:到|至)?\s*$/.test(text.slice(Math.max(0, start - 3), start))) return false;
  const rest = text.slice(end, end + 40);
  const stop = rest.search(/[，,；;。！？\n]/);
  return /基础上/.test(stop < 0 ? rest : rest.slice(0, stop));
}

function relToRest(rel: string): string | undefined {
  if (rel === "上半年" || rel === "下半年" || rel === "前三季度") return rel;
  if (rel.includes("季度")) return rel;
  return undefined; // 年底, 年内, 全年, 今年 … all end on 31 December
}

/** "2012年起" / "自2012年起": the start year a document counts its "N年内" from. */
export function findStartYear(text: string): number | null {
  const m = text.match(/((?:19|20)\d{2})\s*年\s*(?:起|开始)/);
  return m ? Number(m[1]) : null;
}
