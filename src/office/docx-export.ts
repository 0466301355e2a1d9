/**
 * The 任务分工表 as a Word document in 公文 style (docx), for printing and for attaching to a 通知: A4 landscape,
 * the title in 方正小标宋简体 二号 centred, the text in 仿宋_GB2312 (三号 for the line under the title, 五号 in the
 * table, which has ten columns to fit across the page), the header row in 黑体 repeated at the top of every page, a
 * measure's columns merged down its tasks' rows, and the page number as “— 1 —” at the foot.
 *
 * The table leaves out 任务编号 and the two columns a body fills in (完成数值, 完成情况): a printed table is read,
 * not filled in and imported (the XLSX is the form for that), and empty columns would take the width the
 * 具体措施 needs. 最新进展 and 状态 stay: they are what a reader of a printed table looks for.
 */
import { AlignmentType, Document, Footer, Packer, PageNumber, PageOrientation, Paragraph, TextRun, convertMillimetersToTwip } from "docx";
import JSZip from "jszip";
import { xmlSafe } from "./cell-text.js";
import { tableXml, type XmlCell } from "./docx-table.js";
import { TASK_TABLE_COLUMNS, type TaskTableColumn } from "./layout.js";
import { latestWithDate, measureRuns, type TaskTable } from "./task-table.js";

/** the columns a printed table shows (see above) */
export const DOCX_COLUMNS: readonly TaskTableColumn[] = TASK_TABLE_COLUMNS.filter((c) => c.key !== "taskId" && c.key !== "value" && c.key !== "completion");

const TITLE_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "方正小标宋简体" };
const BODY_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "仿宋_GB2312" };
const HEADER_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "黑体" };
const PAGE_NUMBER_FONT = { ascii: "宋体", hAnsi: "宋体", eastAsia: "宋体" };
/** half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt */
const SIZE = { title: 44, body: 32, pageNumber: 28, table: 21 };

/** A4 in twips as Word writes it (210 × 297 mm), portrait; the section turns it */
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 25, bottom: 22, left: 22, right: 22 };
const TEXT_WIDTH = A4.height - convertMillimetersToTwip(MARGIN.left + MARGIN.right);

/**
 * The table's text takes its font, size and spacing from paragraph styles, not from each run: a table of 10,000
 * tasks has some 100,000 cells. The docx library writes the document and these styles; the table itself is written
 * as markup by docx-table.ts (see there why) in the place of a marker paragraph.
 */
const STYLE = { cell: "TableText", centred: "TableTextCentred", header: "TableHeader" } as const;
const PARAGRAPH_STYLES = [
  {
    id: STYLE.cell,
    name: "表格文字",
    run: { font: BODY_FONT, size: SIZE.table },
    paragraph: { spacing: { before: 0, after: 0, line: 260 } },
  },
  { id: STYLE.centred, name: "表格文字居中", basedOn: STYLE.cell, paragraph: { alignment: AlignmentType.CENTER } },
  { id: STYLE.header, name: "表头", basedOn: STYLE.cell, run: { font: HEADER_FONT, bold: true }, paragraph: { alignment: AlignmentType.CENTER } },
];

const CENTRED = new Set(["label", "due", "status"]);

/**
 * Shares of the page width: the XLSX widths (layout.ts) are characters of a screen column; on paper the narrow
 * columns need room for 序号 （十一）and 逾期办结 in 五号, and 具体措施 gets what is left.
 */
const DOCX_SHARES: Partial<Record<TaskTableColumn["key"], number>> = {
  label: 14,
  heading: 24,
  measure: 62,
  lead: 22,
  supporting: 22,
  due: 18,
  targets: 28,
  body: 22,
  latest: 26,
  status: 17,
};

/** the paragraph the table takes the place of (docx writes the rest of the document) */
const TABLE_MARKER = "luoshi-task-table-goes-here";

export async function taskTableDocx(table: TaskTable): Promise<Uint8Array> {
  const cols = DOCX_COLUMNS;
  const share = (c: TaskTableColumn) => DOCX_SHARES[c.key] ?? c.width;
  const total = cols.reduce((a, c) => a + share(c), 0);
  const widths = cols.map((c) => Math.floor((TEXT_WIDTH * share(c)) / total));
  const styleOf = (i: number) => (CENTRED.has(cols[i]!.key) ? STYLE.centred : STYLE.cell);

  const header: XmlCell[] = cols.map((c) => ({ text: c.header, style: STYLE.header, fill: "D9E1F2" }));
  const runOf = new Map<number, [number, number]>();
  for (const run of measureRuns(table.rows)) for (let i = run[0]; i <= run[1]; i++) runOf.set(i, run);
  const rows: XmlCell[][] = table.rows.map((r, ri) => {
    const [first, last] = runOf.get(ri)!;
    return cols.map((c, i): XmlCell => {
      if (c.key === "latest") return { text: latestWithDate(r), style: styleOf(i) };
      if (!c.perMeasure || first === last) return { text: r.cells[c.key], style: styleOf(i) };
      // the measure's text in its first row; the rows below continue that cell
      return ri === first ? { text: r.cells[c.key], style: styleOf(i), merge: "restart" } : { text: "", style: styleOf(i), merge: "continue" };
    });
  });
  if (!rows.length) rows.push([{ text: "（没有符合条件的任务）", style: STYLE.centred, span: cols.length }]);

  const doc = new Document({
    creator: "luoshi",
    title: xmlSafe(table.title),
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.body } } }, paragraphStyles: PARAGRAPH_STYLES },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
            margin: {
              top: convertMillimetersToTwip(MARGIN.top),
              bottom: convertMillimetersToTwip(MARGIN.bottom),
              left: convertMillimetersToTwip(MARGIN.left),
              right: convertMillimetersToTwip(MARGIN.right),
              footer: convertMillimetersToTwip(10),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ font: PAGE_NUMBER_FONT, size: SIZE.pageNumber, children: ["— ", PageNumber.CURRENT, " —"] })],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 0, after: 200, line: 560 },
            children: [new TextRun({ text: xmlSafe(table.title), font: TITLE_FONT, size: SIZE.title })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 0, after: 200 },
            children: [new TextRun({ text: xmlSafe(table.subtitle), font: BODY_FONT, size: SIZE.body })],
          }),
          new Paragraph(TABLE_MARKER),
          // Word ends a document after a table with a paragraph
          new Paragraph({ style: STYLE.cell, children: [] }),
        ],
      },
    ],
  });
  const zip = await JSZip.loadAsync(await Packer.toBuffer(doc));
  const part = zip.file("word/document.xml")!;
  const xml = await part.async("string");
  const at = xml.indexOf(TABLE_MARKER);
  const start = xml.lastIndexOf("<w:p>", at);
  const end = xml.indexOf("</w:p>", at) + "</w:p>".length;
  if (at < 0 || start < 0) throw new Error("docx: the table's place was not found in word/document.xml");
  const body = tableXml({ widths, header: [header], rows, padding: { vertical: 40, horizontal: 70 } });
  zip.file("word/document.xml", xml.slice(0, start) + body + xml.slice(end));
  return new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } }));
}
