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
  TableLayoutType,
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

/**
 * The paragraph styles: each kind of text says its font, size and spacing once, in styles.xml, and its paragraphs
 * name the style (a table of thousands of cells is written, and read, several times faster than with the same
 * properties on every run).
 */
type StyleId = "Title" | "Subtitle" | "Body" | "Heading" | "Note" | "Caption" | "Cell" | "HeadCell" | "Spacer";
const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT });
const STYLES: Array<{ id: StyleId; name: string; run: { font: string; size: number; bold?: boolean }; paragraph: Record<string, unknown> }> = [
  { id: "Title", name: "公文标题", run: { font: FONT.title, size: SIZE.title }, paragraph: { alignment: AlignmentType.CENTER, spacing: exact(Math.round(SIZE.title * 10 * 1.6)) } },
  { id: "Subtitle", name: "标题下注", run: { font: FONT.body, size: SIZE.body }, paragraph: { alignment: AlignmentType.CENTER, spacing: exact(LINE) } },
  { id: "Body", name: "公文正文", run: { font: FONT.body, size: SIZE.body }, paragraph: { spacing: exact(LINE) } },
  // 一级标题 in 黑体, indented two characters like the body, kept with what follows it
  { id: "Heading", name: "一级标题", run: { font: FONT.heading, size: SIZE.body }, paragraph: { spacing: exact(LINE), indent: { firstLine: SIZE.body * 20 }, keepNext: true } },
  { id: "Note", name: "附注", run: { font: FONT.body, size: SIZE.note }, paragraph: { spacing: exact(Math.round(SIZE.note * 10 * 1.6)), indent: { firstLine: SIZE.note * 20 } } },
  { id: "Caption", name: "图题", run: { font: FONT.body, size: SIZE.caption }, paragraph: { alignment: AlignmentType.CENTER, spacing: exact(Math.round(SIZE.caption * 10 * 1.8)) } },
  { id: "Cell", name: "表格文字", run: { font: FONT.body, size: SIZE.table }, paragraph: { spacing: { line: 300, lineRule: LineRuleType.AUTO } } },
  { id: "HeadCell", name: "表头", run: { font: FONT.heading, size: SIZE.table }, paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 300, lineRule: LineRuleType.AUTO } } },
  { id: "Spacer", name: "表后空行", run: { font: FONT.body, size: SIZE.table }, paragraph: { spacing: exact(200) } },
];

function runs(t: string): TextRun[] {
  // a newline in a report is a line break in the cell, not a new paragraph
  return t.split(/\r\n?|\n/).map((part, i) => new TextRun({ text: clean(part), break: i ? 1 : 0 }));
}

/** XML 1.0 cannot carry control characters; they are dropped (a tab becomes a space). */
const clean = (s: string) => s.replace(/\t/g, " ").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");

function para(style: StyleId, t: string, opts: { indent?: boolean; align?: Align } = {}): Paragraph {
  return new Paragraph({
    style,
    children: runs(t),
    alignment: opts.align ? ALIGN[opts.align] : undefined,
    // 首行缩进两字
    indent: opts.indent ? { firstLine: SIZE.body * 20 } : undefined,
  });
}

function table(columns: Column[], rows: string[][]): Table {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => Math.round((c.width / total) * TEXT_WIDTH));
  const margins = { top: 40, bottom: 40, left: 80, right: 80 };
  const cell = (t: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: header ? VerticalAlign.CENTER : undefined,
      shading: header ? { type: ShadingType.CLEAR, fill: "EEEEEE", color: "auto" } : undefined,
      children: [para(header ? "HeadCell" : "Cell", t, { align: header ? undefined : columns[i]!.align === "left" ? undefined : columns[i]!.align })],
    });
  const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins,
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
  children.push(para("Title", content.titleLines.join("\n")));
  children.push(para("Subtitle", content.subtitle));
  children.push(para("Body", ""));
  children.push(para("Body", content.addressee));
  // the charts' PNG fallbacks are rasterised together (resvg runs them in libuv's thread pool)
  const pngs = new Map(
    await Promise.all(content.blocks.flatMap((b) => (b.kind === "chart" ? [svgToPng(b.chart.svg).then((png) => [b.chart.key, png] as const)] : []))),
  );
  for (const b of content.blocks) {
    switch (b.kind) {
      case "heading":
        children.push(para("Heading", b.text));
        break;
      case "paragraph":
        children.push(para("Body", b.text, { indent: true }));
        break;
      case "note":
        children.push(para("Note", b.text));
        break;
      case "table":
        children.push(table(b.columns, b.rows));
        children.push(para("Spacer", ""));
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
        children.push(para("Caption", b.caption));
        break;
    }
  }

  const doc = new Document({
    creator: "洛实",
    title: content.title,
    subject: `${content.period}督查通报`,
    description: `统计范围：${content.scope}；生成时间：${content.generatedAt}`,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: font(FONT.body), size: SIZE.body } } },
      paragraphStyles: STYLES.map((st) => ({
        id: st.id,
        name: st.name,
        basedOn: "Normal",
        quickFormat: true,
        run: { font: font(st.run.font), size: st.run.size },
        paragraph: st.paragraph,
      })),
    },
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
