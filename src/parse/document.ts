/**
 * A policy document's text → ParsedFile (the exchange format, with spans and rule names beside it).
 *
 * clean (repair lines) → outline start → front matter (notices, titles) → outline → per node: bodies from tags,
 * parentheses and the task table, quantities with kinds and deadlines → citations → metadata inheritance.
 */
import type { Citation, DocMeta, OutlineNode, ParsedFile, Span } from "../model/exchange.js";
import { normalizeText } from "../text/normalize.js";
import type { PageMeta, SourceFormat } from "../text/types.js";
import { cleanText, toSource } from "./clean.js";
import { backMatterStart, outlineStart, parseOutline, type Heading } from "./outline.js";
import { classifyLine, issuersFromTitle, parseFrontMatter, type NoticeMeta } from "./frontmatter.js";
import { parseTaskTables, type TaskRow } from "./tasktable.js";
import { NodeBuilder } from "./node.js";
import { findStartYear } from "../extract/times.js";
import { findCitations } from "../extract/citations.js";
import { normalizeDocNumber } from "../extract/docnumbers.js";
import { addYearsMinusDay, dateLine, findDates } from "../extract/dates.js";
import { leadRuleAt } from "../extract/bodies.js";

export interface ParseOptions {
  source: string;
  format?: SourceFormat;
  meta?: PageMeta;
}

interface Line {
  text: string;
  start: number;
  end: number;
}

function linesOf(text: string, from = 0, to = text.length): Line[] {
  const out: Line[] = [];
  let pos = from;
  while (pos < to) {
    let end = text.indexOf("\n", pos);
    if (end < 0 || end > to) end = to;
    if (end > pos) out.push({ text: text.slice(pos, end), start: pos, end });
    pos = end + 1;
  }
  return out;
}

const normKey = (s: string | null | undefined) =>
  (s ?? "").normalize("NFKC").replace(/[\s《》“”"'‘’、，,。:：;；()（）〔〕\[\]【】<>〈〉—–-]/g, "");

export function parseText(input: string, opts: ParseOptions): ParsedFile {
  const norm = normalizeText(input);
  const clean = cleanText(norm);
  const t = clean.text;
  const warnings: string[] = [];
  const span = (start: number, end: number, rule: string): Span => {
    const s = toSource(clean, start, end);
    return { start: s.start, end: s.end, rule };
  };

  const oStart = outlineStart(t);
  const frontEnd = oStart < 0 ? t.length : oStart;
  const front = parseFrontMatter(linesOf(t, 0, frontEnd));
  const bm = oStart < 0 ? t.length : backMatterStart(t, oStart, t.length);
  const headings = oStart < 0 ? [] : parseOutline(t, oStart, bm, (pos) => clean.virtualBreaks.has(pos));
  if (headings.length === 0) warnings.push("未找到编号的条目（如“一、”“（一）”“1.”），没有可识别的措施");

  // ---- metadata of the notices and of the main text
  const inner = front.wrappers[front.wrappers.length - 1];
  const mainRegionStart = front.main.titleSpan?.end ?? front.main.start;
  // a signature and date under the main text stand after its last measure, before or inside the back matter
  const backSignature = signatureAfter(t, headings[headings.length - 1]?.start ?? frontEnd);
  const main: NoticeMeta = { ...front.main };
  if (!main.title && inner?.title) {
    const m = inner.title.match(/《([^》]+)》/);
    if (m) main.title = m[1] as string;
  }
  if (!main.title && opts.meta?.title) main.title = opts.meta.title;
  // the bodies that open the main text's own title (X办公厅Y办公厅关于…的若干措施) are its issuers
  const titleIssuers = main.title ? issuersFromTitle(main.title) : [];
  const own = {
    docNumber: main.docNumber,
    issuers: main.issuers.length ? main.issuers : backSignature?.issuers.length ? backSignature.issuers : titleIssuers,
    date: backSignature?.date ?? main.date ?? null,
  };
  const docNumber = own.docNumber ?? inner?.docNumber ?? (opts.meta?.docNumber ? normalizeDocNumber(opts.meta.docNumber) : null);
  const issuers = own.issuers.length ? own.issuers : inner?.issuers.length ? inner.issuers : front.pageIssuer ? [front.pageIssuer] : opts.meta?.issuer ? opts.meta.issuer.split(/[、，,\s]+/).filter(Boolean) : [];
  // an 印发 line at the very end (after the enclosed text and its 抄送) dates the notice that printed it when
  // nothing signed is dated: the outermost notice, or the text itself when it stands alone
  const outer = front.wrappers[0];
  // a page's 文号 is the number of the notice the page shows: the outermost one
  if (outer && !outer.docNumber && opts.meta?.docNumber) outer.docNumber = normalizeDocNumber(opts.meta.docNumber);
  const print = (outer ? !outer.date : !own.date) ? printLineDate(t, bm) : null;
  if (outer && !outer.date && print) {
    outer.date = print.value;
    outer.dateSpan = { start: print.start, end: print.end };
    outer.dateRule = "date.print-line";
  }
  let date = own.date ?? inner?.date ?? null;
  let dateSpan = backSignature?.dateSpan ?? (main.date ? main.dateSpan : undefined) ?? inner?.dateSpan;
  if (!date && front.wrappers.length === 0) {
    if (print) {
      date = print.value;
      dateSpan = { start: print.start, end: print.end };
    }
  }
  if (!date && opts.meta?.date) date = opts.meta.date;

  const validity = findValidUntil(t, mainRegionStart, t.length, date);
  const titleYears = [...new Set((main.title ?? "").match(/(?:19|20)\d{2}/g) ?? [])].map(Number);
  const dateYear = date ? Number(date.slice(0, 4)) : null;
  const docYear = dateYear ?? (titleYears.length === 1 ? (titleYears[0] as number) : null);
  const periodEnd = documentPeriodEnd(main.title, validity?.value ?? null);
  const startYear = findStartYear(t.slice(mainRegionStart));

  // ---- outline nodes with bodies and quantities
  const rows = bm < t.length ? parseTaskTables(t, bm, t.length) : [];
  const rowFor = matchRows(headings, rows);
  const duties = new Set<number>();
  // a section that states who qualifies (申请条件, 支持对象): its numbers set conditions, nothing is delivered
  const eligibility = new Set<number>();
  headings.forEach((h, i) => {
    const under = (set: Set<number>) => {
      for (let k = i + 1; k < headings.length && (headings[k] as Heading).path.length > h.path.length; k++) set.add(k);
    };
    if (/职责|分工/.test(h.title)) under(duties);
    if ((h.title.length <= 10 && ELIGIBILITY_SECTION.test(h.title)) || CONDITIONS_FOLLOW.test(h.title)) {
      eligibility.add(i);
      under(eligibility);
    }
  });

  // a lead rule stated in the preface (or a note above the list) holds for every tag of the text
  const preface = headings[0] ? t.slice(mainRegionStart, headings[0].start) : "";
  const leadRuleBefore = leadRuleAt(preface) >= 0;
  const nodes = new NodeBuilder({ text: t, span, docYear, startYear, periodEnd, leadRuleBefore });
  const outline: OutlineNode[] = headings.map((h, i) =>
    nodes.build(h, { row: rowFor.get(i), dutyHeading: duties.has(i), eligibility: eligibility.has(i) }),
  );

  // ---- citations: the main text's, less the document itself and its notices
  const selfKeys = new Set<string>();
  const selfNumbers = new Set<string>();
  for (const n of [...front.wrappers, main]) {
    if (n.title) {
      selfKeys.add(normKey(n.title));
      // cited without its period or draft mark: 《…实施方案》 for …实施方案（2023—2025年）
      selfKeys.add(normKey(n.title.replace(/[（(][^（()）]*[）)]$/, "")));
      for (const inside of n.title.match(/《([^》]+)》/g) ?? []) selfKeys.add(normKey(inside));
    }
    if (n.docNumber) selfNumbers.add(normalizeDocNumber(n.docNumber));
  }
  if (docNumber) selfNumbers.add(normalizeDocNumber(docNumber));
  const citesIn = (from: number, to: number): Citation[] => {
    const out: Citation[] = [];
    const region = t.slice(from, to);
    for (const c of findCitations(region)) {
      const dn = c.docNumber ? normalizeDocNumber(c.docNumber) : null;
      if (c.title && selfKeys.has(normKey(c.title))) continue;
      if (!c.title && dn && selfNumbers.has(dn)) continue;
      if (c.title && dn && selfNumbers.has(dn)) continue;
      if (out.some((o) => (dn && o.docNumber === dn) || (c.title && o.title === c.title))) continue;
      out.push({ docNumber: dn, title: c.title, span: span(from + c.start, from + c.end, c.rule) });
    }
    return out;
  };
  const mainCites = citesIn(mainRegionStart, rows[0]?.start ?? t.length);

  const meta = (n: NoticeMeta, extra: Partial<DocMeta>): DocMeta => ({
    title: n.title,
    docNumber: n.docNumber ? normalizeDocNumber(n.docNumber) : null,
    issuers: n.issuers,
    date: n.date,
    validUntil: null,
    cites: [],
    span: span(n.start, Math.max(n.start, n.end), "notice"),
    spans: {
      ...(n.titleSpan ? { title: span(n.titleSpan.start, n.titleSpan.end, "title.lines") } : {}),
      ...(n.docNumberSpan ? { docNumber: span(n.docNumberSpan.start, n.docNumberSpan.end, "docno.line") } : {}),
      ...(n.dateSpan ? { date: span(n.dateSpan.start, n.dateSpan.end, n.dateRule ?? "date") } : {}),
      issuers: n.issuerSpans.map((s) => span(s.start, s.end, n.issuerRule ?? "issuer")),
    },
    ...extra,
  });
  const wrappers = front.wrappers.map((w) => meta(w, { cites: citesIn(w.bodyStart, w.bodyEnd) }));
  const document = meta(main, {
    docNumber,
    issuers,
    date,
    validUntil: validity?.value ?? null,
    cites: mainCites,
    span: span(main.start, t.length, "main-text"),
  });
  if (dateSpan) document.spans = { ...document.spans, date: span(dateSpan.start, dateSpan.end, "date.inherited") };
  if (validity) document.spans = { ...document.spans, validUntil: span(validity.start, validity.end, validity.rule) };

  return {
    source: opts.source,
    wrappers,
    document,
    outline,
    text: norm,
    format: opts.format ?? "txt",
    warnings,
  };
}

// ---------------------------------------------------------------------------------------------------------------

/** A section heading naming who qualifies (申请条件, 享受资格, 支持对象), not an action on conditions (改善办学条件). */
const ELIGIBILITY_SECTION = /^(?:申请|申报|准入|享受|参与|认定|资助|补助|补贴|支持|奖励|基本)?(?:条件|资格)$|(?:申请|申报|支持|补助|补贴|奖励|扶持|适用|资助)对象$/;

/** An item announcing the conditions listed under it: 申领创新券的企业应当同时符合下列条件 */
const CONDITIONS_FOLLOW = /(?:符合|具备|满足)(?:下列|以下|如下)(?:全部|所有|任一|之一)?(?:条件|要求|情形)$/;

/** The end of the document's own period: the single year or the year range in its title, else its validity. */
function documentPeriodEnd(title: string | null, validUntil: string | null): { date: string; rule: string } | null {
  const t = title ?? "";
  const range = t.match(/((?:19|20)\d{2})\s*[-—–~至到]\s*((?:19|20)\d{2})\s*年/);
  if (range) return { date: `${range[2]}-12-31`, rule: "deadline.title-year-range" };
  const years = [...new Set(t.match(/(?:19|20)\d{2}(?=\s*年)/g) ?? [])];
  if (years.length === 1) return { date: `${years[0]}-12-31`, rule: "deadline.title-year" };
  if (validUntil) return { date: validUntil, rule: "deadline.valid-until" };
  return null;
}

const VALID_UNTIL = /(?:执行期|有效期|实施期|试行期|施行期)(?:限)?(?:为|自.{0,30}?)?(?:至|到|截至|截止到?)\s*/g;
// the document speaking of itself (本办法, 本方案 …): a validity stated there is the document's own; a measure's
// "实施期限至2025年" about its own project is not
const SELF_REFERENCE = /(?:本|以上|上述)(?:办法|规定|细则|方案|意见|通知|措施|政策|决定|规则|计划|条例|实施意见|若干措施|实施细则|文件)/;
const YEARS = "(\\d{1,2}|[一二三四五六七八九十])";
const VALID_YEARS = new RegExp(`有效期(?:为|限)?\\s*${YEARS}\\s*年|${YEARS}\\s*年有效期`);

/** The sentence around `at` in `t` (to 。 or a line end on both sides). */
function sentenceAt(t: string, at: number): string {
  let a = at;
  while (a > 0 && !"。\n".includes(t[a - 1] as string)) a--;
  let b = at;
  while (b < t.length && !"。\n".includes(t[b] as string)) b++;
  return t.slice(a, b);
}

/**
 * The document's validity: 执行期至/有效期至 a date, or 有效期N年 / N年有效期 counted from the day it takes effect
 * (自2021年1月1日起施行) or else from its date. Only where the text speaks of itself (本办法…) or in its closing
 * part (the last fifth of the main text): a measure's own period is not the document's.
 */
function findValidUntil(t: string, from: number, to: number, date: string | null): { value: string; start: number; end: number; rule: string } | null {
  const region = t.slice(from, to);
  const closing = (i: number) => i >= region.length * 0.8 || SELF_REFERENCE.test(sentenceAt(region, i));
  VALID_UNTIL.lastIndex = 0;
  for (let m = VALID_UNTIL.exec(region); m; m = VALID_UNTIL.exec(region)) {
    const after = region.slice(m.index + m[0].length, m.index + m[0].length + 20);
    const d = findDates(after)[0];
    if (d && d.start === 0 && closing(m.index)) {
      return { value: d.value, start: from + m.index, end: from + m.index + m[0].length + d.end, rule: "valid-until.date" };
    }
  }
  const years = region.match(VALID_YEARS);
  if (!years || !closing(years.index ?? 0)) return null;
  // counted from the day it takes effect when the text says so (自2021年1月1日起施行), else from its date
  const effective = region.match(/自\s*([^，,。；;]{6,16}?)\s*起(?:施行|实施|执行|生效)/);
  const start0 = effective ? findDates(effective[1] as string)[0]?.value ?? date : date;
  if (!start0) return null;
  const raw = (years[1] ?? years[2]) as string;
  const n = /\d/.test(raw) ? Number(raw) : "一二三四五六七八九十".indexOf(raw) + 1;
  const start = from + (years.index ?? 0);
  return { value: addYearsMinusDay(start0, n), start, end: start + years[0].length, rule: "valid-until.years-from-date" };
}

/** Bodies and date signed under the main text (a name line and a date line after the last measure). */
function signatureAfter(t: string, from: number): { issuers: string[]; date: string; dateSpan: { start: number; end: number } } | null {
  const lines = linesOf(t, from, t.length);
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i] as Line;
    const d = dateLine(l.text);
    if (!d) continue;
    const names: string[] = [];
    for (let k = i - 1; k >= 0; k--) {
      const c = classifyLine((lines[k] as Line).text);
      if (c.kind !== "orgs" || !c.orgs) break;
      names.unshift(...c.orgs);
    }
    if (names.length) return { issuers: names, date: d.value, dateSpan: { start: l.start, end: l.end } };
  }
  return null;
}

function printLineDate(t: string, from: number): { value: string; start: number; end: number } | null {
  for (const l of linesOf(t, from, t.length)) {
    if (!l.text.endsWith("印发")) continue;
    const c = classifyLine(l.text);
    if (c.kind === "print" && c.date) return { value: c.date, start: l.start, end: l.end };
  }
  return null;
}

/** Task-table rows to outline nodes: by the measure's name, else by its number among the leaves. */
function matchRows(headings: Heading[], rows: TaskRow[]): Map<number, TaskRow> {
  const out = new Map<number, TaskRow>();
  if (rows.length === 0) return out;
  const leaves = headings.map((_, i) => i).filter((i) => {
    const next = headings[i + 1];
    return !next || next.path.length <= (headings[i] as Heading).path.length;
  });
  const last = (i: number) => (headings[i] as Heading).path[(headings[i] as Heading).path.length - 1] as string;
  const lastNums = leaves.map(last);
  const unique = new Set(lastNums).size === lastNums.length && lastNums.every((x) => /^\d+$/.test(x));
  const titleKeys = headings.map((h) => normKey(h.title));
  rows.forEach((row, k) => {
    const rowKey = normKey(row.name);
    const byName = row.name.length > 1 ? titleKeys.indexOf(rowKey) : -1;
    if (byName >= 0 && !out.has(byName)) {
      out.set(byName, row);
      return;
    }
    const idx = unique ? leaves.find((i) => last(i) === String(row.number)) : rows.length === leaves.length ? leaves[k] : undefined;
    if (idx !== undefined && !out.has(idx)) out.set(idx, row);
  });
  return out;
}
