/**
 * From normalised text to logical lines: one paragraph per line, with the damage of PDF-to-text and OCR repaired:
 * page numbers and running page headers dropped, a paragraph split by a page break or a blank line joined again,
 * and a document whose line breaks were lost cut before its numbered headings. Every character of the clean
 * text maps back to an offset in the normalised text (`map`), so spans found here point into the original.
 */
import { LABEL_AT, labelAt } from "./labels.js";
import { dateLine } from "../extract/dates.js";
import { docNumberLine } from "../extract/docnumbers.js";
import { runOnCuts } from "./runon.js";
import { isOrgName } from "../extract/bodies.js";

export interface CleanText {
  text: string;
  /** map[i] is the offset in the normalised text of clean character i; map[text.length] is the end */
  map: Int32Array;
  /** clean-text offsets of line starts that content put there (the source ran on without a break) */
  virtualBreaks: Set<number>;
}

interface Piece {
  start: number; // offsets in the normalised text
  end: number;
  /** starts where content shows a line break was lost: never joined to the piece before it */
  hard?: boolean;
}

const PAGE_NUMBER = /^(?:[-—–－~]\s*\d{1,4}\s*[-—–－~]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|[-—–－]?\s*\d{1,4}\s*[-—–－]?\s*页)$/;
const TERMINAL = /[。！？!?；;：:」』）)】\]]$/;
const CONTACT_LINE = /^(?:联系人|[（(]联系人|联系电话|联系方式|抄送|主题词)/;
const BACK_MATTER_START = /^(?:附件|附表|公开方式|抄送|主题词|关键词|联系人|[（(]联系人|印发|校对|[（(]共印)/;
const LONG_LINE = 200;

/**
 * What the joining rule needs to know of a paragraph built so far, kept up to date piece by piece: rescanning
 * the whole paragraph for every line it absorbs is quadratic where an unclosed （ or 《 keeps lines joining.
 */
class Paragraph {
  readonly pieces: Piece[] = [];
  private first = "";
  private length = 0;
  private tab = false;
  private last = "";
  private fullStop = false;
  private sentencePunct = false;
  private angle = 0;
  private paren = 0;

  add(piece: Piece, text: string): void {
    if (this.pieces.length === 0) this.first = text;
    this.pieces.push(piece);
    this.length += text.length;
    if (text.includes("\t")) this.tab = true;
    if (text.length) this.last = text[text.length - 1] as string;
    if (text.includes("。")) this.fullStop = true;
    if (/[。，,；;]/.test(text)) this.sentencePunct = true;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x300a) this.angle++; // 《
      else if (c === 0x300b) this.angle--; // 》
      else if (c === 0xff08 || c === 0x28) this.paren++; // （ (
      else if (c === 0xff09 || c === 0x29) this.paren--; // ） )
    }
  }

  private unbalanced(): boolean {
    return this.angle > 0 || this.paren > 0;
  }

  /** Should line b continue this paragraph? */
  continuedBy(b: string): boolean {
    if (this.tab || b.includes("\t")) return false;
    // a contact or 抄送 line is one line: the signature under it is no part of it
    if (CONTACT_LINE.test(this.first)) return false;
    if (TERMINAL.test(this.last)) return false;
    if (labelAt(b, 0)) return false;
    if (dateLine(b) || docNumberLine(b) || BACK_MATTER_START.test(b)) return false;
    if (/[，,、]/.test(this.last)) return true; // a comma never ends a paragraph
    const head = labelAt(this.first, 0);
    // a long heading wrapped by a PDF (…健康养老产品 / 应用推广): a short rest without punctuation continues it
    if (head && this.pieces.length === 1 && !this.fullStop && this.length >= 15 && b.length <= 10 && !/[，,。；;：:、（(）)]/.test(b + this.last) && !isOrgName(b)) return true;
    // a heading without a full stop ("一、工作目标", "（一）加强组织领导，健全机制") is a line of its own
    if (head && !this.fullStop && this.length < 60 && !this.unbalanced()) return false;
    return this.sentencePunct || this.unbalanced();
  }
}

/**
 * Cuts a very long line (a document whose line breaks were lost) before each numbered heading inside it, and
 * where its front and back matter would have broken lines (see runon.ts). `atTop`: the line opens the document.
 */
function cutLongLine(text: string, piece: Piece, atTop: boolean, single: boolean): Piece[] {
  if (piece.end - piece.start < LONG_LINE && !single) return [piece];
  const s = text.slice(piece.start, piece.end);
  const content = runOnCuts(s, atTop);
  const cuts: number[] = [];
  // where the breaks after a title, a 文号 or a date became spaces, the next part starts a line again
  for (const m of s.matchAll(/(?:通知|意见|方案|措施|要点|办法|规定|决定|计划|规划|〕\s*\d{1,5}\s*号|\d{1,2}\s*日|[：:])(\s+)(?=\S)/g)) {
    const at = (m.index ?? 0) + m[0].length;
    if (at < s.length) cuts.push(at);
  }
  LABEL_AT.lastIndex = 0;
  for (let m = LABEL_AT.exec(s); m; m = LABEL_AT.exec(s)) {
    const at = m.index + m[0].length - (m.groups?.label?.length ?? 0);
    const label = at > 0 ? labelAt(s, at) : null;
    if (!label) continue;
    cuts.push(at);
    // a short heading followed by a space ("一、总体要求 到2025年…") ended its line there
    const head = s.slice(at + label.length).match(/^[^\s。；;：:，,]{1,25}(\s+)(?=\S)/);
    if (head && !labelAt(s, at + label.length + head[0].length)) cuts.push(at + label.length + head[0].length);
  }
  if (cuts.length < 3) cuts.length = 0;
  cuts.push(...content);
  if (cuts.length === 0) return [piece];
  const sorted = [...new Set(cuts)].sort((a, b) => a - b);
  const out: Piece[] = [];
  let from = 0;
  for (const c of sorted) {
    const seg = s.slice(from, c);
    const lead = seg.length - seg.replace(/^\s+/, "").length;
    const trimmedEnd = from + seg.replace(/\s+$/, "").length;
    if (trimmedEnd > from + lead) out.push({ start: piece.start + from + lead, end: piece.start + trimmedEnd, hard: from > 0 });
    from = c;
  }
  const rest = s.slice(from);
  const lead = rest.length - rest.replace(/^\s+/, "").length;
  if (from + lead < s.length) out.push({ start: piece.start + from + lead, end: piece.end, hard: from > 0 });
  return out;
}

export function cleanText(norm: string): CleanText {
  // physical lines, trimmed
  const lines: Piece[] = [];
  let pos = 0;
  while (pos <= norm.length) {
    let nl = norm.indexOf("\n", pos);
    if (nl < 0) nl = norm.length;
    let a = pos;
    let b = nl;
    while (a < b && (norm.charCodeAt(a) === 32 || norm.charCodeAt(a) === 9)) a++;
    while (b > a && (norm.charCodeAt(b - 1) === 32 || norm.charCodeAt(b - 1) === 9)) b--;
    lines.push({ start: a, end: b });
    pos = nl + 1;
  }
  const textOf = (p: Piece) => norm.slice(p.start, p.end);

  // running headers: a short line repeated next to page numbers on several pages
  const pageNo = lines.map((l) => PAGE_NUMBER.test(textOf(l)));
  const near = new Map<string, number>();
  const closeToPageNo = (i: number) => [i - 2, i - 1, i + 1, i + 2].some((j) => pageNo[j]);
  lines.forEach((l, i) => {
    const t = textOf(l).replace(/\s+/g, "");
    if (!t || t.length > 40 || pageNo[i]) return;
    if (closeToPageNo(i)) near.set(t, (near.get(t) ?? 0) + 1);
  });
  // only the copies beside page numbers go: the same words as the document's title line stay there
  const header = (t: string, i: number) => closeToPageNo(i) && (near.get(t.replace(/\s+/g, "")) ?? 0) >= 2;

  const kept: Piece[] = [];
  // a text of one line (however short) ran on: its breaks are all to be found by content
  const single = lines.filter((l) => l.end > l.start).length === 1;
  lines.forEach((l, i) => {
    const t = textOf(l);
    if (!t || pageNo[i] || header(t, i)) return;
    kept.push(...cutLongLine(norm, l, kept.length === 0, single));
  });

  // join paragraphs split by page breaks and blank lines; a lone page number inside a paragraph is dropped
  const paragraphs: Paragraph[] = [];
  for (let i = 0; i < kept.length; i++) {
    const piece = kept[i] as Piece;
    const t = textOf(piece);
    const last = paragraphs[paragraphs.length - 1];
    if (last && !piece.hard) {
      if (/^\d{1,3}$/.test(t) && kept[i + 1] && last.continuedBy(textOf(kept[i + 1] as Piece))) continue;
      if (last.continuedBy(t)) {
        last.add(piece, t);
        continue;
      }
    }
    const para = new Paragraph();
    para.add(piece, t);
    paragraphs.push(para);
  }

  // the clean text and its map back to the normalised text
  let out = "";
  const map: number[] = [];
  const virtualBreaks = new Set<number>();
  paragraphs.forEach(({ pieces: para }, pi) => {
    if (pi > 0) {
      out += "\n";
      map.push((para[0] as Piece).start);
      if ((para[0] as Piece).hard) virtualBreaks.add(out.length);
    }
    para.forEach((p, k) => {
      const s = textOf(p);
      // the last character, not /…$/ on `out`: only V8's shortcut for end-anchored patterns keeps that from
      // reading the whole text again for every piece
      if (k > 0 && /[A-Za-z0-9]/.test(out.charAt(out.length - 1)) && /^[A-Za-z0-9]/.test(s)) {
        out += " "; // two Latin words either side of a line break stay apart
        map.push(p.start);
      }
      for (let i = 0; i < s.length; i++) map.push(p.start + i);
      out += s;
    });
  });
  map.push(norm.length);
  return { text: out, map: Int32Array.from(map), virtualBreaks };
}

/** Maps a [start, end) span of the clean text back to the normalised text. */
export function toSource(clean: CleanText, start: number, end: number): { start: number; end: number } {
  const s = clean.map[Math.min(start, clean.text.length)] as number;
  const e = end > start ? (clean.map[Math.min(end - 1, clean.text.length)] as number) + 1 : s;
  return { start: s, end: Math.max(s, e) };
}
