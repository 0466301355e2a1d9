/**
 * A WordprocessingML table written as text, for tables too large for the docx library's object model: every cell
 * there is a tree of objects turned into another tree and then into strings, some 100 KB of memory a cell, so a
 * 任务分工表 of 10,000 tasks (100,000 cells) took gigabytes and most of a minute. This writes the same markup
 * straight into one string: the header row repeated on each page (w:tblHeader), merged cells (w:vMerge), paragraph
 * styles for the text. docx-export.ts puts it into the document the docx library made.
 */
import { xmlSafe } from "./cell-text.js";

export interface XmlCell {
  text: string;
  /** a paragraph style of the document */
  style: string;
  /** restart: the first of a vertically merged cell; continue: the cells below it */
  merge?: "restart" | "continue";
  /** background, RRGGBB */
  fill?: string;
  /** columns spanned */
  span?: number;
}

export interface XmlTable {
  /** twips */
  widths: number[];
  /** rows repeated at the top of every page */
  header: XmlCell[][];
  rows: XmlCell[][];
  /** twips: top/bottom and left/right padding of every cell */
  padding: { vertical: number; horizontal: number };
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
export const xmlText = (s: string) => xmlSafe(s).replace(/[&<>"]/g, (c) => ESCAPES[c]!);

const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="000000"';

function cellXml(c: XmlCell, width: number): string {
  const props =
    `<w:tcW w:w="${width}" w:type="dxa"/>` +
    (c.span && c.span > 1 ? `<w:gridSpan w:val="${c.span}"/>` : "") +
    (c.merge === "restart" ? '<w:vMerge w:val="restart"/>' : c.merge === "continue" ? '<w:vMerge w:val="continue"/>' : "") +
    (c.fill ? `<w:shd w:val="clear" w:color="auto" w:fill="${c.fill}"/>` : "") +
    '<w:vAlign w:val="center"/>';
  const lines = c.merge === "continue" ? [""] : c.text.split("\n");
  const paragraphs = lines
    .map((l) => `<w:p><w:pPr><w:pStyle w:val="${c.style}"/></w:pPr>${l ? `<w:r><w:t xml:space="preserve">${xmlText(l)}</w:t></w:r>` : ""}</w:p>`)
    .join("");
  return `<w:tc><w:tcPr>${props}</w:tcPr>${paragraphs}</w:tc>`;
}

function rowXml(cells: XmlCell[], widths: number[], header: boolean): string {
  let col = 0;
  const tcs = cells.map((c) => {
    const span = c.span ?? 1;
    const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
    col += span;
    return cellXml(c, width);
  });
  return `<w:tr>${header ? "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : ""}${tcs.join("")}</w:tr>`;
}

export function tableXml(t: XmlTable): string {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const { vertical: v, horizontal: h } = t.padding;
  const props =
    `<w:tblPr><w:tblW w:w="${total}" w:type="dxa"/>` +
    `<w:tblBorders><w:top ${BORDER}/><w:left ${BORDER}/><w:bottom ${BORDER}/><w:right ${BORDER}/><w:insideH ${BORDER}/><w:insideV ${BORDER}/></w:tblBorders>` +
    '<w:tblLayout w:type="fixed"/>' +
    `<w:tblCellMar><w:top w:w="${v}" w:type="dxa"/><w:left w:w="${h}" w:type="dxa"/><w:bottom w:w="${v}" w:type="dxa"/><w:right w:w="${h}" w:type="dxa"/></w:tblCellMar>` +
    "</w:tblPr>";
  const grid = `<w:tblGrid>${t.widths.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>`;
  const parts = [`<w:tbl>${props}${grid}`];
  for (const r of t.header) parts.push(rowXml(r, t.widths, true));
  for (const r of t.rows) parts.push(rowXml(r, t.widths, false));
  parts.push("</w:tbl>");
  return parts.join("");
}
