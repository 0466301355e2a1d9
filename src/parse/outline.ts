/**
 * The outline of the main text: every numbered heading, its path of labels and its title.
 *
 * Levels are not fixed by style: the first style met is the top level, a new style opens a level below the
 * current one, and a style already open closes the levels below it. A label is accepted only where it continues a
 * sequence (the next number at its level), opens a new level at 1, or carries on a numbering that runs on across
 * parts (1…16 over (一)…(五)); a label inside running text (after 。；： or a space) must continue exactly.
 * That keeps numbers in sentences out of the outline without a list of exceptions.
 */
import { labelAt, type Label, type LabelStyle } from "./labels.js";
import { DOC_TYPE_END } from "./runon.js";

export interface Heading {
  path: string[];
  title: string;
  style: LabelStyle;
  /** clean-text offsets: label start, title span, and the node's own text [start, textEnd) */
  start: number;
  titleStart: number;
  titleEnd: number;
  textEnd: number;
  /** accepted at the start of a line (not inside running text) */
  atLineStart: boolean;
}

/**
 * Where a label stands, which decides how much evidence it needs: at a line start; after 。；：, a space or a
 * closing bracket (an item run into a paragraph, or after a tag: …负责）2.强化…); or glued to the words before
 * it (a heading whose line break was lost: 一、总体要求（一）指导思想…).
 */
type Context = "line" | "stop" | "glued";

interface Candidate {
  pos: number;
  label: Label;
  context: Context;
  atLineStart: boolean;
  lineEnd: number;
}

interface Level {
  style: LabelStyle;
  value: number;
  text: string;
}

const BACK_MATTER =
  /^(?:附件|附表|附：|附:|公开方式|抄送|主题词|关键词|[（(]此件|[（(]联系人|联系人[:：]|.{0,20}任务分工(?:表|方案)\s*$|.{0,30}(?:办公室|办公厅)\s*\d{4}\s*年.{1,8}印发\s*$|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发\s*$)/;

// outlineStart and parseOutline look at the same candidates of the same text: find them once
let cached: { text: string; from: number; to: number; list: Candidate[] } | null = null;

function candidates(text: string, from: number, to: number): Candidate[] {
  if (cached && cached.text === text && cached.from <= from && cached.to >= to) {
    return cached.list.filter((c) => c.pos >= from && c.pos < to && c.lineEnd <= to);
  }
  const list = findCandidates(text, from, to);
  cached = { text, from, to, list };
  return list;
}

// the characters a label can start with (labels.ts tries its patterns only there)
const LABEL_FIRST = /[第一二三四五六七八九十（(0-9①-⑳]/g;
const STOP_BEFORE = /[。；;：:！？!?\s）)】\]」』”]/;

/** Label candidates anywhere: at line starts, after 。；：, spaces and closing brackets, and glued to words. */
function findCandidates(text: string, from: number, to: number): Candidate[] {
  const out: Candidate[] = [];
  let lineStart = from;
  let lineEnd = text.indexOf("\n", from);
  if (lineEnd < 0 || lineEnd > to) lineEnd = to;
  LABEL_FIRST.lastIndex = from;
  let skipTo = from;
  for (let m = LABEL_FIRST.exec(text); m && m.index < to; m = LABEL_FIRST.exec(text)) {
    const i = m.index;
    if (i < skipTo) continue;
    while (i > lineEnd) {
      lineStart = lineEnd + 1;
      lineEnd = text.indexOf("\n", lineStart);
      if (lineEnd < 0 || lineEnd > to) lineEnd = to;
    }
    const label = labelAt(text, i);
    if (!label) continue;
    // a label is never inside another one's number (十一、 holds 一、)
    skipTo = i + label.length;
    const prev = text[i - 1] ?? "\n";
    const atLineStart = i === lineStart;
    // OCR writes the full stop as a Latin period after Chinese words (…权威性.二、)
    const latinStop = (prev === "." || prev === "．") && /[\u4e00-\u9fff”）)]/.test(text[i - 2] ?? "");
    const context: Context = atLineStart ? "line" : STOP_BEFORE.test(prev) || latinStop ? "stop" : "glued";
    // a digit or Latin letter right before makes it part of a number or code (2.3.1, IPv6.)
    if (context === "glued" && /[0-9A-Za-z.．]/.test(prev)) continue;
    if (context === "glued" && label.style === "cn-dun" && /[第之唯统单同逐专万一二三四五六七八九十]/.test(prev)) continue;
    out.push({ pos: i, label, context, atLineStart, lineEnd });
  }
  return out;
}

/** The first line that is no longer main text (附件, 任务分工表, 公开方式, an 印发 line …), or `to`. */
export function backMatterStart(text: string, from: number, to: number): number {
  let pos = from;
  while (pos < to) {
    let end = text.indexOf("\n", pos);
    if (end < 0 || end > to) end = to;
    if (pos > from && BACK_MATTER.test(text.slice(pos, end))) return pos;
    if (pos > from && secondText(text, pos, end, to)) return pos;
    pos = end + 1;
  }
  return to;
}

const TITLE_LINE = new RegExp(`^[^。，,；;：:]{6,80}(?:${DOC_TYPE_END})(?:[（(][^（()）]{1,12}[）)])?$`);
const PREAMBLE = /^(?:为(?!期)|根据|按照|依据|为了|近年来|随着)/;

/** A second enclosed text begins: a line that is a document's title, and the next line opens its preamble. */
function secondText(text: string, pos: number, end: number, to: number): boolean {
  if (end - pos > 100 || end - pos < 8) return false;
  const line = text.slice(pos, end);
  if (!TITLE_LINE.test(line)) return false;
  const next = text.slice(end + 1, Math.min(to, end + 40));
  return PREAMBLE.test(next);
}

/** Does a later same-style label continue `value` before the list could have ended? */
function confirmed(list: Candidate[], k: number, style: LabelStyle, value: number, stack: Level[], depth: number): boolean {
  for (let j = k + 1; j < list.length && j < k + 400; j++) {
    const d = list[j] as Candidate;
    if (d.label.style === style) {
      if (d.label.value === value + 1) return true;
      if (d.label.value === value && d.context !== "glued") return false;
      continue;
    }
    // the next label of a level above closes this one
    const up = stack.findIndex((l) => l.style === d.label.style);
    if (up >= 0 && up < depth && d.label.value === (stack[up] as Level).value + 1 && d.context !== "glued") return false;
  }
  return false;
}

/**
 * Where the outline starts. Candidates are label 1s whose style comes back as a 2. When the text first issues
 * another one (a notice with its own numbered requirements, signed and dated, then the text it issues), the
 * outline is the list after the notice's signature; else the first such list.
 */
export function outlineStart(text: string): number {
  const all = candidates(text, 0, text.length);
  const twos = new Map<LabelStyle, number>();
  for (const c of all) if (c.label.value === 2 && c.context !== "glued" && !twos.has(c.label.style)) twos.set(c.label.style, c.pos);
  const lastTwo = new Map<LabelStyle, number>();
  for (const c of all) if (c.label.value === 2 && c.context !== "glued") lastTwo.set(c.label.style, c.pos);
  const starts = all.filter((c) => c.label.value === 1 && !c.label.doubtful && c.context !== "glued" && (lastTwo.get(c.label.style) ?? -1) > c.pos);
  const first = starts.find((c) => c.atLineStart) ?? starts[0];
  if (!first) return -1;
  // a notice may number its own requirements (一、提高认识…) before the attached text that carries the
  // measures: when the notice's signature date (and an 附件 line, or the issued text's title) stands between
  // two lists, the later list is the outline
  const issuing = issuesText(text, first.pos);
  const after = issuing ? starts.find((c) => c.pos > first.pos && noticeEndsBetween(text, first.pos, c.pos)) : undefined;
  // of the texts a notice issues as 附件1, 附件2 …, the richest carries the measures
  const richest = issuing || issuesText(text, (after ?? first).pos) ? richestAttachment(text, all, starts.filter((c) => c.pos >= (after ?? first).pos)) : undefined;
  const later = richest && richest !== first ? richest : undefined;
  const chosen = later ?? first;
  // a single part (一、 with no 二、) above the list still opens the outline: a label numbered 1 of another
  // style on one of the few lines just before it is its parent
  const parent = all.filter((c) => c.pos < chosen.pos && c.label.value === 1 && !c.label.doubtful && c.label.style !== chosen.label.style && c.context !== "glued").pop();
  if (parent && text.slice(parent.lineEnd, chosen.pos).split("\n").length <= 3 && !later && (!first || parent.pos >= (later ?? first).pos - 400)) {
    if (!starts.some((c) => c.pos > parent.pos && c.pos < chosen.pos)) return parent.pos;
  }
  return chosen.pos;
}

/**
 * A notice may issue several texts (附件1 a 制度, 附件2 the 若干措施, 附件3 a 规程): the one that carries the measures is
 * the attachment with the most numbered items, each attachment running to the next 附件N line.
 */
function richestAttachment(text: string, all: Candidate[], starts: Candidate[]): Candidate | undefined {
  if (starts.length <= 1) return starts[0];
  const markers = [...text.matchAll(/(?:^|\n)\s*附\s*件\s*\d{1,2}\s*(?=\n)/g)].map((m) => m.index ?? 0);
  let best: Candidate | undefined;
  let bestCount = -1;
  let lastEnd = -1;
  for (const c of starts) {
    const end = markers.find((m) => m > c.pos) ?? text.length;
    if (end === lastEnd) continue; // one start per attachment: its first
    lastEnd = end;
    const count = all.filter((d) => d.pos >= c.pos && d.pos < end && d.context !== "glued").length;
    if (count > bestCount) {
      best = c;
      bestCount = count;
    }
  }
  return best;
}

// a sentence that issues or forwards a text (现将《…》印发给你们): only such a notice has a text after its signature
// that carries the measures; a notice whose body states its own items (现就…通知如下) keeps them
const ISSUING = /印发给你们|印发你们|现将.{0,120}印发|现印发|现予印发|予以印发|转发给你们|现转发|会签|征求[^。\n]{0,60}意见/;

function issuesText(text: string, before: number): boolean {
  return text.slice(0, before).split("\n").some((l) => /[，,。]/.test(l) && ISSUING.test(l.replace(/《[^《》\n]*》/g, "")));
}

const DATE_ALONE = /\n\s*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年[^\n]{2,8}日)\s*(?=\n|$)/;

/** Between two lists: a notice's signature date line, then an 附件 line or the title of the text it issues. */
function noticeEndsBetween(text: string, from: number, to: number): boolean {
  const between = text.slice(from, to);
  const date = DATE_ALONE.exec(between);
  if (!date) return false;
  const after = between.slice(date.index + date[0].length);
  if (/(?:^|\n)附\s*件\s*\d*\s*(?:[:：].*)?(?:\n|$)/.test(between)) return true;
  return after.split("\n").some((l) => TITLE_LINE.test(l.trim()));
}

/**
 * `lostBreak(pos)`: the line break before a label at `pos` was put there by content (the source ran on), so the
 * heading's own line break was lost too and its title ends where its words end (see headingEnd).
 */
export function parseOutline(text: string, from: number, to: number, lostBreak: (pos: number) => boolean = () => false): Heading[] {
  const stack: Level[] = [];
  const lastValue = new Map<LabelStyle, number>();
  const accepted: Candidate[] = [];
  const paths: string[][] = [];
  // an article (第N条) and the items inside one are sentences, never heading lines of their own
  const inArticle: boolean[] = [];
  const list = candidates(text, from, to);

  list.forEach((c, k) => {
    const { style, value } = c.label;
    const depth = stack.findIndex((l) => l.style === style);
    let ok = false;
    let newDepth = -1;
    let skipped = false;
    if (depth >= 0) {
      const cur = (stack[depth] as Level).value;
      if (value === cur + 1) ok = true;
      else if (value === cur + 2 && !c.label.doubtful) ok = skipped = true;
      newDepth = depth;
    } else if (stack.length === 0) {
      ok = value === 1;
      newDepth = 0;
    } else {
      // a new level below the current one: starts at 1, or runs on from where this style last stopped
      const runOn = lastValue.get(style);
      ok = value === 1 || (runOn !== undefined && value === runOn + 1);
      newDepth = stack.length;
    }
    if (!ok) return;
    // a doubtful shape (7。, 3.12345热线) counts only where the sequence expects exactly its number: the next at
    // its level or the number running on from the last part; glued to words, the next number must follow too
    if (c.label.doubtful) {
      const expected = depth >= 0 ? value === (stack[depth] as Level).value + 1 : (lastValue.get(style) ?? -1) + 1 === value;
      if (!expected) return;
      if (c.context === "glued" && !confirmed(list, k, style, value, stack, depth >= 0 ? depth : stack.length)) return;
    }
    // the outline opens where outlineStart put it: a first label elsewhere in running text is words
    if (c.context !== "line" && accepted.length === 0 && stack.length === 0 && k > 0 && c.pos !== from) return;
    // a skipped number (an item whose label OCR lost) needs the next number to follow
    if (skipped && !(c.context === "line" || confirmed(list, k, style, value, stack, depth))) return;
    if (c.context === "glued") {
      // words run into a label need the sequence to vouch for it
      const runsOn = value !== 1 && (lastValue.get(style) ?? -1) + 1 === value;
      if (depth < 0 && !runsOn && !confirmed(list, k, style, value, stack, newDepth)) return;
      if (depth >= 0 && nextSame(list, k, style, value)) return;
    } else if (c.context === "stop" && depth < 0 && value !== 1 && (lastValue.get(style) ?? -1) + 1 !== value) {
      return;
    }
    stack.length = newDepth;
    stack.push({ style, value, text: c.label.text });
    lastValue.set(style, value);
    accepted.push(c);
    paths.push(stack.map((l) => l.text));
    inArticle.push(stack.some((l) => l.style === "article"));
  });

  const headings: Heading[] = [];
  accepted.forEach((c, i) => {
    const next = accepted[i + 1];
    const textEnd = next ? next.pos : to;
    const titleStart = c.pos + c.label.length;
    let titleEnd = c.lineEnd;
    if (next && next.pos < titleEnd) titleEnd = next.pos;
    const stop = text.slice(titleStart, titleEnd).search(/[。；;：:]/);
    if (stop >= 0) titleEnd = titleStart + stop;
    if ((!c.atLineStart || lostBreak(c.pos)) && !inArticle[i]) titleEnd = titleStart + headingEnd(text.slice(titleStart, titleEnd));
    headings.push({
      path: paths[i] as string[],
      // a list line's fields (…达到98%以上  牵头单位：…) follow its title: the field's name is no part of it
      title: text.slice(titleStart, titleEnd).replace(FIELD_NAME_AT_END, "").replace(/\s+/g, "").replace(/。$/, ""),
      style: c.label.style,
      start: c.pos,
      titleStart,
      titleEnd,
      textEnd: trimEnd(text, textEnd),
      atLineStart: c.atLineStart,
    });
  });
  return headings;
}

/**
 * Words that open a sentence after a heading, not a heading's own words: how a body paragraph begins (根据…, 按照…,
 * 通过…, 由…负责, 各单位要…). Where a heading's line break was lost ("二、工作目标通过设备租赁的方式…"), the heading
 * ends before the first of them.
 */
const SENTENCE_OPENERS = [
  "根据", "按照", "依照", "依据", "通过", "基于", "结合", "聚焦", "围绕", "紧紧围绕", "依托", "立足", "针对", "坚持以",
  "以习近平", "为了", "为深入", "为全面", "为进一步", "为加快", "为推动", "为确保", "为做好", "为贯彻", "为落实",
  "到20", "至20", "自20", "截至", "近年来", "目前", "当前", "随着", "对照", "由各", "由省", "由市", "由县", "由区",
  "一是", "首先", "各单位", "各部门", "各地", "各级", "各市", "各县", "各区", "各省", "各有关", "各供电", "省公司", "市公司", "县公司",
];
// …or a date that opens the first sentence (严密组织选举2021年6月底前，各县要…)
const OPENER_RE = new RegExp(`(?:${SENTENCE_OPENERS.join("|")}|(?:19|20)\\d{2}年(?:\\d{1,2}月)?(?:底|末)?(?:前|起|以来)?[，,])`, "g");
// "由" + a name that does the work (…改造由项目组按照…)
const BY_AGENT = /由[\u4e00-\u9fff]{1,12}?(?:按照|负责|牵头|组织|统一|根据|依据|结合|开展|完成)/g;

// Nouns that close a section heading (工作目标, 费用构成, 基本原则): without an opener after them, a long run-on
// heading ends at the longest short phrase ending in one
const SECTION_NOUN = /^[\u4e00-\u9fff]{1,6}(?:构成|思路|目标|要求|原则|任务|措施|意义|依据|职责|分工|安排|步骤|内容|重点|背景|范围|标准|程序|方式|机制|保障|领导|进度|计划|概况|现状|思想)/;

/** Where the heading words of a run-on heading end: before the first sentence opener at least 2 characters in. */
export function headingEnd(run: string): number {
  if (run.length <= 12) return run.length;
  let best = run.length;
  for (const re of [OPENER_RE, BY_AGENT]) {
    re.lastIndex = 2;
    const m = re.exec(run);
    if (m && m.index < best && m.index >= 2) best = m.index;
  }
  // a bracketed time span closes a stage heading (动员部署（6月20日-8月20日）…)
  const span = /^[^（(]{2,20}[（(][^（()）]{0,20}?\d{1,2}\s*月[^（()）]{0,20}[）)]/.exec(run);
  if (span && span[0].length < best && span[0].length < run.length) best = span[0].length;
  // a four-character section name (总体要求, 工作目标) ends the heading before any later opener
  const noun = run.length > 20 ? run.match(SECTION_NOUN) : null;
  if (noun && (best === run.length || (noun[0].length <= 4 && noun[0].length < best))) best = noun[0].length;
  return best;
}

const FIELD_NAME_AT_END = /\s+(?:牵头单位|责任单位|配合单位|协办单位|责任部门|牵头部门|配合部门|主责单位|完成时间|完成时限|完成期限)\s*$/;

/** A later label of the same style and number at a better place: this one is words, that one the item. */
function nextSame(list: Candidate[], k: number, style: LabelStyle, value: number): boolean {
  for (let j = k + 1; j < list.length && j < k + 60; j++) {
    const d = list[j] as Candidate;
    if (d.label.style !== style) continue;
    return d.label.value === value && d.context !== "glued";
  }
  return false;
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1] as string)) e--;
  return e;
}
