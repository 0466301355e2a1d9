/**
 * Where a run-on text (a document OCR'd into one line, a page whose breaks were lost) would have had its line
 * breaks around the front and back matter of an official document (公文格式): after a letterhead ending in 文件,
 * around a 文号 that stands alone, after a title ending in a document type word and the addressee run that ends in
 * ：, around a signature (bodies' names directly before a date that ends a paragraph), around 附件 markers,
 * 联系人 lines and bracketed handling notes (此件不公开发布), and after a title that is followed by its preamble.
 * Each cut is found by content, never by position in a line, so texts with line breaks give the same answer
 * where the breaks are already there. Outline labels are not cut here: the outline finds them in running text.
 */
import { findDates } from "../extract/dates.js";
import { findDocNumbers } from "../extract/docnumbers.js";
import { hasOwnPlace, startsWithPlace } from "../extract/places.js";
import { isOrgName, splitRunTogether } from "../extract/bodies.js";

/** Words a document's title ends with (its type). */
export const DOC_TYPE_END =
  "通知|通报|意见|方案|措施|要点|办法|规定|决定|函|规划|纲要|计划|细则|条例|规则|安排|报告|批复|通告|公告|指南|清单|实施意见|若干政策|政策";
const TITLE_END_RE = new RegExp(`(?:${DOC_TYPE_END})(?:[（(](?:会签稿|征求意见稿|送审稿|草案|试行|暂行|修订|讨论稿|\\d{4}\\s*[-—–~至]\\s*\\d{4}\\s*年|\\d{4}\\s*年)[）)])?`, "g");
/** How the first sentence after a title begins (its preamble) or the first label of its outline. */
const PREAMBLE_OPENER =
  /^(?:为(?!期)|根据|按照|依据|遵照|近年来|近期|当前|目前|今年|随着|现将|现就|经|贯彻|为了|一、|第一章|第一条|[（(]一[）)]|1[.．、])/;
/** Marks that stand over a letterhead (handling, urgency, secrecy). */
const MARK_WORDS = "内部事项|普通事项|内部资料|内部|特急|加急|急件|平急|特提|明电|密电|机密|秘密|绝密";
const LETTERHEAD_MARKS = new RegExp(`^(?:${MARK_WORDS}|★[^\\n]{0,10}|\\d{3,8}(?=[\\u4e00-\\u9fff]))+`);
const MARKS_ANYWHERE = new RegExp(`(?:${MARK_WORDS}|[·•])`, "g");
const MARK_IN_NAME = new RegExp(`(?:${MARK_WORDS})`);

/** A letterhead's names once its marks (内部事项, 特急·明电, a copy number) are set aside. */
function letterhead(s: string): string[] | null {
  return orgRun(s.replace(LETTERHEAD_MARKS, "").replace(MARKS_ANYWHERE, "、").replace(/^、+|、+$/g, "").replace(/、{2,}/g, "、"));
}

/** A run of bodies' names (a letterhead, a signature): every piece a body's name, none holding a handling mark. */
export function orgRun(s: string): string[] | null {
  const t = s.replace(/\s+/g, "");
  if (t.length < 2 || t.length > 120) return null;
  const names: string[] = [];
  for (const part of t.split(/[、，,]/)) {
    if (!part || MARK_IN_NAME.test(part)) return null;
    for (const n of splitRunTogether(part)) {
      if (!isOrgName(n) || n.length > 40) return null;
      names.push(n);
    }
  }
  return names.length ? names : null;
}

/** A name that can stand in a letterhead or signature by itself: it says whose body it is. */
function standalone(name: string): boolean {
  return hasOwnPlace(name) || /^(?:省|市|县|区|中共|共青团|团)/.test(name);
}

/**
 * The longest tail of `s` (no longer than 80 characters) that is a run of bodies' names, as an offset. Names that
 * open with a known place or national system are preferred: a pattern like "X省" also matches the end of the
 * words before a name (…公开山东省), a known place does not.
 */
function orgTail(s: string): number {
  for (let i = Math.max(0, s.length - 80); i < s.length - 1; i++) {
    const names = orgRun(s.slice(i));
    if (!names) continue;
    if (names.every(knownStart)) return i;
    // names that begin right at the edge of the words before them need no known place
    if (names.every(standalone) && (i === 0 || !/[\u4e00-\u9fff]/.test(s[i - 1] as string))) return i;
  }
  return -1;
}

function knownStart(name: string): boolean {
  return startsWithPlace(name) !== null || /^(?:省|市|县|区|中共|共青团)/.test(name);
}

/** Offsets of the characters inside 《》 (titles cited in a title), as a predicate. */
function insideTitles(s: string, from: number, to: number): (i: number) => boolean {
  const ranges: Array<[number, number]> = [];
  let depth = 0;
  let open = -1;
  for (let i = from; i < to; i++) {
    const c = s[i];
    if (c === "《") {
      if (depth === 0) open = i;
      depth++;
    } else if (c === "》" && depth > 0) {
      depth--;
      if (depth === 0) ranges.push([open, i]);
    }
  }
  return (i) => ranges.some(([a, b]) => i >= a && i <= b);
}

/** A list of addressees (各市人民政府，省直有关部门、单位): every piece names bodies or a collective of them. */
export function addresseeRun(s: string): boolean {
  const t = s.replace(/[（(][^（()）]{0,30}[）)]/g, "").replace(/\s+/g, "");
  if (t.length < 2 || t.length > 600 || /[。；;]/.test(t)) return false;
  // short pieces without the words of a sentence, at least one of them plainly a body or a collective of bodies
  const pieces = t.split(/[、，,]/).filter(Boolean);
  if (pieces.some((p) => p.length > 40 || /[的了要将对请并]|通知|关于|如下|以下|印发|执行/.test(p))) return false;
  return pieces.some((p) => /^(?:各|有关|相关|省直|市直|区直|县直|公司各|总部)/.test(p) || isOrgName(p));
}

/** Whether the text after a date goes on as the date's sentence (召开, 前, 起 …) rather than a new part. */
function signatureEnds(s: string, at: number): boolean {
  const next = s.slice(at, at + 6);
  if (next === "" || /^[\s\n]/.test(next)) return true;
  if (/^(?:印发|附件|附表|抄送|主题词|联系|公开|此件|[（(【\[]|签发|关于|(?:19|20)\d{2}\s*年)/.test(next)) return true;
  // a title or a body's name opens the next part (the text the notice issued, or another letterhead)
  if (hasOwnPlace(next)) return true;
  const seg = s.slice(at, at + 80);
  const stop = seg.search(/[，,。；;：:]/);
  const head = stop < 0 ? seg : seg.slice(0, stop);
  TITLE_END_RE.lastIndex = 0;
  return head.length >= 6 && TITLE_END_RE.test(head) && PREAMBLE_OPENER.test(seg.slice(TITLE_END_RE.lastIndex)) ;
}

/**
 * Cut positions in `s` (a long run of text without line breaks) where a formatted document would break lines.
 * Positions are offsets into `s`, sorted and unique.
 */
export function runOnCuts(s: string, atTop: boolean): number[] {
  const cuts = new Set<number>();
  const cut = (i: number) => {
    if (i > 0 && i < s.length) cuts.add(i);
  };

  if (atTop) frontCuts(s, cuts, cut);
  backCuts(s, cut);
  // a title followed by its preamble (…工作方案为贯彻落实…) after any cut above, or at the start of the text
  for (const c of [0, ...cuts]) {
    const e = titleEnd(s, c);
    if (e >= 0) cut(e);
  }
  return [...cuts].sort((a, b) => a - b);
}

/** Letterhead, 文号, title and addressees of the notice a run-on text opens with. */
function frontCuts(s: string, cuts: Set<number>, cut: (i: number) => void): void {
  // a letterhead: bodies' names ending in 文件, near the top, under its handling marks
  const head = s.slice(0, 200);
  const marks = head.match(LETTERHEAD_MARKS);
  if (marks) cut(marks[0].length);
  const wj = head.indexOf("文件");
  if (wj > 1 && letterhead(head.slice(marks?.[0].length ?? 0, wj))) cut(wj + 2);

  // the first sentence end: what comes before it is the front matter of the first notice
  const firstStop = s.search(/[。；;]/);
  const front = firstStop < 0 ? s.length : firstStop;

  // a 文号 standing alone (not cited in brackets or a sentence) in the front matter, or one after a cut
  for (const d of findDocNumbers(s)) {
    if (d.start > front) break;
    const before = s[d.start - 1] ?? "";
    const after = s[d.end] ?? "";
    if (/[（(《]/.test(before) || /[）)》、，,]/.test(after)) continue;
    // it stands alone where a cut or the text's start is right before it, never after words of a sentence;
    // a letterhead run onto its code (…纪检监察组驻国网纪监发〔2021〕43号) ends where the names end
    const from = Math.max(0, ...[...cuts].filter((c) => c < d.start));
    const onlyMarks = s.slice(from, d.start).replace(LETTERHEAD_MARKS, "") === "";
    if (d.start > 0 && !cuts.has(d.start) && /[\u4e00-\u9fff]/.test(before) && !onlyMarks) {
      const bracket = s.slice(d.start, d.end).search(/[〔\[［(（【]/) + d.start;
      let codeStart = -1;
      for (let p = bracket - 2; p > from + 1 && p >= bracket - 12; p--) {
        if (letterhead(s.slice(from, p))) {
          codeStart = p;
          break;
        }
      }
      if (codeStart < 0) continue;
      cut(codeStart);
      cut(d.end);
      continue;
    }
    if (![...cuts].some((c) => c > d.start && c < d.end)) cut(d.start);
    cut(d.end);
  }

  // a title (关于…的通知) and its addressees ending in ：
  const guard = insideTitles(s, 0, Math.min(s.length, front + 1));
  for (let k = s.indexOf("关于"); k >= 0 && k < front; k = s.indexOf("关于", k + 2)) {
    if (guard(k)) continue;
    const colon = s.slice(k, Math.min(front, k + 500)).search(/[:：]/);
    if (colon < 0) continue;
    const colonAt = k + colon;
    TITLE_END_RE.lastIndex = k;
    let end = -1;
    for (let m = TITLE_END_RE.exec(s); m && m.index < colonAt; m = TITLE_END_RE.exec(s)) {
      if (guard(m.index)) continue;
      const e = m.index + m[0].length;
      if (addresseeRun(s.slice(e, colonAt))) {
        end = e;
        break;
      }
    }
    if (end < 0) continue;
    // the title opens with its issuers; a letterhead written right before them (the same names) is its own line
    const prevCut = Math.max(0, ...[...cuts].filter((c) => c <= k));
    const opener = s.slice(prevCut, k);
    const tail = orgTail(opener);
    if (tail > 0) cut(prevCut + tail);
    const names = tail >= 0 ? orgRun(opener.slice(tail)) : null;
    if (names && names.length >= 2) {
      const first = names[0] as string;
      const again = names.indexOf(first, 1);
      if (again > 0) cut(prevCut + tail + names.slice(0, again).join("").length);
    }
    cut(end);
    cut(colonAt + 1);
    break;
  }
}

/** Signatures, dates, handling notes, contact lines, 附件 and 抄送 markers anywhere in a run-on text. */
function backCuts(s: string, cut: (i: number) => void): void {
  // a signature: bodies' names right before a date that ends its paragraph; an 印发 after the date stays with it
  for (const d of findDates(s)) {
    // a body's name ends right before the date, or a sentence does: anything else is a date inside a sentence
    const last = s[d.start - 1] ?? "";
    if (last !== "" && !/[局厅委办部院司署行会室心团处站台馆府组队所社盟联。；;）)\s]/.test(last)) continue;
    let back = d.start;
    while (back > 0 && d.start - back < 90 && /[\u4e00-\u9fff（）()\s]/.test(s[back - 1] as string)) back--;
    const stopChar = s[back - 1] ?? "";
    if (/[，,、]/.test(stopChar)) continue;
    const sig = s.slice(back, d.start);
    const tail = sig.trim() ? orgTail(sig) : -1;
    let end = d.end;
    if (s.startsWith("印发", end)) end += 2;
    if (!signatureEnds(s, end)) continue;
    if (tail >= 0) {
      cut(back + tail);
      cut(d.start);
    } else if (sig.trim() !== "" || !/[。；;）)]/.test(stopChar)) {
      continue;
    } else {
      cut(d.start);
    }
    cut(end);
  }

  // handling notes in brackets (此件不公开发布…), contact lines, 附件 and 抄送 markers
  for (const m of s.matchAll(/[（(](?:此件|此页|本件)/g)) {
    const open = m.index ?? 0;
    const close = s.slice(open, open + 300).search(/[）)]/);
    cut(open);
    if (close > 0) cut(open + close + 1);
  }
  for (const m of s.matchAll(/(?<=[。；;）)\]】]|\d|^)(?:联系人(?:及电话)?|抄送|主题词)[:：]/g)) {
    const at = m.index ?? 0;
    cut(at);
    const stop = s.slice(at, at + 200).search(/[。]/);
    if (stop > 0) cut(at + stop + 1);
  }
  for (const m of s.matchAll(/附\s*件\s*(?:\d(?=(?:19|20)\d{2}\s*年)|\d{1,2}|[:：]|(?=[\u4e00-\u9fff\d]))/g)) {
    // a marker stands after a sentence end, a bracket, a date or a contact number, or at the start
    if (!/^$|[。；;）)\]】日a-zA-Z\d]$/.test(s.slice(Math.max(0, (m.index ?? 0) - 1), m.index ?? 0))) continue;
    // a bare 附件 counts only where the attached text's title and preamble follow it
    if (/件\s*$/.test(m[0]) && titleEnd(s, (m.index ?? 0) + m[0].length) < 0) continue;
    const at = m.index ?? 0;
    cut(at);
    // a numbered or bare 附件 heading stands on its own line above the attached text's title
    if (/(?:\d|件)\s*$/.test(m[0])) cut(at + m[0].length);
  }
  // "附件2" run onto the last words of the attachment before it, when the attached text's title and preamble follow
  for (const m of s.matchAll(/(?<=[\u4e00-\u9fff])附\s*件\s*\d{1,2}(?=[\u4e00-\u9fff])/g)) {
    const at = m.index ?? 0;
    if (/[见按照填写报送及和与、（(]$/.test(s.slice(at - 1, at))) continue;
    const after = at + m[0].length;
    if (titleEnd(s, after) < 0) continue;
    cut(at);
    cut(after);
  }
  // a second text enclosed after the first ends (…之日起施行。X工作细则(会签稿)为完善…一、…): its title stands on a
  // line of its own when a sentence end is followed by a title, its preamble, and soon a first label
  for (const m of s.matchAll(/。(?=[^。，,；;：:]{6,80}?(?:细则|规则|办法|方案|意见|措施|规定|要点|安排|计划)(?:[（(][^（()）]{1,8}[）)])?(?:为(?!期)|根据|按照|依据))/g)) {
    const from = (m.index ?? 0) + 1;
    const ahead = s.slice(from, from + 400);
    if (!/(?:一、|第一章|第一条|[（(]一[）)])/.test(ahead)) continue;
    cut(from);
  }
}

/** Where a title starting at `from` ends when its preamble follows it (…工作方案|为贯彻落实…), or -1. */
function titleEnd(s: string, from: number): number {
  const seg = s.slice(from, from + 150);
  const stop = seg.search(/[。，,；;：:]/);
  const head = stop < 0 ? seg : seg.slice(0, stop);
  const guard = insideTitles(head, 0, head.length);
  TITLE_END_RE.lastIndex = 0;
  for (let m = TITLE_END_RE.exec(head); m; m = TITLE_END_RE.exec(head)) {
    if (guard(m.index)) continue;
    const e = m.index + m[0].length;
    if (e >= 6 && PREAMBLE_OPENER.test(seg.slice(e))) return from + e;
  }
  return -1;
}
