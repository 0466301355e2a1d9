/**
 * Text from documents in a cell of an exported file. Document text is untrusted: a 具体措施 that reads
 * `=HYPERLINK("http://x","y")` must stay text when Excel, WPS or LibreOffice opens the XLSX or the CSV, or when
 * someone edits the cell and presses Enter. So a cell that would start with a formula character (= + - @, or a tab or
 * carriage return, which some programs strip before reading a formula) gets a single quote in front, as OWASP
 * advises for CSV, and the same in XLSX, whose cells are always written as strings. The importer reads cells back
 * through `unescapeCell`.
 *
 * XML 1.0 (XLSX, DOCX) cannot carry most control characters, and a lone surrogate is not text: both are dropped,
 * so a hostile document cannot make an export that Excel refuses to open.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
// C0 controls but tab, line feed and carriage return; the two non-characters XML forbids; lone surrogates
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Excel keeps at most this many characters in a cell; longer text is cut with an ellipsis. */
export const MAX_CELL_CHARS = 32_767;

/** Text that XML can carry: control characters and lone surrogates dropped. */
export function xmlSafe(s: string): string {
  return s.replace(NOT_XML, "");
}

/** Would a spreadsheet read this cell as a formula (or strip its first character)? */
export const startsLikeFormula = (s: string) => FORMULA_START.test(s);

/** A single quote in front of text a spreadsheet would otherwise read as a formula. */
export function escapeCell(s: string): string {
  return startsLikeFormula(s) ? `'${s}` : s;
}

/** The text of a cell as exported, given back: the quote `escapeCell` added is taken off again. */
export function unescapeCell(s: string): string {
  return s.startsWith("'") && startsLikeFormula(s.slice(1)) ? s.slice(1) : s;
}

/** Untrusted text as a spreadsheet cell: XML-safe, within Excel's length, never a formula. */
export function cellText(s: string | null | undefined): string {
  let t = xmlSafe(s ?? "");
  if (t.length > MAX_CELL_CHARS - 1) t = `${t.slice(0, MAX_CELL_CHARS - 2)}…`;
  return escapeCell(t);
}
