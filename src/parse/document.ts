/**
 * A policy document's text → ParsedFile (the exchange format, with spans and rule names beside it).
 *
 * clean (repair lines) → outline start → front matter (notices, titles) → outline → per node: bodies from tags,
 * parentheses and the task table, quantities with kinds and deadlines → citations → metadata inheritance.
 */
import type { Citation, DocMeta, OutlineNode, ParsedFile, Quantity, Span } from "../model/exchange.js";
import { normalizeText } from "../text/normalize.js";
import type { PageMeta, SourceFormat } from "../text/types.js";
import { cleanText, toSource } from "./clean.js";
import { backMatterStart, outlineStart, parseOutline, type Heading } from "./outline.js";
import { classifyLine, parseFrontMatter, type NoticeMeta } from "./frontmatter.js";
import { parseTaskTables, type TaskRow } from "./tasktable.js";
import { parseBodyList, isOrgName, type BodyList } from "../extract/bodies.js";
import { classifyQuantities, findQuantities, type ClassifiedQuantity } from "../extract/quantities.js";
import { findTimeExpressions, findStartYear, type TimeExpression } from "../extract/times.js";
import { findCitations, findTitleSpans } from "../extract/citations.js";
import { findDocNumbers, normalizeDocNumber } from "../extract/docnumbers.js";
import { backTo, forwardTo, SENTENCE_END, stopSet } from "../extract/scan.js";
import { addYearsMinusDay, dateLine, findDates } from "../extract/dates.js";

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
  const headings = oStart < 0 ? [] : parseOutline(t, oStart, bm);
  if (headings.length === 0) warnings.push("no numbered outline found: the text has no recognisable measures");

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
  const own = {
    docNumber: main.docNumber,
    issuers: main.issuers.length ? main.issuers : backSignature?.issuers ?? [],
    date: backSignature?.date ?? null,
  };
  const docNumber = own.docNumber ?? inner?.docNumber ?? (opts.meta?.docNumber ? normalizeDocNumber(opts.meta.docNumber) : null);
  const issuers = own.issuers.length ? own.issuers : inner?.issuers.length ? inner.issuers : front.pageIssuer ? [front.pageIssuer] : opts.meta?.issuer ? [opts.meta.issuer] : [];
  let date = own.date ?? inner?.date ?? null;
  let dateSpan = backSignature?.dateSpan ?? inner?.dateSpan;
  if (!date && front.wrappers.length === 0) {
    const print = printLineDate(t, bm);
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
  headings.forEach((h, i) => {
    if (/职责|分工/.test(h.title)) {
      for (let k = i + 1; k < headings.length && (headings[k] as Heading).path.length > h.path.length; k++) duties.add(k);
    }
  });

  let leadRule = false;
  const outline: OutlineNode[] = headings.map((h, i) => {
    const nodeEnd = headings[i + 1]?.start ?? h.textEnd;
    const own = t.slice(h.start, Math.min(nodeEnd, h.textEnd));
    const node: OutlineNode = {
      path: h.path,
      title: h.title,
      units: [],
      lead: [],
      quantities: [],
      span: span(h.start, h.titleEnd, h.atLineStart ? `outline.${h.style}` : `outline.${h.style}.in-running-text`),
      textSpan: span(h.start, Math.min(nodeEnd, h.textEnd), "outline.own-text"),
      bodies: [],
      times: [],
    };
    const addBody = (name: string, lead: boolean, start: number, end: number, rule: string) => {
      if (!node.units.includes(name)) node.units.push(name);
      if (lead && !node.lead.includes(name)) node.lead.push(name);
      node.bodies!.push({ name, lead, span: span(start, end, rule) });
    };

    // bodies named in the node's own text
    const lists = bodyLists(own);
    for (const l of lists) {
      if (l.list.statesLeadRule) leadRule = true;
      const explicit = l.list.bodies.some((b) => b.role === "lead");
      l.list.bodies.forEach((b, k) => {
        const lead = explicit ? b.role === "lead" : leadRule && !l.list.noLead && k === 0;
        addBody(b.name, lead, h.start + l.offset + b.start, h.start + l.offset + b.end, l.rule);
      });
    }
    if (duties.has(i) && isOrgName(h.title) && lists.length === 0) addBody(h.title, false, h.titleStart, h.titleEnd, "bodies.duty-heading");
    const row = rowFor.get(i);
    if (row) addRowBodies(row, addBody);

    // quantities in the node's own text (not its children's), outside its label, names and tags
    const mask = maskOf(own, lists, h.titleStart - h.start);
    const found = findQuantities(own, (k) => mask[k] === 1).filter((q) => q.start >= h.titleStart - h.start);
    const classified = dropTimeDurations(own, classifyQuantities(own, found));
    const times = findTimeExpressions(own, { docYear, startYear }).filter((x) => mask[x.start] !== 1);
    for (const x of times) {
      if (!x.baseline) node.times!.push({ text: x.text, date: x.date, span: span(h.start + x.start, h.start + x.end, x.rule) });
    }
    for (const q of classified) {
      const quantity: Quantity = {
        text: q.text,
        value: q.value,
        unit: q.unit,
        kind: q.kind,
        deadline: null,
        span: span(h.start + q.start, h.start + q.end, q.rule),
        kindRule: q.kindRule,
      };
      if (q.max !== undefined) quantity.max = q.max;
      if (q.kind === "target") {
        const d = deadlineFor(own, q, times, periodEnd);
        quantity.deadline = d.date;
        quantity.deadlineSource = d.time
          ? { text: d.time.text, rule: d.rule, span: span(h.start + d.time.start, h.start + d.time.end, d.time.rule) }
          : { text: d.date ?? "", rule: d.rule };
      }
      node.quantities.push(quantity);
    }
    return node;
  });

  // ---- citations: the main text's, less the document itself and its notices
  const selfKeys = new Set<string>();
  const selfNumbers = new Set<string>();
  for (const n of [...front.wrappers, main]) {
    if (n.title) {
      selfKeys.add(normKey(n.title));
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

interface FoundList {
  list: BodyList;
  /** offset of the list's text within the node's own text */
  offset: number;
  start: number;
  end: number;
  rule: string;
}

const LINE_END = stopSet("\n");
const INLINE_TAG = /([。；;]\s*)(?:责任单位|责任部门|牵头单位|牵头部门|负责单位)\s*[:：]/g;
const TAG_OPEN = /^\s*(?:责任单位|责任部门|牵头单位|牵头部门|负责单位|负责部门|主责单位|实施单位|责任主体)\s*[:：]/;

/** Tags ([责任单位:…], （责任单位：…）, a 责任单位： line) and parentheses of bodies in a node's own text. */
function bodyLists(own: string): FoundList[] {
  const out: FoundList[] = [];
  // a tag written into the running text after a full stop: …。责任单位：市发展改革委、市工信局。
  for (const m of own.matchAll(INLINE_TAG)) {
    const at = (m.index ?? 0) + (m[1]?.length ?? 0);
    let e = at;
    while (e < own.length && !"。\n".includes(own[e] as string)) e++;
    const list = parseBodyList(own.slice(at, e), true);
    if (list && list.bodies.length) out.push({ list, offset: at, start: at, end: e, rule: "bodies.tag-inline" });
  }
  for (let i = 0; i < own.length; i++) {
    const code = own.charCodeAt(i);
    // [ 【 ( （
    if (code !== 0x5b && code !== 0x3010 && code !== 0x28 && code !== 0xff08) {
      if ((i === 0 || own.charCodeAt(i - 1) === 10) && TAG_OPEN.test(own.slice(i, i + 12))) {
        let e = own.indexOf("\n", i);
        if (e < 0) e = own.length;
        const list = parseBodyList(own.slice(i, e), true);
        if (list) out.push({ list, offset: i, start: i, end: e, rule: "bodies.tag-line" });
        i = e;
      }
      continue;
    }
    const c = own[i] as string;
    const close = matchClose(own, i);
    if (close < 0) continue;
    if (out.some((l) => l.start <= i && i < l.end)) continue;
    const inner = own.slice(i + 1, close);
    const isTag = c === "[" || c === "【" || TAG_OPEN.test(inner);
    const afterClose = own.slice(close + 1, close + 2);
    const trailing = afterClose === "" || /[。；;\n(（]/.test(afterClose) || /牵头|配合/.test(inner);
    if (isTag || trailing) {
      const list = parseBodyList(inner, isTag);
      if (list && (list.bodies.length || list.statesLeadRule)) {
        out.push({ list, offset: i + 1, start: i, end: close + 1, rule: isTag ? "bodies.tag" : "bodies.trailing-parenthesis" });
        i = close;
      }
    }
  }
  return out;
}

function matchClose(s: string, open: number): number {
  const o = s[open] as string;
  const closeOf: Record<string, string> = { "[": "]", "【": "】", "(": ")", "（": "）" };
  let depth = 0;
  for (let k = open; k < s.length && k - open < 600; k++) {
    const ch = s[k] as string;
    if (ch === "\n") return -1;
    if (ch === o || (o === "(" && ch === "（") || (o === "（" && ch === "(")) depth++;
    else if (ch === closeOf[o] || ((o === "(" || o === "（") && (ch === ")" || ch === "）"))) {
      depth--;
      if (depth === 0) return k;
    }
  }
  return -1;
}

/** 1 where a character belongs to a name, title, 文号, body list or the node's label: no quantities there. */
function maskOf(own: string, lists: FoundList[], labelEnd: number): Uint8Array {
  const mask = new Uint8Array(own.length + 1);
  const fill = (a: number, b: number) => mask.fill(1, Math.max(0, a), Math.min(own.length, b));
  fill(0, labelEnd);
  for (const ts of findTitleSpans(own)) fill(ts.start, ts.end);
  for (const d of findDocNumbers(own)) fill(d.start, d.end);
  for (const l of lists) fill(l.start, l.end);
  // quoted names (“1+6”, “十三五”) are names
  for (const m of own.matchAll(/“[^“”\n]{1,30}”/g)) fill(m.index ?? 0, (m.index ?? 0) + m[0].length);
  return mask;
}

/** "5年内引进100名": the duration sets the time of a target after it, so it is no quantity of its own. */
function dropTimeDurations(own: string, qs: ClassifiedQuantity[]): ClassifiedQuantity[] {
  return qs.filter((q) => {
    if (!q.within) return true;
    return !qs.some((o) => o.kind === "target" && o.start > q.end && !/[，,；;。]/.test(own.slice(q.end, o.start)));
  });
}

function deadlineFor(
  own: string,
  q: ClassifiedQuantity,
  times: TimeExpression[],
  periodEnd: { date: string; rule: string } | null,
): { date: string | null; rule: string; time?: TimeExpression } {
  const usable = times.filter((x) => !x.baseline && x.date);
  // the sentence runs to 。 (a ； does not end it) within the paragraph
  const a = backTo(own, q.start, SENTENCE_END);
  const b = forwardTo(own, q.end, SENTENCE_END);
  const inSentence = usable.filter((x) => x.start >= a && x.end <= b);
  const before = inSentence.filter((x) => x.end <= q.start).sort((x, y) => y.end - x.end)[0];
  if (before) return { date: before.date, rule: "deadline.sentence-before", time: before };
  const after = inSentence.filter((x) => x.start >= q.end).sort((x, y) => x.start - y.start)[0];
  if (after) return { date: after.date, rule: "deadline.sentence-after", time: after };
  // a time that opens the paragraph governs its sentences
  const p = backTo(own, q.start, LINE_END);
  const opening = usable.find((x) => x.start >= p && x.start - p <= 6 && !/[，,。；;]/.test(own.slice(p, x.start)));
  if (opening) return { date: opening.date, rule: "deadline.paragraph-opening", time: opening };
  if (periodEnd) return { date: periodEnd.date, rule: periodEnd.rule };
  return { date: null, rule: "deadline.none" };
}

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

function findValidUntil(t: string, from: number, to: number, date: string | null): { value: string; start: number; end: number; rule: string } | null {
  const region = t.slice(from, to);
  VALID_UNTIL.lastIndex = 0;
  for (let m = VALID_UNTIL.exec(region); m; m = VALID_UNTIL.exec(region)) {
    const after = region.slice(m.index + m[0].length, m.index + m[0].length + 20);
    const d = findDates(after)[0];
    if (d && d.start === 0) {
      return { value: d.value, start: from + m.index, end: from + m.index + m[0].length + d.end, rule: "valid-until.date" };
    }
  }
  const years = region.match(/有效期(?:为|限)?\s*(\d{1,2}|[一二三四五六七八九十])\s*年/);
  // counted from the day it takes effect when the text says so (自2021年1月1日起施行), else from its date
  const effective = region.match(/自\s*([^，,。；;]{6,16}?)\s*起(?:施行|实施|执行|生效)/);
  const from0 = effective ? findDates(effective[1] as string)[0]?.value ?? date : date;
  date = from0;
  if (years && date) {
    const n = /\d/.test(years[1] as string) ? Number(years[1]) : "一二三四五六七八九十".indexOf(years[1] as string) + 1;
    const start = from + (years.index ?? 0);
    return { value: addYearsMinusDay(date, n), start, end: start + years[0].length, rule: "valid-until.years-from-date" };
  }
  return null;
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
  const leaves = headings.map((h, i) => i).filter((i) => {
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

function addRowBodies(row: TaskRow, add: (name: string, lead: boolean, start: number, end: number, rule: string) => void): void {
  const leadList = row.lead ? parseBodyList(row.lead, true) : null;
  const supportList = row.support ? parseBodyList(row.support, true) : null;
  if (leadList || supportList) {
    for (const b of leadList?.bodies ?? []) add(b.name, true, row.start, row.end, "bodies.task-table.lead");
    for (const b of supportList?.bodies ?? []) add(b.name, false, row.start, row.end, "bodies.task-table.support");
    return;
  }
  const list = parseBodyList(row.units, true);
  for (const b of list?.bodies ?? []) add(b.name, b.role === "lead", row.start, row.end, "bodies.task-table");
}

