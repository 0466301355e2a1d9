/**
 * What a body typed into a cell, read as the importers need it: text as shown, a day, a number. Excel and WPS
 * store the same answer in several shapes (a date as a serial number or as text in four spellings; a number as a
 * number, a percentage style, or text with 万 and a unit), and all of them must come back to one value.
 */
import { unescapeCell } from "./cell-text.js";
import type { Cell } from "./xlsx-read.js";

/** A number as a person reads it: 15 significant digits, so 0.1 + 0.2 shows as 0.3. */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

/** The cell as text, as Excel shows it closely enough for matching: numbers plainly, dates as YYYY-MM-DD. */
export function cellText(c: Cell | undefined, date1904 = false): string {
  if (!c) return "";
  const v = c.value;
  switch (v.type) {
    case "string":
      // the quote the exporter put before formula-like text (cell-text.ts) is not the body's
      return unescapeCell(v.text.trim());
    case "number":
      if (c.format === "date") return serialToIso(v.value, date1904) ?? plainNumber(v.value);
      if (c.format === "percent") return `${plainNumber(v.value * 100)}%`;
      return plainNumber(v.value);
    case "boolean":
      return v.value ? "TRUE" : "FALSE";
    case "error":
      return v.text;
    case "date":
      return v.iso;
    case "empty":
      return "";
  }
}

export const isBlank = (c: Cell | undefined) => !c || (c.formula === null && cellText(c) === "");

const DAY = 86_400_000;

function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return back.toISOString().slice(0, 10);
}

/**
 * An Excel date serial to its day. In the 1900 system Excel counts 1900-02-29, a day that never was (Lotus
 * 1-2-3's bug, kept for compatibility): serial 60 is that day (refused), and from 61 on every serial is one
 * more than the days since 1899-12-31. In the 1904 system (old Mac workbooks, `date1904`) serial 0 is 1904-01-01.
 * The time of day (the fraction) is dropped.
 */
export function serialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1) || serial > 80_000) return null;
  const whole = Math.floor(serial);
  let t: number;
  if (date1904) t = Date.UTC(1904, 0, 1) + whole * DAY;
  else if (whole === 60) return null;
  else if (whole < 60) t = Date.UTC(1899, 11, 31) + whole * DAY;
  else t = Date.UTC(1899, 11, 30) + whole * DAY;
  const iso = new Date(t).toISOString().slice(0, 10);
  return Number(iso.slice(0, 4)) > 2100 ? null : iso;
}

/** A day written as text: 2024-06-30, 2024/6/30, 2024.6.30, 2024年6月30日, 20240630 (full-width digits too). */
export function parseDateText(s: string): string | null {
  const t = s.normalize("NFKC").replace(/\s+/g, "");
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  return m ? isoOf(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** The day a cell holds: a date-styled or bare serial number, a strict date cell, or text. */
export function cellDate(c: Cell, date1904 = false): string | null {
  const v = c.value;
  if (v.type === "number") return serialToIso(v.value, date1904);
  if (v.type === "date") return parseDateText(v.iso);
  if (v.type === "string") return parseDateText(v.text);
  return null;
}

export interface TypedNumber {
  value: number;
  /** written as a percentage (85%, or a number cell in a percent style) */
  percent: boolean;
  /** what followed the number (座, 个, 户), if anything */
  unit: string;
}

const MULTIPLIERS: Record<string, number> = { 千: 1e3, 万: 1e4, 亿: 1e8 };

/**
 * A number as a body types it: 1,234.5 / １２３ / 4.8万 / 48000座 / 85% / -3. Null when it is not one
 * (约4万, 4万左右, 两千). 万 and 亿 are multiplied out, since targets are stored in base units (4.8万座 → 48000 座).
 */
export function parseNumberText(s: string): TypedNumber | null {
  const t = s.normalize("NFKC").replace(/\s+/g, "").replace(/(?<=\d),(?=\d{3}(?:\D|$))/g, "");
  const m = /^([+-]?(?:\d+(?:\.\d+)?|\.\d+))(千|万|亿)?(.*)$/.exec(t);
  if (!m) return null;
  const unit = m[3]!;
  // what may follow is a unit (座, 个, 万户, %), not more words or numbers
  if (!/^(?:%|[\p{Script=Han}A-Za-z/²³]{0,6})$/u.test(unit) || /^(以上|以下|左右|多|余)/.test(unit)) return null;
  const percent = unit === "%";
  const value = Number(m[1]) * (m[2] ? MULTIPLIERS[m[2]]! : 1);
  if (!Number.isFinite(value)) return null;
  return { value: Number(value.toPrecision(12)), percent, unit };
}

/** The number a cell holds: a number cell (a percent style counts as percent: 0.85 shown 85% is 85), or text. */
export function cellNumber(c: Cell): TypedNumber | null {
  const v = c.value;
  if (v.type === "number") {
    if (c.format === "percent") return { value: Number((v.value * 100).toPrecision(12)), percent: true, unit: "%" };
    return { value: v.value, percent: false, unit: "" };
  }
  if (v.type === "string") return parseNumberText(v.text);
  return null;
}
