/**
 * The 督查通报 as a PDF, written by pdfkit: an A4 page with the 公文 margins (GB/T 9704: 37 mm top, 28 mm left,
 * a 156 × 225 mm text block), title in 2号, body in 3号 (16 pt), tables in 五号 (10.5 pt) with their header row
 * repeated on every page they run onto and a row taller than a page continued on the next, charts drawn as
 * vectors (svg-pdf.ts), page numbers "— n —" under the text block, odd pages right, even pages left. The CJK font
 * is embedded as a subset (pdf-text.ts). Nothing is fetched at run time.
 */
import PDFDocument from "pdfkit";
import type { Align, BulletinContent, Column } from "./content.js";
import { PdfFonts } from "./pdf-text.js";
import { drawSvg, svgSize } from "./svg-pdf.js";

const MM = 72 / 25.4;
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;

const SIZE = { title: 22, body: 16, table: 10.5, note: 12, caption: 12, page: 14 };
/** 公文 sets 22 lines on the 225 mm text block */
const BODY_LEADING = (225 * MM) / 22;
const TABLE_LEADING = SIZE.table * 1.45;
const CELL_PAD = 4;
const RULE = "#000000";
const HEADER_FILL = "#eeeeee";

export async function bulletinPdf(content: BulletinContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 0, bottom: 0, left: 0, right: 0 }, // the layout below keeps its own margins: pdfkit adds no page by itself
    bufferPages: true,
    lang: "zh-CN",
    displayTitle: true,
    info: { Title: content.title, Author: "洛实", Subject: `${content.period}督查通报（${content.scope}）`, Creator: "洛实 luoshi" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });

  const fonts = new PdfFonts(doc);
  let y = MARGIN.top;
  const newPage = () => {
    doc.addPage();
    y = MARGIN.top;
  };
  const room = () => BOTTOM - y;

  const lines = (text: string, size: number, leading: number, opts: { indent?: number; align?: Align; bold?: boolean; color?: string } = {}) => {
    const indent = opts.indent ?? 0;
    const wrapped = fonts.wrap(text, TEXT_WIDTH, size, indent);
    wrapped.forEach((line, i) => {
      if (room() < leading) newPage();
      const w = fonts.width(line, size);
      const first = i === 0 ? indent : 0;
      const x = opts.align === "center" ? MARGIN.left + (TEXT_WIDTH - w) / 2 : opts.align === "right" ? MARGIN.left + TEXT_WIDTH - w : MARGIN.left + first;
      fonts.draw(line, x, y + (leading - size) / 2, size, { bold: opts.bold, color: opts.color });
      y += leading;
    });
  };

  // 标题 (in lines of even length, as content.ts breaks it), the scope line, 主送
  for (const line of content.titleLines) lines(line, SIZE.title, SIZE.title * 1.6, { align: "center", bold: true });
  y += 4;
  lines(content.subtitle, SIZE.body, BODY_LEADING, { align: "center" });
  y += BODY_LEADING / 2;
  lines(content.addressee, SIZE.body, BODY_LEADING);

  for (const b of content.blocks) {
    switch (b.kind) {
      case "heading":
        if (room() < BODY_LEADING * 3) newPage(); // not a heading alone at the foot of a page
        lines(b.text, SIZE.body, BODY_LEADING, { indent: SIZE.body * 2, bold: true });
        break;
      case "paragraph":
        lines(b.text, SIZE.body, BODY_LEADING, { indent: SIZE.body * 2 });
        break;
      case "note":
        y += 4;
        lines(b.text, SIZE.note, SIZE.note * 1.6, { indent: SIZE.note * 2, color: "#333333" });
        y += 4;
        break;
      case "table":
        y += 6;
        table(doc, fonts, b.columns, b.rows, { get: () => y, set: (v) => (y = v) }, newPage);
        y += 8;
        break;
      case "chart": {
        const size = svgSize(b.chart.svg);
        const h = (size.height * TEXT_WIDTH) / size.width;
        const captionH = SIZE.caption * 1.8;
        if (room() < h + captionH + 8) newPage();
        y += 4;
        y += drawSvg(doc, fonts, b.chart.svg, { x: MARGIN.left, y, width: TEXT_WIDTH });
        lines(b.caption, SIZE.caption, captionH, { align: "center" });
        y += 4;
        break;
      }
    }
  }

  // page numbers, once every page exists: "— 1 —", odd pages on the right, even on the left, a character in
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const label = `— ${i + 1} —`;
    const w = fonts.width(label, SIZE.page);
    const x = i % 2 === 0 ? PAGE.width - MARGIN.right - SIZE.page - w : MARGIN.left + SIZE.page;
    fonts.draw(label, x, BOTTOM + 7 * MM, SIZE.page);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** A table with ruled cells; its header row again at the top of every page it continues on. */
function table(doc: PDFKit.PDFDocument, fonts: PdfFonts, columns: Column[], rows: string[][], y: { get(): number; set(v: number): void }, newPage: () => void): void {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * TEXT_WIDTH);
  const inner = widths.map((w) => w - CELL_PAD * 2);
  const wrapRow = (cells: string[]) => cells.map((text, i) => fonts.wrap(text, inner[i]!, SIZE.table));

  const drawLines = (cells: string[][], from: number, count: number, header: boolean) => {
    const top = y.get();
    const h = count * TABLE_LEADING + CELL_PAD * 2;
    let x = MARGIN.left;
    cells.forEach((cellLines, i) => {
      const w = widths[i]!;
      if (header) doc.rect(x, top, w, h).fill(HEADER_FILL);
      doc.lineWidth(0.6).rect(x, top, w, h).stroke(RULE);
      const align: Align = header ? "center" : (columns[i]!.align ?? "left");
      cellLines.slice(from, from + count).forEach((line, k) => {
        const lw = fonts.width(line, SIZE.table);
        const lx = align === "center" ? x + (w - lw) / 2 : align === "right" ? x + w - CELL_PAD - lw : x + CELL_PAD;
        fonts.draw(line, lx, top + CELL_PAD + k * TABLE_LEADING + (TABLE_LEADING - SIZE.table) / 2, SIZE.table, { bold: header });
      });
      x += w;
    });
    y.set(top + h);
  };

  const head = wrapRow(columns.map((c) => c.header));
  const headLines = Math.max(...head.map((l) => l.length));
  const headHeight = headLines * TABLE_LEADING + CELL_PAD * 2;
  const drawHeader = () => drawLines(head, 0, headLines, true);
  const room = () => BOTTOM - y.get();

  // the header and the first row stay together
  const firstRow = rows[0] ? Math.max(...wrapRow(rows[0]).map((l) => l.length)) : 0;
  if (room() < headHeight + Math.min(firstRow, 3) * TABLE_LEADING + CELL_PAD * 2) newPage();
  drawHeader();
  for (const row of rows) {
    const cells = wrapRow(row);
    const n = Math.max(1, ...cells.map((l) => l.length));
    let from = 0;
    while (from < n) {
      const fits = Math.floor((room() - CELL_PAD * 2) / TABLE_LEADING);
      // a row that fits on a fresh page is not split; one taller than a page is continued line by line
      if (fits < Math.min(n - from, 2) || (fits < n - from && n - from <= pageLines(headHeight))) {
        newPage();
        drawHeader();
        continue;
      }
      const count = Math.min(fits, n - from);
      drawLines(cells, from, count, false);
      from += count;
    }
  }
}

/** Table lines that fit on a page under the header. */
const pageLines = (headHeight: number) => Math.floor((BOTTOM - MARGIN.top - headHeight - CELL_PAD * 2) / TABLE_LEADING);
