/**
 * The front matter of a document: the notices around the main text (转发…的通知 around 印发…的通知 around the
 * text itself), each with its title, 文号, issuers and date, and the main text's own title.
 *
 * Lines are classified first (site chrome, 文号 line, date line, 印发 line, addressees, a notice's body, a line of
 * bodies' names, a title line, running text). A wrapper is found by its body sentence (转发/印发给你们/现将…印发),
 * outside 《》 so that a cited 《关于印发…的通知》 does not count. Its head (letterhead, 文号, title, addressees) lies
 * between the previous notice and that sentence; its tail (signature, date, 公开方式 and 印发 lines) after it.
 * The main text's title is the last title before the outline that follows the last notice.
 */
import { dateLine, findDates } from "../extract/dates.js";
import { docNumberLine } from "../extract/docnumbers.js";
import { isOrgName, splitRunTogether } from "../extract/bodies.js";
import { findTitleSpans } from "../extract/citations.js";
import { addresseeRun } from "./runon.js";

export type LineKind =
  | "chrome" | "docno" | "date" | "print" | "junk" | "addressee" | "wrapper-body" | "orgs" | "wenjian" | "title" | "text";

export interface FrontLine {
  text: string;
  start: number;
  end: number;
  kind: LineKind;
  /** for orgs lines: the names; for date/print lines: the date */
  orgs?: string[];
  date?: string;
  docNumber?: string;
}

export interface NoticeMeta {
  title: string | null;
  titleSpan?: { start: number; end: number };
  docNumber: string | null;
  docNumberSpan?: { start: number; end: number };
  issuers: string[];
  issuerSpans: Array<{ start: number; end: number }>;
  issuerRule: string | null;
  date: string | null;
  dateSpan?: { start: number; end: number };
  dateRule?: string;
  start: number;
  end: number;
  /** the body sentence's span, where the wrapper's own citations are looked for */
  bodyStart: number;
  bodyEnd: number;
}

export interface FrontMatter {
  wrappers: NoticeMeta[];
  main: NoticeMeta;
  /** an issuer named by the page (信息来源 / 发布机构) when the text names none */
  pageIssuer: string | null;
}

const CHROME =
  /当前位置|您的位置|首页\s*[>＞»〉]|字号[:：]|字体[:：]|视力保护色|无障碍|繁体版|简体版|长者助手|打印本页|关闭窗口|分享到|【点击查看|政策解读】|扫一扫|浏览次数|阅读次数|访问量|^(?:来源|信息来源|发布机构|发布时间|发布日期|时间|日期)[:：]|[【\[]\s*(?:大|中|小)\s*[】\]]|^(?:打印|关闭|收藏|返回顶部|上一篇|下一篇)$/;
const PRINT_LINE = /^(.{0,40}?)\s*((?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)\s*印发$/;
const JUNK =
  /^(?:公开方式|公开属性|校对|[（(]?共印|抄送|主题词|[（(]?联系人|联系人|联系电话|附件\s*\d*\s*[:：]?|附\s*件|[（(]此件|[（(]本文有删减)/;
// issuing or forwarding a text, sending it for countersigning (会签), or for comments on a draft (征求…意见)
const WRAPPER_VERB =
  /转发|征求[^。意]{1,60}意见|征求意见(?=[，,。；;])|研究提出[^。]{0,10}意见|印发给你们|印发你们|现将.{0,120}印发|现印发|现予印发|印发如下|予以印发|现予公布|现予发布|予以公布|会签|商请/;
// the exhortation every notice ends with: it issues a text only when it names one (《…》已经…同意，请认真贯彻执行),
// not where it closes a notice's own requirements (…提出如下要求，请抓好贯彻落实)
const EXHORTATION = /请认真(?:组织)?(?:贯彻|实施|执行|落实)|请遵照执行|请认真遵照执行|请结合实际|请抓好贯彻落实/;
const TITLE_END =
  /(?:通知|通报|方案|意见|措施|要点|办法|规定|决定|函|规划|纲要|计划|细则|条例|报告|批复|通告|公告|指南|清单|目录|意见稿|》|[（(][^（()）]*(?:\d{4}|试行|暂行|修订|稿|草案)[^（()）]*[）)]|政策)$/;
const PREAMBLE = /^(?:为(?!期)|根据|按照|依据|遵照|近年来|近期|当前|目前|随着|经[^，,]{0,20}同意)/;
const TITLE_ENDING_ALONE = /^的?(?:通知|意见|函|方案|办法|规定|决定|通报|批复|报告|请示|措施|细则)$/;
const YEAR_PAREN = /^[（(](?:\d{4}\s*[-—–~至]\s*\d{4}\s*年|\d{4}\s*年|试行|修订|暂行|征求意见稿)[）)]$/;

/** The line with its 《titles》 blanked (same length), built in one pass: one rebuild per title is quadratic. */
function maskTitles(s: string): string {
  const spans = findTitleSpans(s);
  if (spans.length === 0) return s;
  let out = "";
  let from = 0;
  for (const t of spans) {
    out += s.slice(from, t.start) + "　".repeat(t.end - t.start);
    from = t.end;
  }
  return out + s.slice(from);
}

function orgTokens(s: string): string[] | null {
  const t = s.replace(/文件$/, "").trim();
  if (!t) return null;
  const tokens = t.split(/[\s、，,]+/).filter(Boolean);
  if (tokens.length === 0) return null;
  const names: string[] = [];
  for (const tok of tokens) {
    // a title's opening words (X关于…, …的…) are never a line of names
    if (!isOrgName(tok) || tok.length > 30 || /关于|的/.test(tok)) return null;
    names.push(...splitRunTogether(tok));
  }
  return names;
}

export function classifyLine(text: string): Pick<FrontLine, "kind" | "orgs" | "date" | "docNumber"> {
  const t = text.trim();
  const d = dateLine(t);
  if (d) return { kind: "date", date: d.value };
  // a date in brackets under a title, as gazettes print it: （2019年3月1日）, （2019年3月1日市政府第5次常务会议通过）
  const gazette = t.match(/^[（(]\s*(.{8,60}?)\s*[）)]$/);
  if (gazette) {
    const inner = gazette[1] as string;
    const gd = findDates(inner)[0];
    // the date may follow the body that dated it: （民政部一九九七年一月二十八日）
    const lead = gd ? inner.slice(0, gd.start).trim() : "";
    if (gd && !/[，,。；;]/.test(inner) && (lead === "" || (isOrgName(lead) && !/关于|的/.test(lead)))) {
      return lead ? { kind: "date", date: gd.value, orgs: [lead] } : { kind: "date", date: gd.value };
    }
  }
  const no = docNumberLine(t);
  if (no) return { kind: "docno", docNumber: no.value };
  const p = t.match(PRINT_LINE);
  if (p) {
    const pd = findDates(p[2] as string)[0];
    return { kind: "print", date: pd?.value };
  }
  if (CHROME.test(t)) return { kind: "chrome" };
  // an order's number under its title (某市人民政府令 / 第38号): no part of the title
  if (/^第\s*[\d一二三四五六七八九十百零〇]{1,6}\s*号$/.test(t)) return { kind: "junk" };
  // an order signed by its head (市长：某某) above the date: part of the signature, no body's name
  if (/^(?:省\s*长|市\s*长|县\s*长|区\s*长|州\s*长|主\s*席|主\s*任|局\s*长|厅\s*长|部\s*长|署\s*长|书\s*记)(?:\s*[:：]\s*|\s+)\S{1,6}$/.test(t)) return { kind: "junk" };
  if (JUNK.test(t)) return { kind: "junk" };
  if (t === "文件") return { kind: "wenjian" };
  const masked = maskTitles(t);
  // addressees: a run of names ending in ：, or any short list of names (国网北京、冀北、山西电力:) ending so
  if (/[：:]$/.test(t) && !masked.includes("。") && (/各|人民政府|单位|部门|委员会|有关|厅|局|党委|机关/.test(t) || addresseeRun(t.slice(0, -1)))) {
    return { kind: "addressee" };
  }
  const issues = WRAPPER_VERB.test(masked) || (EXHORTATION.test(masked) && /《/.test(t) && !/如下|以下/.test(t));
  if (issues && /[。，,]/.test(masked)) return { kind: "wrapper-body" };
  // a preamble (为…，根据…，现就…通知如下：) is running text however it ends
  if (PREAMBLE.test(t) && /[，,]/.test(t)) return { kind: "text" };
  const orgs = orgTokens(t);
  if (orgs) return { kind: /文件$/.test(t) ? "wenjian" : "orgs", orgs };
  if (!masked.replace(/[（(][^（()）]*[）)]/g, "").includes("。") && t.length <= 150 && /[\u4e00-\u9fff]/.test(t)) {
    return { kind: "title" };
  }
  return { kind: "text" };
}

/** Joins title lines that belong together: a title broken mid-phrase, or a (2018-2020年) on a line of its own. */
function titleGroups(lines: FrontLine[], from: number, to: number): Array<{ a: number; b: number; text: string }> {
  const groups: Array<{ a: number; b: number; text: string }> = [];
  let i = from;
  while (i < to) {
    const l = lines[i] as FrontLine;
    // the issuing body on a line of its own above "关于…": the title begins with it
    const opensTitle = l.kind === "orgs" && i + 1 < to && (lines[i + 1] as FrontLine).kind === "title" && /^关于/.test((lines[i + 1] as FrontLine).text.trim());
    if (l.kind !== "title" && !opensTitle) {
      i++;
      continue;
    }
    let j = i;
    let text = l.text.replace(/\s+/g, "");
    if (opensTitle) {
      j++;
      text += (lines[j] as FrontLine).text.replace(/\s+/g, "");
    }
    while (j + 1 < to) {
      const n = lines[j + 1] as FrontLine;
      const nt = n.text.replace(/\s+/g, "");
      // a line that opens a title of its own (关于…, or its issuers then 关于…) starts a new title
      const opensOwn = /^关于/.test(nt) || issuersFromTitle(nt).length > 0;
      // a line that is only the title's ending (的通知, 的意见) always belongs to the line above
      const ending = TITLE_ENDING_ALONE.test(nt);
      const joinable = n.kind === "title" && (ending || !TITLE_END.test(text.slice(-40)) || YEAR_PAREN.test(nt)) && !(opensOwn && !opensTitle && j === i);
      if (!joinable) break;
      text += nt;
      j++;
    }
    groups.push({ a: i, b: j, text: stripOuterBrackets(text) });
    i = j + 1;
  }
  return groups;
}

function stripOuterBrackets(title: string): string {
  const m = title.match(/^《([^《》]*)》$/);
  return m ? (m[1] as string) : title;
}

/** 广州市工业和信息化局关于印发… → ["广州市工业和信息化局"]: the body (or bodies) that open a title. */
export function issuersFromTitle(title: string): string[] {
  // an order is titled by the body that gives it: 某市人民政府令
  const order = title.match(/^(.{2,40}?)令$/);
  if (order && isOrgName(order[1] as string)) return [order[1] as string];
  // …and a plan titled by its body and year (某县农业农村局2024年工作要点)
  const m = title.match(/^(.{2,80}?)(?:关于|转发|印发|(?:19|20)\d{2}(?:\s*[-—–~至]\s*(?:19|20)\d{2})?\s*年)/);
  if (!m) return [];
  const head = (m[1] as string).replace(/等$/, "");
  const parts = head.split(/[、\s]+/).filter(Boolean);
  const names: string[] = [];
  for (const p of parts) {
    if (!isOrgName(p) || /的/.test(p)) return [];
    names.push(...splitRunTogether(p));
  }
  return names;
}

function pageIssuer(lines: FrontLine[]): string | null {
  for (const l of lines) {
    if (l.kind !== "chrome") continue;
    const m = l.text.match(/(?:信息来源|来源|发布机构|发文机关)[:：]\s*([\u4e00-\u9fff（）()]{2,40}?)(?=\s|字号|字体|时间|日期|发布|浏览|$)/);
    if (m && isOrgName(m[1] as string)) return m[1] as string;
  }
  return null;
}

function emptyNotice(start: number): NoticeMeta {
  return {
    title: null, docNumber: null, issuers: [], issuerSpans: [], issuerRule: null, date: null,
    start, end: start, bodyStart: start, bodyEnd: start,
  };
}

/**
 * Reads the front matter from the lines before the outline. `lines` are the clean text's lines in order, with
 * clean-text offsets.
 */
export function parseFrontMatter(raw: Array<{ text: string; start: number; end: number }>): FrontMatter {
  const lines: FrontLine[] = raw.map((l) => ({ ...l, ...classifyLine(l.text) }));
  const bodies = lines.map((l, i) => (l.kind === "wrapper-body" ? i : -1)).filter((i) => i >= 0);
  // a notice's body may run over several paragraphs; only the first opens a new notice
  const noticeBodies = bodies.filter((b, k) => k === 0 || !isContinuation(lines, bodies[k - 1] as number, b));
  const wrappers: NoticeMeta[] = [];
  let regionStart = 0;
  noticeBodies.forEach((b, k) => {
    const nextBody = noticeBodies[k + 1] ?? lines.length;
    const w = emptyNotice((lines[regionStart] as FrontLine | undefined)?.start ?? 0);
    const body = lines[b] as FrontLine;
    w.bodyStart = body.start;
    w.bodyEnd = body.end;
    readHead(lines, regionStart, b, w);
    const tailEnd = readTail(lines, b + 1, nextBody, w);
    if (w.issuers.length === 0 && w.title) {
      const fromTitle = issuersFromTitle(w.title);
      if (fromTitle.length) {
        w.issuers = fromTitle;
        w.issuerRule = "issuer.title-opening";
        if (w.titleSpan) w.issuerSpans = [w.titleSpan];
      }
    }
    w.end = (lines[tailEnd] as FrontLine).end;
    wrappers.push(w);
    regionStart = tailEnd + 1;
  });

  // the main text: its title is the last title group before running text or a 文号 after the last notice
  const main = emptyNotice((lines[regionStart] as FrontLine | undefined)?.start ?? 0);
  const groups = titleGroups(lines, regionStart, lines.length);
  const firstText = lines.findIndex((l, i) => i >= regionStart && (l.kind === "text" || l.kind === "wrapper-body"));
  const limit = firstText < 0 ? lines.length : firstText;
  const before = groups.filter((g) => g.b < limit);
  // the title right above the outline, with nothing but markers after it, is the main text's own (the text a
  // notice issues as its second attachment stands after the first attachment's text)
  const last = groups[groups.length - 1];
  const closing = last && lines.slice(last.b + 1).every((l) => l.kind !== "text" && l.kind !== "wrapper-body") ? last : undefined;
  const chosen = closing ?? before[before.length - 1] ?? groups[0];
  if (chosen) {
    main.title = chosen.text;
    main.titleSpan = { start: (lines[chosen.a] as FrontLine).start, end: (lines[chosen.b] as FrontLine).end };
  }
  for (let i = regionStart; i < limit; i++) {
    const l = lines[i] as FrontLine;
    if (l.kind === "docno" && !main.docNumber) {
      main.docNumber = l.docNumber ?? null;
      main.docNumberSpan = { start: l.start, end: l.end };
    }
    // the main text's own date right under its title (a gazette's bracketed date)
    if (l.kind === "date" && !main.date && chosen && i > chosen.b) {
      main.date = l.date ?? null;
      main.dateSpan = { start: l.start, end: l.end };
      main.dateRule = "date.under-title";
      if (l.orgs && main.issuers.length === 0) {
        main.issuers = l.orgs;
        main.issuerRule = "issuer.under-title";
        main.issuerSpans = [{ start: l.start, end: l.end }];
      }
    }
    if ((l.kind === "orgs" || l.kind === "wenjian") && l.orgs && main.issuers.length === 0 && wrappers.length === 0) {
      // a letterhead above the main text's own title
      const next = lines[i + 1];
      // "X部门文件" is a company's letterhead for documents of its departments: the department signs, not X
      const generic = l.orgs.every((o) => /(?:部门|单位)$/.test(o));
      if (!generic && (l.kind === "wenjian" || (next && (next.kind === "wenjian" || next.kind === "orgs" || next.kind === "docno" || next.kind === "title")))) {
        main.issuers = l.orgs;
        main.issuerRule = "issuer.letterhead";
        main.issuerSpans = [{ start: l.start, end: l.end }];
      }
    }
  }
  main.end = (lines[lines.length - 1] as FrontLine | undefined)?.end ?? main.start;
  return { wrappers, main, pageIssuer: pageIssuer(lines) };
}

function isContinuation(lines: FrontLine[], prev: number, cur: number): boolean {
  // paragraphs of one notice body follow each other with nothing but running text between
  for (let i = prev + 1; i < cur; i++) {
    const k = (lines[i] as FrontLine).kind;
    if (k !== "text" && k !== "wrapper-body") return false;
  }
  return true;
}

function readHead(lines: FrontLine[], from: number, to: number, w: NoticeMeta): void {
  const groups = titleGroups(lines, from, to);
  // the notice's title: the last title group that reads as a notice, else the last one
  const notice = groups.filter((g) => /(?:通知|函|决定|通报|批复|意见|报告)$/.test(g.text));
  const g = notice[notice.length - 1] ?? groups[groups.length - 1];
  if (g) {
    w.title = g.text;
    w.titleSpan = { start: (lines[g.a] as FrontLine).start, end: (lines[g.b] as FrontLine).end };
  }
  const letterhead: FrontLine[] = [];
  for (let i = from; i < to; i++) {
    const l = lines[i] as FrontLine;
    if (l.kind === "docno" && !w.docNumber) {
      w.docNumber = l.docNumber ?? null;
      w.docNumberSpan = { start: l.start, end: l.end };
    }
    if ((l.kind === "orgs" || l.kind === "wenjian") && l.orgs && (!g || i < g.a)) letterhead.push(l);
  }
  if (letterhead.length) {
    w.issuers = letterhead.flatMap((l) => l.orgs ?? []);
    w.issuerSpans = letterhead.map((l) => ({ start: l.start, end: l.end }));
    w.issuerRule = "issuer.letterhead";
  }
}

/** Reads signature, date, and the 公开方式/印发 lines after a notice's body; returns the index of its last line. */
function readTail(lines: FrontLine[], from: number, to: number, w: NoticeMeta): number {
  let end = from - 1;
  let signature: FrontLine[] = [];
  let printDate: FrontLine | null = null;
  let dated = false;
  for (let i = from; i < to; i++) {
    const l = lines[i] as FrontLine;
    if (l.kind === "date" && !dated) {
      dated = true;
      w.date = l.date ?? null;
      w.dateSpan = { start: l.start, end: l.end };
      w.dateRule = "date.signature";
      if (signature.length) {
        w.issuers = signature.flatMap((s) => s.orgs ?? []);
        w.issuerSpans = signature.map((s) => ({ start: s.start, end: s.end }));
        w.issuerRule = "issuer.signature";
      }
      signature = [];
      end = i;
      continue;
    }
    if (l.kind === "orgs") {
      // names right before a date are the signature; right before an 印发 line, its 办公室; else they are the
      // letterhead of the next notice
      let j = i;
      while (lines[j + 1]?.kind === "orgs") j++;
      const after = lines[j + 1]?.kind;
      if (after === "date" && !dated) {
        for (let k = i; k <= j; k++) signature.push(lines[k] as FrontLine);
      } else if (after !== "print") {
        break;
      }
      end = j;
      i = j;
      continue;
    }
    if (l.kind === "print") {
      if (!printDate) printDate = l;
      end = i;
      continue;
    }
    if (l.kind === "junk") {
      end = i;
      continue;
    }
    // the rest of an 附件 list (2．… 3．… under 附件：1．…) before the signature
    if (!dated && /^\d{1,2}\s*[.．、]/.test(l.text.trim()) && lines.slice(from, i).some((x) => /^附\s*件/.test(x.text.trim()))) {
      end = i;
      continue;
    }
    if ((l.kind === "text" || l.kind === "wrapper-body") && !dated) {
      end = i;
      continue;
    }
    break;
  }
  if (!dated && printDate) {
    w.date = printDate.date ?? null;
    w.dateSpan = { start: printDate.start, end: printDate.end };
    w.dateRule = "date.print-line";
  }
  return Math.max(end, from - 1);
}
