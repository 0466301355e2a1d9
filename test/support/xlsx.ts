/**
 * Workbooks for the importer's tests, made two ways: with exceljs (as Excel writes them: shared strings, styles)
 * and as raw SpreadsheetML zipped with jszip, so that a test controls every byte (WPS's inline strings, rich
 * text runs, date1904, formulas with cached values, hidden sheets, hostile content).
 */
import { constants as zlibConstants, createDeflateRaw, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { HIDDEN_SHEET_NAME, TASK_SHEET_NAME, TASK_TABLE_VERSION } from "../../src/office/layout.js";
import { columnLetter } from "../../src/office/xlsx-read.js";
import type { FakeEntry } from "./zip.js";

export type CellInput = string | number | boolean | Date | null | undefined | { formula: string; result?: string | number };

export interface SheetInput {
  name?: string;
  rows: CellInput[][];
  /** "A1:M1" */
  merges?: string[];
  state?: "visible" | "hidden" | "veryHidden";
}

/** A workbook as Excel writes it (exceljs: shared strings, a styles part). */
export async function excelWorkbook(sheets: SheetInput[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name ?? TASK_SHEET_NAME, { state: s.state ?? "visible" });
    s.rows.forEach((row, i) => {
      row.forEach((v, j) => {
        if (v === null || v === undefined) return;
        const cell = ws.getCell(i + 1, j + 1);
        if (typeof v === "object" && !(v instanceof Date)) cell.value = { formula: v.formula, result: v.result } as ExcelJS.CellFormulaValue;
        else cell.value = v;
        if (v instanceof Date) cell.numFmt = "yyyy-mm-dd";
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export interface RawSheet {
  name: string;
  /** the whole worksheet XML, or rows to write as inline strings and numbers */
  xml?: string;
  rows?: CellInput[][];
  merges?: string[];
  state?: "visible" | "hidden" | "veryHidden";
}

/**
 * Worksheet XML from rows, each cell written by `cell` (empty for none) at its reference (A1…); the two ways
 * Excel and WPS store text below differ only in their cells, the spans of a row and a dimension element.
 */
function worksheetXml(
  rows: CellInput[][],
  merges: string[],
  cell: (v: Exclude<CellInput, null | undefined>, ref: string) => string,
  opts: { spans?: boolean; dimension?: boolean } = {},
): string {
  const body = rows
    .map((row, i) => {
      const cells = row.map((v, j) => (v === null || v === undefined ? "" : cell(v, `${columnLetter(j)}${i + 1}`))).join("");
      return `<row r="${i + 1}"${opts.spans ? ` spans="1:${row.length}"` : ""}>${cells}</row>`;
    })
    .join("");
  const m = merges.length ? `<mergeCells count="${merges.length}">${merges.map((r) => `<mergeCell ref="${r}"/>`).join("")}</mergeCells>` : "";
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${opts.dimension ? '<dimension ref="A1"/>' : ""}<sheetData>${body}</sheetData>${m}</worksheet>`;
}

/** Worksheet XML with inline strings (t="inlineStr", as WPS writes them), numbers and formulas. */
export function inlineSheetXml(rows: CellInput[][], merges: string[] = []): string {
  return worksheetXml(rows, merges, (v, ref) => {
    if (typeof v === "number") return `<c r="${ref}"><v>${v}</v></c>`;
    if (typeof v === "boolean") return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
    if (v instanceof Date) throw new Error("raw sheets take dates as serials or text");
    if (typeof v === "object") {
      const cached = v.result === undefined ? "" : typeof v.result === "number" ? `<v>${v.result}</v>` : `<v>${esc(v.result)}</v>`;
      return `<c r="${ref}"${typeof v.result === "string" ? ' t="str"' : ""}><f>${esc(v.formula)}</f>${cached}</c>`;
    }
    return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
  });
}

export interface RawWorkbook {
  sheets: RawSheet[];
  /** the shared strings part's XML, when the sheets use t="s" */
  sharedStrings?: string;
  /** the styles part's XML */
  styles?: string;
  date1904?: boolean;
  /** parts added as they are (a test may add anything) */
  extra?: Record<string, string | Uint8Array>;
}

/** A workbook zipped with jszip from SpreadsheetML written by hand. */
export async function rawWorkbook(w: RawWorkbook): Promise<Buffer> {
  const zip = new JSZip();
  const sheetTypes = w.sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("");
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetTypes}</Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const sheets = w.sheets
    .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state && s.state !== "visible" ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`)
    .join("");
  zip.file(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${w.date1904 ? '<workbookPr date1904="1"/>' : "<workbookPr/>"}<sheets>${sheets}</sheets></workbook>`,
  );
  const n = w.sheets.length;
  const rels = w.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  if (w.sharedStrings) rels.push(`<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`);
  if (w.styles) rels.push(`<Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`);
  zip.file("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`);
  w.sheets.forEach((s, i) => zip.file(`xl/worksheets/sheet${i + 1}.xml`, s.xml ?? inlineSheetXml(s.rows ?? [], s.merges)));
  if (w.sharedStrings) zip.file("xl/sharedStrings.xml", w.sharedStrings);
  if (w.styles) zip.file("xl/styles.xml", w.styles);
  for (const [k, v] of Object.entries(w.extra ?? {})) zip.file(k, v);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A shared-strings part and the rows' cells rewritten to point into it (t="s"), as Excel stores text. */
export function sharedStringsOf(rows: CellInput[][], merges: string[] = []): { sheetXml: string; sharedStrings: string } {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const sheetXml = worksheetXml(
    rows,
    merges,
    (v, ref) => {
      if (typeof v === "number") return `<c r="${ref}" s="0"><v>${v}</v></c>`;
      if (typeof v !== "string") throw new Error("shared-string sheets take strings and numbers");
      if (!index.has(v)) {
        index.set(v, strings.length);
        strings.push(v);
      }
      return `<c r="${ref}" t="s"><v>${index.get(v)}</v></c>`;
    },
    { spans: true, dimension: true },
  );
  return {
    sheetXml,
    sharedStrings: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join("")}</sst>`,
  };
}

/** The hidden sheet of an export, as the importer reads it (layout.ts): version and document above a task table. */
export function hiddenSheetRows(documentId: number, tasks: Array<{ taskId: number; label: string; body: string; measure: string }>): CellInput[][] {
  return [["版本", TASK_TABLE_VERSION], ["文件编号", documentId], [], ["任务编号", "序号", "填报单位", "具体措施"], ...tasks.map((t) => [t.taskId, t.label, t.body, t.measure])];
}

export { HIDDEN_SHEET_NAME, TASK_SHEET_NAME };

/**
 * `total` bytes of zeros as raw deflate, made by repeating one flushed block: a megabyte of zeros deflates to
 * about a kilobyte, so a gigabyte costs a megabyte to hold and no time to make.
 */
export function deflatedZeros(total: number): Buffer {
  const MB = 1024 * 1024;
  const block = deflateRawSync(Buffer.alloc(MB), { finishFlush: zlibConstants.Z_FULL_FLUSH });
  const n = Math.ceil(total / MB);
  return Buffer.concat([...Array<Buffer>(n).fill(block), deflateRawSync(Buffer.alloc(0))]);
}

/** The parts of a minimal workbook around one sheet whose bytes the test supplies (already deflated). */
export function workbookAround(sheet: { data: Buffer; declaredSize: number }): FakeEntry[] {
  const d = (s: string) => deflateRawSync(Buffer.from(s));
  const part = (name: string, s: string): FakeEntry => ({ name, data: d(s), declaredSize: Buffer.byteLength(s) });
  return [
    part("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
    part(
      "xl/workbook.xml",
      `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${TASK_SHEET_NAME}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    part(
      "xl/_rels/workbook.xml.rels",
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    { name: "xl/worksheets/sheet1.xml", data: sheet.data, declaredSize: sheet.declaredSize },
  ];
}

/**
 * A sheet of `rows` rows (序号, 填报单位, 最新进展), its XML generated in pieces and deflated as a stream, never
 * held whole: what a million-row upload looks like, compressed about as well as a real one.
 */
export async function manyRowsSheet(rows: number): Promise<{ data: Buffer; declaredSize: number }> {
  const deflate = createDeflateRaw({ level: 1 });
  const out: Buffer[] = [];
  deflate.on("data", (b: Buffer) => out.push(b));
  const done = new Promise((resolve, reject) => deflate.on("end", resolve).on("error", reject));
  let size = 0;
  const write = async (s: string) => {
    size += Buffer.byteLength(s);
    if (!deflate.write(s)) await new Promise((r) => deflate.once("drain", r));
  };
  await write(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`);
  await write(`<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c><c r="B1" t="inlineStr"><is><t>填报单位</t></is></c><c r="C1" t="inlineStr"><is><t>最新进展</t></is></c></row>`);
  let chunk = "";
  for (let r = 2; r <= rows + 1; r++) {
    chunk += `<row r="${r}"><c r="A${r}"><v>${r - 1}</v></c><c r="B${r}" t="inlineStr"><is><t>单位${r % 97}</t></is></c><c r="C${r}" t="inlineStr"><is><t>第${r}行进展${(r * 7919) % 10007}</t></is></c></row>`;
    if (chunk.length > 256 * 1024) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk + `</sheetData></worksheet>`);
  deflate.end();
  await done;
  return { data: Buffer.concat(out), declaredSize: size };
}
