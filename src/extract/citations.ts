/**
 * Citations (引用文件): 《title》, a 文号, or both standing together (《…》（国发〔2017〕40号）), which is one
 * citation. 《》 around a newspaper, book or programme is no document; neither is a name in “…”.
 */
import { findDocNumbers, normalizeDocNumber } from "./docnumbers.js";

export interface CitationSpan {
  docNumber: string | null;
  title: string | null;
  start: number;
  end: number;
  rule: string;
}

// What a document's title ends with. A title ending in anything else (《人民日报》, 《新闻联播》) is not a document.
const DOC_TITLE_END =
  /(?:规划|纲要|方案|意见|通知|办法|措施|计划|决定|条例|规定|细则|法|要点|通告|公告|函|批复|规则|标准|指南|目录|清单|报告|政策|制度|意见稿|决议|纪要|战略|规范|守则|规程|准则|须知|指引|导则|工程|行动|协议|备忘录|章程|公约|法典|命令|令|指示|议案|建议|白皮书|实施方案|工作方案|路线图|若干规定|暂行办法|管理办法)$/;

/** 《title》 spans, with their content; 《《 typos read as 《. Nested 《》 inside a title stay in it. */
export function findTitleSpans(text: string): Array<{ start: number; end: number; title: string }> {
  const out: Array<{ start: number; end: number; title: string }> = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("《", i);
    if (open < 0) break;
    let j = open;
    while (text[j + 1] === "《") j++; // 《《title》: a doubled opening is a typo
    let depth = 0;
    let k = j + 1;
    let close = -1;
    for (; k < text.length && k - j < 200; k++) {
      const c = text[k];
      if (c === "《") depth++;
      else if (c === "》") {
        if (depth === 0) {
          close = k;
          break;
        }
        depth--;
      } else if (c === "\n" || c === "。") break;
    }
    if (close < 0) {
      i = j + 1;
      continue;
    }
    out.push({ start: open, end: close + 1, title: text.slice(j + 1, close).replace(/\s+/g, "") });
    i = close + 1;
  }
  return out;
}

export function isDocumentTitle(title: string): boolean {
  const core = title.replace(/[（(][^（()）]*[）)]$/, "").replace(/[“”"]/g, "");
  return core.length >= 4 && DOC_TITLE_END.test(core);
}

/** Every citation in the text, in order. */
export function findCitations(text: string): CitationSpan[] {
  const titles = findTitleSpans(text);
  const numbers = findDocNumbers(text);
  const used = new Set<number>();
  const out: CitationSpan[] = [];
  for (const t of titles) {
    // a 文号 in brackets right after the title is the same document
    const follow = text.slice(t.end, t.end + 40);
    const m = follow.match(/^\s*[（(]([^（()）]{2,30}?)[）)]/);
    let docNumber: string | null = null;
    let end = t.end;
    if (m) {
      const idx = numbers.findIndex((n, k) => !used.has(k) && n.start >= t.end && n.end <= t.end + (m[0].length));
      if (idx >= 0) {
        used.add(idx);
        docNumber = (numbers[idx] as { value: string }).value;
        end = t.end + m[0].length;
      }
    }
    if (!docNumber && !isDocumentTitle(t.title)) continue;
    out.push({ docNumber, title: t.title, start: t.start, end, rule: docNumber ? "cite.title-and-docno" : "cite.title" });
  }
  numbers.forEach((n, k) => {
    if (used.has(k)) return;
    // a 文号 inside a 《》 title is part of that title
    if (titles.some((t) => n.start >= t.start && n.end <= t.end)) return;
    out.push({ docNumber: normalizeDocNumber(n.value), title: null, start: n.start, end: n.end, rule: "cite.docno" });
  });
  out.sort((a, b) => a.start - b.start);
  return out;
}
