/** Chinese numerals for writing out list numbers (一, 十二, 二十, 一百零五); legal form 壹贰叁 on request. */
const DIGITS = "零一二三四五六七八九";
const LEGAL = "零壹贰叁肆伍陆柒捌玖";

export function chineseNumeral(n: number, legal = false): string {
  const d = legal ? LEGAL : DIGITS;
  const units = legal ? ["", "拾", "佰", "仟"] : ["", "十", "百", "千"];
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n === 0) return d[0]!;
  const digits = String(n).split("").map(Number);
  let s = "";
  let zero = false;
  digits.forEach((v, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (v === 0) {
      zero = true;
      return;
    }
    if (zero && s !== "") s += d[0];
    zero = false;
    s += d[v]! + unit;
  });
  // 一十二 is written 十二 in ordinary numbering
  return !legal && n >= 10 && n < 20 ? s.slice(1) : s;
}
