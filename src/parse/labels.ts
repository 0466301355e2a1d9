/**
 * Numbering labels of an outline: 一、 /（一）/ 1. 1、 1． /（1）/ 1) / ① / 第一条 第一章 第一节.
 * A label is recognised here by its shape only; whether it really begins an item (and at which level) is the
 * outline's decision, by the sequence it continues.
 */
import { numeralValue } from "../extract/numerals.js";

export type LabelStyle = "chapter" | "section" | "article" | "cn-dun" | "cn-paren" | "ar-dot" | "ar-paren" | "ar-rparen" | "circled";

export interface Label {
  style: LabelStyle;
  value: number;
  /** the label as it stands in the path: 一, 1, ①, 十 (for 第十条) */
  text: string;
  /** characters the label takes, spaces after it included */
  length: number;
}

const CN = "[一二三四五六七八九十]{1,3}";
// sticky patterns, tried at a position without cutting the text
const PATTERNS: Array<[LabelStyle, RegExp]> = [
  ["chapter", /第\s*([一二三四五六七八九十百零〇\d][一二三四五六七八九十百零〇\d\s]{0,6}?)\s*章[\s　]*/y],
  ["section", /第\s*([一二三四五六七八九十百零〇\d][一二三四五六七八九十百零〇\d\s]{0,6}?)\s*节[\s　]*/y],
  ["article", /第\s*([一二三四五六七八九十百零〇\d][一二三四五六七八九十百零〇\d\s]{0,6}?)\s*条[\s　]*/y],
  ["cn-dun", new RegExp(`(${CN})\\s*[、．]\\s*`, "y")],
  ["cn-paren", new RegExp(`[（(]\\s*(${CN})\\s*[）)]\\s*`, "y")],
  ["ar-dot", /(\d{1,3})\s*(?:[、．]|\.(?!\d))\s*/y],
  ["ar-paren", /[（(]\s*(\d{1,3})\s*[）)]\s*/y],
  ["ar-rparen", /(\d{1,3})\s*[）)]\s*/y],
  ["circled", /([①-⑳])\s*/y],
];
// the characters a label can start with: anything else is no label, without trying a pattern
const FIRST = new Set([..."第一二三四五六七八九十（(0123456789"].map((c) => c.charCodeAt(0)));

/** Where a label may begin inside running text: after 。；： or spaces. Used to cut lines that lost their breaks. */
export const LABEL_AT = /(?:[。；;：:]\s*|\s+)(?<label>第\s*[一二三四五六七八九十百\d]{1,4}\s*[章节条]|[一二三四五六七八九十]{1,3}[、．]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,3}(?:[、．]|\.(?!\d))|[（(]\d{1,3}[）)]|[①-⑳])/g;

export function labelAt(s: string, i: number): Label | null {
  const first = s.charCodeAt(i);
  if (!FIRST.has(first) && !(first >= 0x2460 && first <= 0x2473)) return null;
  for (const [style, re] of PATTERNS) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) continue;
    const raw = m[1] as string;
    let value: number | null;
    let text: string;
    if (style === "circled") {
      value = raw.charCodeAt(0) - 0x2460 + 1;
      text = raw;
    } else {
      value = numeralValue(raw);
      text = raw.replace(/\s+/g, "");
    }
    if (value === null || value < 1) return null;
    // a label is followed by its heading text, not by a unit or more digits (1.5万, 3、4月)
    const next = s[i + m[0].length] ?? "";
    if (style === "ar-dot" || style === "ar-rparen") {
      if (/[\d%万亿个年月日号]/.test(next)) return null;
    }
    if (style === "cn-dun" && /[、．]/.test(next)) return null;
    return { style, value, text, length: m[0].length };
  }
  return null;
}
