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

interface Candidate {
  pos: number;
  label: Label;
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

const INNER = /[。；;：: \t](?=[0-9一二三四五六七八九十（(第①-⑳])/g;

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

/** Label candidates at line starts and after 。；： or spaces inside lines. */
function findCandidates(text: string, from: number, to: number): Candidate[] {
  const out: Candidate[] = [];
  // positions inside lines where a label may begin, found in one pass over the range
  const inner: number[] = [];
  INNER.lastIndex = from;
  for (let m = INNER.exec(text); m && m.index < to; m = INNER.exec(text)) inner.push(m.index + 1);
  let k = 0;
  let lineStart = from;
  while (lineStart < to) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0 || lineEnd > to) lineEnd = to;
    const first = labelAt(text, lineStart);
    if (first) out.push({ pos: lineStart, label: first, atLineStart: true, lineEnd });
    while (k < inner.length && (inner[k] as number) <= lineStart) k++;
    for (; k < inner.length && (inner[k] as number) < lineEnd; k++) {
      const i = inner[k] as number;
      const l = labelAt(text, i);
      if (l) out.push({ pos: i, label: l, atLineStart: false, lineEnd });
    }
    lineStart = lineEnd + 1;
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
    pos = end + 1;
  }
  return to;
}

/**
 * Where the outline starts: the first line-start label numbered 1 whose style comes back at a later line start
 * numbered 2. Front matter (notices, titles, preamble) lies before it.
 */
export function outlineStart(text: string): number {
  const all = candidates(text, 0, text.length).filter((c) => c.atLineStart);
  const starts = all.filter(
    (c) => c.label.value === 1 && all.some((d) => d.pos > c.pos && d.label.style === c.label.style && d.label.value === 2),
  );
  const first = starts[0];
  if (first) {
    // a notice may number its own requirements (一、提高认识…) before the attached text that carries the
    // measures: when a signature date and an 附件 line stand between two lists, the later list is the outline
    const later = starts.find((c) => c.pos > first.pos && c.label.style === first.label.style && attachedAfter(text, first.pos, c.pos));
    const chosen = later ?? first;
    // a single part (一、 with no 二、) above the list still opens the outline: a label numbered 1 of another
    // style on one of the few lines just before it is its parent
    const parent = all.filter((c) => c.pos < chosen.pos && c.label.value === 1 && c.label.style !== chosen.label.style).pop();
    if (parent && text.slice(parent.lineEnd, chosen.pos).split("\n").length <= 3 && !later) return parent.pos;
    return chosen.pos;
  }
  const inRunning = candidates(text, 0, text.length);
  for (const c of inRunning) {
    if (c.label.value !== 1) continue;
    if (inRunning.some((d) => d.pos > c.pos && d.label.style === c.label.style && d.label.value === 2)) return c.pos;
  }
  return -1;
}

function attachedAfter(text: string, from: number, to: number): boolean {
  const between = text.slice(from, to);
  return /(?:^|\n)附\s*件\s*\d*\s*(?:[:：].*)?(?:\n|$)/.test(between) && /\n\s*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年[^\n]{2,8}日)\s*(?:\n|$)/.test(between);
}

export function parseOutline(text: string, from: number, to: number): Heading[] {
  const stack: Level[] = [];
  const lastValue = new Map<LabelStyle, number>();
  const accepted: Candidate[] = [];
  const paths: string[][] = [];

  for (const c of candidates(text, from, to)) {
    const { style, value } = c.label;
    const depth = stack.findIndex((l) => l.style === style);
    let ok = false;
    let newDepth = -1;
    if (depth >= 0) {
      const cur = (stack[depth] as Level).value;
      if (value === cur + 1 || (c.atLineStart && value > cur && value <= cur + 2)) {
        ok = true;
        newDepth = depth;
      }
    } else if (stack.length === 0) {
      ok = value === 1;
      newDepth = 0;
    } else {
      // a new level below the current one: starts at 1, or runs on from where this style last stopped
      const runOn = lastValue.get(style);
      ok = value === 1 || (runOn !== undefined && value === runOn + 1);
      newDepth = stack.length;
    }
    // inside running text only an exact continuation or a first child counts, and only for list-like styles
    if (ok && !c.atLineStart) {
      const prev = accepted[accepted.length - 1];
      if (!prev) ok = false;
      else if (depth < 0 && value !== 1 && (lastValue.get(style) ?? -1) + 1 !== value) ok = false;
    }
    if (!ok) continue;
    stack.length = newDepth;
    stack.push({ style, value, text: c.label.text });
    lastValue.set(style, value);
    accepted.push(c);
    paths.push(stack.map((l) => l.text));
  }

  const headings: Heading[] = [];
  accepted.forEach((c, i) => {
    const next = accepted[i + 1];
    const textEnd = next ? next.pos : to;
    const titleStart = c.pos + c.label.length;
    let titleEnd = c.lineEnd;
    if (next && next.pos < titleEnd) titleEnd = next.pos;
    const stop = text.slice(titleStart, titleEnd).search(/[。；;：:]/);
    if (stop >= 0) titleEnd = titleStart + stop;
    headings.push({
      path: paths[i] as string[],
      title: text.slice(titleStart, titleEnd).replace(/\s+/g, "").replace(/。$/, ""),
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

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1] as string)) e--;
  return e;
}
