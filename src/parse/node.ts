/**
 * One outline node: its own text (heading line and paragraphs up to the next heading), the bodies named there or in
 * the task table's row for it, and its quantities with kinds and deadlines. The document-wide lead rule
 * (排第一的为牵头部门，下同) is state carried from node to node in reading order, so nodes are built in order.
 */
import type { OutlineNode, Quantity, Span } from "../model/exchange.js";
import type { Heading } from "./outline.js";
import type { TaskRow } from "./tasktable.js";
import { parseBodyList, isOrgName, hasOrgEnding, leadRuleAt, TAG_WORDS, type BodyList } from "../extract/bodies.js";
import { classifyQuantities, findQuantities, type ClassifiedQuantity } from "../extract/quantities.js";
import { findTimeExpressions, type TimeExpression } from "../extract/times.js";
import { findTitleSpans } from "../extract/citations.js";
import { findDocNumbers } from "../extract/docnumbers.js";
import { findProseBodies } from "../extract/prose-bodies.js";
import { indicatorOf, isCap } from "../extract/indicator.js";
import { backTo, forwardTo, SENTENCE_END, stopSet } from "../extract/scan.js";

export interface NodeContext {
  /** the clean text headings point into */
  text: string;
  /** maps a clean-text range to a span of the normalised text */
  span: (start: number, end: number, rule: string) => Span;
  docYear: number | null;
  startYear: number | null;
  /** the text before the first heading states the lead rule (排名第一的为牵头单位) for every tag after it */
  leadRuleBefore?: boolean;
  /** the end of the document's own period, for targets whose sentence states no time */
  periodEnd: { date: string; rule: string } | null;
}

type AddBody = (name: string, lead: boolean, start: number, end: number, rule: string) => void;

export class NodeBuilder {
  private leadRule: boolean;

  constructor(private readonly ctx: NodeContext) {
    this.leadRule = ctx.leadRuleBefore ?? false;
  }

  build(h: Heading, extra: { row: TaskRow | undefined; dutyHeading: boolean; eligibility?: boolean }): OutlineNode {
    const { text, span } = this.ctx;
    const own = text.slice(h.start, h.textEnd);
    const node: OutlineNode = {
      path: h.path,
      label: text.slice(h.start, h.titleStart).replace(/\s+/g, ""),
      title: h.title,
      units: [],
      lead: [],
      quantities: [],
      span: span(h.start, h.titleEnd, h.atLineStart ? `outline.${h.style}` : `outline.${h.style}.in-running-text`),
      textSpan: span(h.start, h.textEnd, "outline.own-text"),
      bodies: [],
      times: [],
    };
    const addBody: AddBody = (name, lead, start, end, rule) => {
      if (!node.units.includes(name)) node.units.push(name);
      if (lead && !node.lead.includes(name)) node.lead.push(name);
      node.bodies!.push({ name, lead, span: span(start, end, rule) });
    };

    const lists = bodyLists(own);
    for (const l of lists) {
      if (l.list.statesLeadRule) this.leadRule = true;
      const explicit = l.list.bodies.some((b) => b.role === "lead");
      l.list.bodies.forEach((b, k) => {
        const lead = explicit ? b.role === "lead" : this.leadRule && !l.list.noLead && k === 0;
        addBody(b.name, lead, h.start + l.offset + b.start, h.start + l.offset + b.end, l.rule);
      });
    }
    // in a section of duties, "（一）市工信局：负责…" names its body in the heading
    // a heading naming several bodies (（二）区财政局、区医保局：负责…) gives each of them
    if (extra.dutyHeading && lists.length === 0) {
      const named = isOrgName(h.title) && !/[、，,]/.test(h.title) ? [h.title] : (parseBodyList(h.title, false)?.bodies.map((b) => b.name) ?? []);
      for (const name of named) addBody(name, false, h.titleStart, h.titleEnd, "bodies.duty-heading");
    }
    if (extra.row) addRowBodies(extra.row, addBody);

    const suggested = findProseBodies(text.slice(h.titleStart, h.textEnd)).filter((b) => !node.units.includes(b.name));
    if (suggested.length) {
      node.suggestedUnits = suggested.map((b) => ({ name: b.name, lead: b.lead, span: span(h.titleStart + b.start, h.titleStart + b.end, b.rule) }));
    }

    this.addQuantities(node, h, own, lists, extra.eligibility ?? false);
    return node;
  }

  /** Quantities in the node's own text (not its children's), outside its label, names and tags. */
  private addQuantities(node: OutlineNode, h: Heading, own: string, lists: FoundList[], eligibility: boolean): void {
    const { span, docYear, startYear, periodEnd } = this.ctx;
    const mask = maskOf(own, lists, h.titleStart - h.start);
    const found = findQuantities(own, (k) => mask[k] === 1).filter((q) => q.start >= h.titleStart - h.start);
    const classified = dropTimeDurations(own, classifyQuantities(own, found));
    // a tag may state the item's time (（甲局牵头，乙局配合，5月底前完成）): times are read inside body lists too
    const inList = (i: number) => lists.some((l) => i >= l.start && i < l.end);
    const times = findTimeExpressions(own, { docYear, startYear }).filter((x) => mask[x.start] !== 1 || inList(x.start));
    for (const x of times) {
      if (!x.baseline) node.times!.push({ text: x.text, date: x.date, span: span(h.start + x.start, h.start + x.end, x.rule) });
    }
    // in reading order, so the times near a quantity are found by bisection (a 1 MB paragraph holds thousands)
    const usable = times.filter((x) => !x.baseline && x.date).sort((x, y) => x.start - y.start);
    let previous: { end: number; indicator: string | null } | undefined;
    for (const q0 of classified) {
      // in a section of who qualifies, a level is a condition to meet, not a target to deliver
      const q = eligibility && q0.kind === "target" ? { ...q0, kind: "other" as const, kindRule: "kind.eligibility-section" } : q0;
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
      const indicator = indicatorOf(own, q, previous);
      previous = { end: q.end, indicator };
      if (indicator) quantity.indicator = indicator;
      if (isCap(own, q)) quantity.cap = true;
      if (q.kind === "target") {
        const d = deadlineFor(own, q, usable, periodEnd, h.titleEnd - h.start);
        quantity.deadline = d.date;
        quantity.deadlineSource = d.time
          ? { text: d.time.text, rule: d.rule, span: span(h.start + d.time.start, h.start + d.time.end, d.time.rule) }
          : { text: d.date ?? "", rule: d.rule };
      }
      node.quantities.push(quantity);
    }
  }
}

interface FoundList {
  list: BodyList;
  /** offset of the list's text within the node's own text */
  offset: number;
  start: number;
  end: number;
  rule: string;
}

const LINE_END = stopSet("\n");
// a tag in running text opens after a full stop, a clause end or a colon (…具体如下：责任单位：…)
// A tag in running text: after a stop or a bracket, or run onto the words before it where OCR lost the stop
// (…拓扑图责任单位：…), but not as the object of a verb (明确责任单位：…), which announces bodies rather than naming
// this item's. Found by its words first: a pattern that looks behind at every position costs far more.
const INLINE_TAG = new RegExp(`(?:${TAG_WORDS})\\s*[:：]`, "g");
const TAG_AS_OBJECT = /(?:明确|确定|落实|指定|要求|增加|调整)\s*$/;
const TAG_OPEN = new RegExp(`^\\s*(?:${TAG_WORDS})\\s*[:：]`);
const LINE_TAG = new RegExp(`(^|\\n)(?=\\s*(?:${TAG_WORDS})\\s*[:：])`, "g");
const OPENER = /[\[【(（〔]/g;
/** the longest tag read, as the longest parenthesis matchClose reads */
const MAX_TAG = 600;
/** a parenthesis right after the end of a sentence closes it: …加快建设。（甲局、乙局负责） */
const SENTENCE_CLOSE = stopSet("。；;！!？?");

/** Tags ([责任单位:…], （责任单位：…）, a 责任单位： line) and parentheses of bodies in a node's own text. */
function bodyLists(own: string): FoundList[] {
  const out: FoundList[] = [];
  // characters already read as part of a list: a look-up per candidate, not a walk over every list found so far
  const covered = new Uint8Array(own.length + 1);
  const inside = (at: number) => covered[at] === 1;
  const found = (l: FoundList) => {
    out.push(l);
    covered.fill(1, l.start, l.end);
  };
  // a tag written into the running text after a full stop: …。责任单位：市发展改革委、市工信局。
  for (const m of own.matchAll(INLINE_TAG)) {
    const at = m.index ?? 0;
    if (at === 0 || /\n\s*$/.test(own.slice(Math.max(0, at - 4), at))) continue; // a tag line (below)
    if (TAG_AS_OBJECT.test(own.slice(Math.max(0, at - 4), at))) continue;
    if (inside(at) || inOpenBracket(own, at)) continue;
    // a list of bodies is short: a text whose full stops were lost is not read to its end
    const limit = Math.min(own.length, at + MAX_TAG);
    let e = at;
    while (e < limit && !"。\n".includes(own[e] as string)) e++;
    e = fieldEnd(own, at, e);
    const list = parseBodyList(own.slice(at, e), true);
    if (list && list.bodies.length) found({ list, offset: at, start: at, end: e, rule: "bodies.tag-inline" });
  }
  // a tag on a line of its own: 责任单位：…
  for (const m of own.matchAll(LINE_TAG)) {
    const at = (m.index ?? 0) + (m[1]?.length ?? 0);
    let e = own.indexOf("\n", at);
    if (e < 0 || e > at + MAX_TAG) e = Math.min(own.length, at + MAX_TAG);
    e = fieldEnd(own, at, e);
    if (inside(at)) continue;
    const list = parseBodyList(own.slice(at, e), true);
    if (list) found({ list, offset: at, start: at, end: e, rule: "bodies.tag-line" });
  }
  // tags in brackets and parentheses of bodies
  let from = 0;
  for (const m of own.matchAll(OPENER)) {
    const i = m.index ?? 0;
    if (i < from || inside(i)) continue;
    const c = m[0];
    const close = matchClose(own, i);
    if (close < 0) continue;
    const inner = own.slice(i + 1, close);
    // a labelled tag (责任单位：…) is trusted to hold bodies; square brackets without a label are read like
    // parentheses, every item a body's name, since notes and footnotes stand in them too
    const isTag = TAG_OPEN.test(inner);
    const square = c === "[" || c === "【" || c === "〔";
    const afterClose = own.slice(close + 1, close + 2);
    let before = i - 1;
    while (before >= 0 && /\s/.test(own[before] as string)) before--;
    const trailing =
      afterClose === "" ||
      /[。；;\n(（]/.test(afterClose) ||
      (before >= 0 && SENTENCE_CLOSE.has(own.charCodeAt(before))) ||
      /牵头|配合/.test(inner);
    if (isTag || trailing || square) {
      const list = parseBodyList(inner, isTag);
      // 镇人民政府(街道办事处): one name right after a name, with no role word, is its alias, not a list
      const alias = !isTag && list?.bodies.length === 1 && !list.roleWritten && hasOrgEnding(own.slice(Math.max(0, i - 12), i));
      if (list && !alias && (list.bodies.length || list.statesLeadRule)) {
        found({ list, offset: i + 1, start: i, end: close + 1, rule: isTag || square ? "bodies.tag" : "bodies.trailing-parenthesis" });
        from = close + 1;
      }
    }
  }
  // the lead rule in a sentence of its own: 各项任务中排在第一位的为牵头单位。
  const rule = leadRuleAt(own);
  if (rule >= 0 && !inside(rule)) {
    const list: BodyList = { bodies: [], statesLeadRule: true, noLead: false, roleWritten: false };
    found({ list, offset: rule, start: rule, end: rule + 1, rule: "bodies.lead-rule" });
  }
  // in the order written: the order of names and of a lead rule stated with 下同 matters
  out.sort((a, b) => a.start - b.start);
  return out;
}

/** （牵头单位：甲；配合单位：乙） — a tag inside brackets is read with its brackets, by the bracket pass. */
/**
 * A tag's list ends where the next field of the item begins (…牵头单位：甲局  完成时间：2025年6月底): the time in
 * that field is the item's deadline, not part of its bodies.
 */
const FIELD_AFTER_TAG = /\s*(?:完成时限|完成时间|完成期限|时间节点|时限要求|办结时限)\s*[:：]/;
function fieldEnd(own: string, at: number, e: number): number {
  const k = own.slice(at, e).search(FIELD_AFTER_TAG);
  return k > 0 ? at + k : e;
}

function inOpenBracket(s: string, at: number): boolean {
  let depth = 0;
  for (let k = at - 1; k >= 0 && at - k < MAX_TAG; k--) {
    const ch = s[k] as string;
    if (ch === "。" || ch === "\n") break;
    if (ch === ")" || ch === "）" || ch === "]" || ch === "】" || ch === "〕") depth++;
    else if (ch === "(" || ch === "（" || ch === "[" || ch === "【" || ch === "〔") {
      if (depth === 0) return true;
      depth--;
    }
  }
  return false;
}

function matchClose(s: string, open: number): number {
  const o = s[open] as string;
  const closeOf: Record<string, string> = { "[": "]", "【": "】", "(": ")", "（": "）", "〔": "〕" };
  let depth = 0;
  for (let k = open; k < s.length && k - open < MAX_TAG; k++) {
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

// A verb of reaching right after a time limit makes the limit the due time of what is reached (三年内实现全覆盖).
const REACHED_AFTER = /^(?:之内|以内|内)?[，,]?[^，,；;。]{0,4}(?:实现|达到|建成|覆盖)/;

/**
 * "5年内引进100名", "三年内实现全覆盖": the duration sets the time of a target after it, so it is no quantity of its
 * own; a time limit for an act that reaches no level (30日内制定办法) stays a quantity.
 */
function dropTimeDurations(own: string, qs: ClassifiedQuantity[]): ClassifiedQuantity[] {
  return qs.filter((q) => {
    if (!q.within) return true;
    if (REACHED_AFTER.test(own.slice(q.end, q.end + 12))) return false;
    return !qs.some((o) => o.kind === "target" && o.start > q.end && !/[，,；;。]/.test(own.slice(q.end, o.start)));
  });
}

// A sentence or paragraph is looked for within this many characters of its quantity: a text without stops must not
// make every quantity scan all of it.
const DEADLINE_REACH = 400;

/** Times (sorted by start) that lie within [a, b). */
function timesWithin(sorted: TimeExpression[], a: number, b: number): TimeExpression[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as TimeExpression).start < a) lo = mid + 1;
    else hi = mid;
  }
  const out: TimeExpression[] = [];
  for (let k = lo; k < sorted.length && (sorted[k] as TimeExpression).start < b; k++) out.push(sorted[k] as TimeExpression);
  return out;
}

function deadlineFor(
  own: string,
  q: ClassifiedQuantity,
  usable: TimeExpression[],
  periodEnd: { date: string; rule: string } | null,
  titleEnd: number,
): { date: string | null; rule: string; time?: TimeExpression } {
  // the sentence runs to 。 (a ； does not end it) within the paragraph
  const from = Math.max(0, q.start - DEADLINE_REACH);
  const a = Math.max(from, backTo(own.slice(from, q.start), q.start - from, SENTENCE_END) + from);
  const to = Math.min(own.length, q.end + DEADLINE_REACH);
  const b = forwardTo(own.slice(q.end, to), 0, SENTENCE_END) + q.end;
  const inSentence = timesWithin(usable, a, b).filter((x) => x.end <= b);
  const before = inSentence.filter((x) => x.end <= q.start).sort((x, y) => y.end - x.end)[0];
  if (before) return { date: before.date, rule: "deadline.sentence-before", time: before };
  const after = inSentence.filter((x) => x.start >= q.end).sort((x, y) => x.start - y.start)[0];
  if (after) return { date: after.date, rule: "deadline.sentence-after", time: after };
  // a time that opens the paragraph governs its sentences; in the heading's own paragraph the body opens after the
  // title ("（三）发展目标。到2025年，…。…推出100项")
  const p = backTo(own.slice(from, q.start), q.start - from, LINE_END) + from;
  const openings = [p];
  if (p <= titleEnd) openings.push(titleEnd + (own.slice(titleEnd, titleEnd + 3).match(/^[\s。：:．.]*/)?.[0].length ?? 0));
  const opening = openings
    .flatMap((o) => timesWithin(usable, o, o + 7).filter((x) => !/[，,。；;]/.test(own.slice(o, x.start))))
    .find((x) => x.end <= q.start);
  if (opening) return { date: opening.date, rule: "deadline.paragraph-opening", time: opening };
  if (periodEnd) return { date: periodEnd.date, rule: periodEnd.rule };
  return { date: null, rule: "deadline.none" };
}


function addRowBodies(row: TaskRow, add: AddBody): void {
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

