/**
 * The 督查通报 as a Word file (the docx library), in 公文 style (GB/T 9704): A4 with 37/35/28/26 mm margins, title
 * in 2号方正小标宋简体, body in 3号仿宋_GB2312 on a fixed 28.95 pt line (22 lines a page), 一级标题 in 3号黑体,
 * tables in 五号 with the header row repeated on each page, page numbers "— n —" in 4号宋体 at the foot, odd pages
 * on the right and even pages on the left. Those fonts are the ones an official's Word or WPS has; elsewhere the
 * word processor substitutes its own. Charts are SVG (drawn by ECharts on the server) with a PNG for word
 * processors that do not read SVG. Text from documents goes in as text runs: the library escapes it, and Word
 * reads no formula or field in it.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import type { Align, BulletinContent, Column } from "./content.js";
import { svgToPng } from "./charts.js";

const twips = (mm: number) => Math.round((mm * 1440) / 25.4);
const TEXT_WIDTH = twips(156);
/** 22 lines on the 225 mm text block, in twips */
const LINE = Math.round(twips(225) / 22);

const FONT = { body: "仿宋_GB2312", heading: "黑体", title: "方正小标宋简体", pageNumber: "宋体" };
/** half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 五号 10.5 pt, 小四 12 pt */
const SIZE = { title: 44, body: 32, pageNumber: 28, table: 21, note: 24, caption: 24 };

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
};

function text(t: string, opts: { font?: string; size?: number; bold?: boolean } = {}): TextRun[] {
  // a newline in a report is a line break in the cell, not a new paragraph
  return t.split(/\r\n?|\n/).map((part, i) => new TextRun({ text: clean(part), font: font(opts.font ?? FONT.body), size: opts.size ?? SIZE.body, bold: opts.bold, break: i ? 1 : 0 }));
}

/** XML 1.0 cannot carry control characters; they are dropped (a tab becomes a space). */
const clean = (s: string) => s.replace(/\t/g, " ").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");

function bodyParagraph(t: string, opts: { indent?: boolean; size?: number; font?: string; bold?: boolean; align?: Align; line?: number; keepNext?: boolean } = {}): Paragraph {
  const size = opts.size ?? SIZE.body;
  return new Paragraph({
    keepNext: opts.keepNext,
    children: text(t, { size, font: opts.font, bold: opts.bold }),
    alignment: ALIGN[opts.align ?? "left"],
    // 首行缩进两字
    indent: opts.indent ? { firstLine: Math.round(size * 20) } : undefined,
    spacing: { line: opts.line ?? LINE, lineRule: LineRuleType.EXACT },
  });
}

function table(columns: Column[], rows: string[][]): Table {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => Math.round((c.width / total) * TEXT_WIDTH));
  const cell = (t: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      shading: header ? { type: ShadingType.CLEAR, fill: "EEEEEE", color: "auto" } : undefined,
      children: [
        new Paragraph({
          children: text(t, { size: SIZE.table, bold: header, font: header ? FONT.heading : FONT.body }),
          alignment: ALIGN[header ? "center" : (columns[i]!.align ?? "left")],
          spacing: { line: 300, lineRule: LineRuleType.AUTO },
        }),
      ],
    });
  const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.header, i, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((t, i) => cell(t, i, false)) })),
    ],
  });
}

function pageNumberFooter(align: Align): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: ALIGN[align],
        // 单页码居右空一字, 双页码居左空一字
        indent: align === "right" ? { right: SIZE.pageNumber * 10 } : { left: SIZE.pageNumber * 10 },
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: font(FONT.pageNumber), size: SIZE.pageNumber })],
      }),
    ],
  });
}

export async function bulletinDocx(content: BulletinContent): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  children.push(bodyParagraph(content.titleLines.join("\n"), { font: FONT.title, size: SIZE.title, align: "center", line: Math.round(SIZE.title * 10 * 1.6) }));
  children.push(bodyParagraph(content.subtitle, { align: "center" }));
  children.push(bodyParagraph("", {}));
  children.push(bodyParagraph(content.addressee, {}));
  // the charts' PNG fallbacks are rasterised together (resvg runs off the main thread)
  const pngs = new Map(
    await Promise.all(content.blocks.flatMap((b) => (b.kind === "chart" ? [svgToPng(b.chart.svg).then((png) => [b.chart.key, png] as const)] : []))),
  );
  for (const b of content.blocks) {
    switch (b.kind) {
      case "heading":
        // a heading is not left alone at the foot of a page
        children.push(bodyParagraph(b.text, { font: FONT.heading, indent: true, keepNext: true }));
        break;
      case "paragraph":
        children.push(bodyParagraph(b.text, { indent: true }));
        break;
      case "note":
        children.push(bodyParagraph(b.text, { size: SIZE.note, indent: true, line: Math.round(SIZE.note * 10 * 1.6) }));
        break;
      case "table":
        children.push(table(b.columns, b.rows));
        children.push(bodyParagraph("", { size: SIZE.table, line: 200 }));
        break;
      case "chart":
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            keepNext: true,
            children: [
              new ImageRun({
                type: "svg",
                data: Buffer.from(b.chart.svg, "utf8"),
                fallback: { type: "png", data: pngs.get(b.chart.key)! },
                transformation: { width: b.chart.width, height: b.chart.height },
                altText: { name: b.chart.title, title: b.chart.title, description: b.chart.description },
              }),
            ],
          }),
        );
        children.push(bodyParagraph(b.caption, { size: SIZE.caption, align: "center", line: Math.round(SIZE.caption * 10 * 1.8) }));
        break;
    }
  }

  const doc = new Document({
    creator: "洛实",
    title: content.title,
    subject: `${content.period}督查通报`,
    description: `统计范围：${content.scope}；生成时间：${content.generatedAt}`,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(FONT.body), size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: twips(210), height: twips(297) },
            margin: { top: twips(37), bottom: twips(35), left: twips(28), right: twips(26), footer: twips(35 - 7 - 5) },
          },
        },
        footers: { default: pageNumberFooter("right"), even: pageNumberFooter("left") },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
