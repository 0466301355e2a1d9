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
  /**
   * a shape that is a label only where the sequence expects exactly this number: an OCR-damaged delimiter
   * (7。 for 7.) or a number glued to digits of its heading (3.12345热线 reads as a decimal)
   */
  doubtful?: boolean;
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
// OCR-damaged or ambiguous arabic labels: 7。 (a full stop read for the dot), 3.12345热线 (the heading opens with digits)
const DAMAGED_DOT = /(\d{1,3})\s*。\s*(?=[\u4e00-\u9fff“《（(])/y;
const DECIMAL_DOT = /(\d{1,3})\.(?=\d+[\u4e00-\u9fff])(?!\d+(?:万|亿|千|百|元|个|家|户|座|所|项|条|人|名|年|月|日|号|倍|米|吨|亩|公里|千米|小时|天|次|批|期|届|版|代|级))/y;
// 1.2020年1月15日前…: a label whose heading opens with a year (a decimal number has no four-digit year after its dot)
const DOT_YEAR = /(\d{1,3})\.(?=(?:19|20)\d{2}\s*年)/y;
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
      // …but a heading may open with a time (3．年底前清理…, 2.月内完成…)
      const after2 = s.slice(i + m[0].length, i + m[0].length + 2);
      if (/[\d%万亿个号]/.test(next) || (/[年月日]/.test(next) && !/^[年月][底内度末初中前]/.test(after2))) return null;
    }
    if (style === "cn-dun" && /[、．]/.test(next)) return null;
    return { style, value, text, length: m[0].length };
  }
  for (const re of [DAMAGED_DOT, DECIMAL_DOT, DOT_YEAR]) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) continue;
    const value = Number(m[1]);
    if (value < 1) return null;
    return { style: "ar-dot", value, text: String(value), length: m[0].length, ...(re === DOT_YEAR ? {} : { doubtful: true }) };
  }
  return null;
}
