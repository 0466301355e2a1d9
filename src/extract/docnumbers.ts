/**
 * 文号 (document numbers): 粤府〔2018〕27号, 粤工信信软[2020]37号, 国发(2017)40号, 穗工信［2019］6号.
 * Normalised to 〔〕 brackets with whitespace removed, the form other documents cite them by.
 */
export interface DocNumberSpan {
  value: string;
  start: number;
  end: number;
  rule: string;
}

// An issuer code is a few CJK characters (粤工信信软, 国发, 国办发, 穗府办函) before a bracketed year. The bracket part
// is matched first and the code read backwards from it: a pattern that starts with the code would try every
// run of Chinese characters in the text.
const BRACKET_YEAR_RE = /[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*(\d{1,5})\s*号/g;
const CJK = /[\u4e00-\u9fff]/;

// Words that end a running phrase right before a 文号 and so are not part of its issuer code; the last one
// before the bracket ends it. (Not 经 or 依: codes use them, 粤经信.)
const LEADING_NOISE = /^.*(?:文件|印发|转发|根据|按照|依据|落实|贯彻|关于|通知|执行|参照|见|按|的|和|与|及|、)/;

export function normalizeDocNumber(s: string): string {
  return s
    .replace(/\s+/g, "")
    .replace(/[\[［(（【]((?:19|20)\d{2})[\]］)）】]/, "〔$1〕");
}

export function findDocNumbers(text: string): DocNumberSpan[] {
  const out: DocNumberSpan[] = [];
  BRACKET_YEAR_RE.lastIndex = 0;
  for (let m = BRACKET_YEAR_RE.exec(text); m; m = BRACKET_YEAR_RE.exec(text)) {
    let codeEnd = m.index;
    while (codeEnd > 0 && /\s/.test(text[codeEnd - 1] as string)) codeEnd--;
    let codeStart = codeEnd;
    while (codeStart > 0 && codeEnd - codeStart < 12 && CJK.test(text[codeStart - 1] as string)) codeStart--;
    if (codeStart === codeEnd) continue;
    let code = text.slice(codeStart, codeEnd);
    let start = codeStart;
    const trimmed = code.replace(LEADING_NOISE, "");
    if (trimmed.length > 0 && trimmed !== code) {
      start += code.length - trimmed.length;
      code = trimmed;
    }
    if (code.length > 8) {
      // a long run of characters before the bracket is a sentence, not a code: keep its tail
      start += code.length - 8;
      code = code.slice(-8);
    }
    out.push({ value: `${code}〔${m[1]}〕${m[2]}号`, start, end: m.index + m[0].length, rule: "docno.bracket-year" });
  }
  return out;
}

/** The 文号 when a whole line is one, as under a letterhead. */
export function docNumberLine(line: string): DocNumberSpan | null {
  if (line.length > 60 || !line.includes("号")) return null;
  const t = line.trim();
  const found = findDocNumbers(t);
  if (found.length !== 1) return null;
  const d = found[0] as DocNumberSpan;
  return d.start === 0 && d.end === t.length ? d : null;
}
