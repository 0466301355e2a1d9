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
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  convertMillimetersToTwip,
} from "docx";
import { xmlSafe } from "./cell-text.js";
import { TASK_TABLE_COLUMNS, type TaskTableColumn } from "./layout.js";
import { measureRuns, type TaskTable } from "./task-table.js";

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

const line = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const BORDERS = { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line };

function cellParagraphs(text: string, opts: { header?: boolean; centred?: boolean }): Paragraph[] {
  const lines = xmlSafe(text).split("\n");
  return lines.map(
    (l) =>
      new Paragraph({
        alignment: opts.header || opts.centred ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: { before: 0, after: 0, line: 260 },
        children: [new TextRun({ text: l, font: opts.header ? HEADER_FONT : BODY_FONT, size: SIZE.table, bold: opts.header })],
      }),
  );
}

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

export async function taskTableDocx(table: TaskTable): Promise<Uint8Array> {
  const cols = DOCX_COLUMNS;
  const share = (c: TaskTableColumn) => DOCX_SHARES[c.key] ?? c.width;
  const total = cols.reduce((a, c) => a + share(c), 0);
  const widths = cols.map((c) => Math.floor((TEXT_WIDTH * share(c)) / total));
  const cell = (text: string, i: number, extra: { header?: boolean; merge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType] } = {}) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { top: 40, bottom: 40, left: 70, right: 70 },
      verticalMerge: extra.merge,
      shading: extra.header ? { type: ShadingType.CLEAR, color: "auto", fill: "D9E1F2" } : undefined,
      children: cellParagraphs(text, { header: extra.header, centred: CENTRED.has(cols[i]!.key) }),
    });

  const header = new TableRow({ tableHeader: true, cantSplit: true, children: cols.map((c, i) => cell(c.header, i, { header: true })) });
  const runs = measureRuns(table.rows);
  const runOf = new Map<number, [number, number]>();
  for (const run of runs) for (let i = run[0]; i <= run[1]; i++) runOf.set(i, run);
  const body = table.rows.map((r, ri) => {
    const [first, last] = runOf.get(ri)!;
    return new TableRow({
      children: cols.map((c, i) => {
        if (!c.perMeasure || first === last) return cell(r.cells[c.key], i);
        // the measure's text in its first row; the rows below continue that cell
        return ri === first ? cell(r.cells[c.key], i, { merge: VerticalMergeType.RESTART }) : cell("", i, { merge: VerticalMergeType.CONTINUE });
      }),
    });
  });
  const rows = [header, ...body];
  if (!table.rows.length) rows.push(new TableRow({ children: [new TableCell({ columnSpan: cols.length, children: cellParagraphs("（没有符合条件的任务）", { centred: true }) })] }));

  const doc = new Document({
    creator: "luoshi",
    title: xmlSafe(table.title),
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.body } } } },
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
          new Table({
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            columnWidths: widths,
            layout: TableLayoutType.FIXED,
            borders: BORDERS,
            rows,
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
