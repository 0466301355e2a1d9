/**
 * Telling which measure a row of a sheet means when its task id is gone: by 序号 (the label as the document
 * writes it, 1. or （一）, or the row's number in the document's list) and, where a label repeats (every chapter
 * has its 1.), by the 具体措施 text. And telling whether that text was changed in the sheet.
 */

/** 序号 as compared: full-width folded, no spaces, no closing 、 or . (1. = 1 = １．; （一） = (一)). */
export function labelKey(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, "").replace(/[、.,:;]+$/, "");
}

/** A measure's text as compared: full-width folded, without spaces or punctuation, which exports and retyping change. */
export function textKey(s: string): string {
  return s.normalize("NFKC").replace(/[\s\p{P}\p{S}]+/gu, "");
}

export interface MeasureWords {
  label: string;
  title: string;
  text: string;
}

// a measure is compared with many rows: its renderings are made once
const RENDERINGS = new WeakMap<MeasureWords, Set<string>>();

/** The ways a table may show a measure: its title, its text, both, with or without its label. */
function renderings(m: MeasureWords): Set<string> {
  const known = RENDERINGS.get(m);
  if (known) return known;
  const out = new Set<string>();
  for (const head of ["", m.label]) for (const body of [m.title, m.text, `${m.title}${m.text}`]) out.add(textKey(head + body));
  out.delete("");
  RENDERINGS.set(m, out);
  return out;
}

/** True when the cell shows this measure's words as stored (any of the usual renderings), spacing and punctuation aside. */
export function showsMeasure(cell: string, m: MeasureWords): boolean {
  return renderings(m).has(textKey(cell));
}

/** The measures the cell shows (its key computed once, however many measures there are). */
export function measuresShowing<T extends MeasureWords>(cell: string, measures: T[]): T[] {
  const key = textKey(cell);
  return key ? measures.filter((m) => renderings(m).has(key)) : [];
}

/** True when the cell is the text that was exported (spacing and punctuation aside). */
export const sameText = (a: string, b: string) => textKey(a) === textKey(b);

/** Candidates narrowed by the 具体措施 cell when it tells them apart; all of them when it does not. */
export function narrowByText<T extends { measure: MeasureWords }>(candidates: T[], cell: string): T[] {
  if (candidates.length < 2 || !textKey(cell)) return candidates;
  const exact = candidates.filter((c) => showsMeasure(cell, c.measure));
  if (exact.length) return exact;
  // a text cut short or run on: the candidates whose words begin the same way
  const key = textKey(cell).slice(0, 24);
  const prefix = candidates.filter((c) => [...renderings(c.measure)].some((r) => r.startsWith(key) || key.startsWith(r.slice(0, 24))));
  return prefix.length ? prefix : candidates;
}
