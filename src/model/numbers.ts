/**
 * Numbers as officials write them (4.8万座, 3亿元), shared by the server's exports (office/format.ts) and the
 * pages (web/src/format.ts), so that a figure reads the same in the browser and in the file.
 */

/** up to `digits` decimals, trailing zeros dropped */
export function trimDecimals(n: number, digits: number): string {
  const s = n.toFixed(digits);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** 8000, 1.5万, 12.35万, 3亿, 1.2万亿: below 10万 a number 万 cannot carry exactly in two decimals stays whole (12345). */
export function zhNumber(n: number): string {
  if (!Number.isFinite(n)) return "";
  const sign = n < 0 ? "-" : "";
  const a = Math.abs(n);
  if (a >= 1e12) return sign + trimDecimals(a / 1e12, 2) + "万亿";
  if (a >= 1e8) return sign + trimDecimals(a / 1e8, 2) + "亿";
  if (a >= 1e4) {
    const w = a / 1e4;
    if (Math.abs(Math.round(w * 100) / 100 - w) < 1e-9 || a >= 1e5) return sign + trimDecimals(w, 2) + "万";
  }
  return sign + trimDecimals(a, 2);
}

/** A quantity with its unit; a unit that already carries 万/亿 (万元) keeps the number as written. */
export function zhQuantity(value: number, unit: string): string {
  return /^[万亿]/.test(unit) ? `${trimDecimals(value, 2)}${unit}` : `${zhNumber(value)}${unit}`;
}
