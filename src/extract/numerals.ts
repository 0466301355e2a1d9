/** Chinese numerals as documents write them: 三, 十五, 二十三, 一百二十, 两, 〇/零, and 二〇二〇 digit by digit. */

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, "○": 0, Ｏ: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export const CN_DIGITS = "零〇○一二两三四五六七八九";
export const CN_NUMERAL_CHARS = "零〇○一二两三四五六七八九十百千";

/**
 * Value of a Chinese numeral below 10 000 (十五 → 15, 一百零五 → 105), or of a digit-by-digit
 * numeral (二〇二〇 → 2020). Returns null for anything else.
 */
export function chineseToNumber(s: string): number | null {
  if (s.length === 0) return null;
  let hasUnit = false;
  for (const c of s) {
    if (SMALL_UNIT[c] !== undefined) hasUnit = true;
    else if (DIGIT[c] === undefined) return null;
  }
  if (!hasUnit) {
    // 二〇二〇: positional digits
    let v = 0;
    for (const c of s) v = v * 10 + (DIGIT[c] as number);
    return v;
  }
  let total = 0;
  let digit: number | null = null;
  for (const c of s) {
    const unit = SMALL_UNIT[c];
    if (unit !== undefined) {
      total += (digit ?? 1) * unit; // 十五: a bare 十 means 一十
      digit = null;
    } else {
      digit = DIGIT[c] as number;
    }
  }
  return total + (digit ?? 0);
}

/** A numeral written in Arabic digits, Chinese numerals or a mix of digits with spaces ("1 0" in 第 1 0 条). */
export function numeralValue(s: string): number | null {
  const t = s.replace(/\s+/g, "");
  if (/^\d+$/.test(t)) return Number(t);
  return chineseToNumber(t);
}
