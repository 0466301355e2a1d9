/**
 * Reading an XLSX that came from outside (a body's filled 任务分工表): the bytes are untrusted, so nothing is
 * believed before it is checked, and nothing is done that a file could make unbounded.
 *
 * - The type is read from the bytes, never the name: a ZIP holding `[Content_Types].xml` and `xl/workbook.xml`.
 *   A legacy .xls (or a password-protected .xlsx: both are OLE2 containers), a PDF, a DOCX, a CSV or anything
 *   else is refused with a message that says what it is and what to do.
 * - ZIP bombs: the central directory is read first (src/text/zip.ts, the project's defensive reader, already
 *   used for DOCX text and evidence files; one ZIP reader rather than two, which is why yauzl is not used here)
 *   and an archive with too many entries, too much declared content or an absurd compression ratio is refused
 *   before a byte is inflated. Each part is then inflated as a stream, counted as it comes, and dropped the
 *   moment it passes its declared size or the part limit, whatever its header said.
 * - Rows: a sheet is parsed as it is inflated (htmlparser2's tokenizer in XML mode, which expands no DTD
 *   entities) and rows holding a value are counted; past the limit the read stops at once, so a sheet of a
 *   million rows is refused after reading the first twenty thousand, in bounded memory. Only the sheets a caller
 *   asks for are read.
 * - Formulas are never evaluated: a cell reports its formula text and whatever cached value the file carries,
 *   and the caller decides (the importers refuse formulas where the body types its answers).
 *
 * exceljs is not used for reading: `Workbook.xlsx.load` inflates every part in full through JSZip with no size
 * limit (a bomb is expanded in memory before we could look at a row) and parses every sheet; its streaming
 * reader inflates with unzipper without checking entry sizes. Reading SpreadsheetML ourselves is a few hundred
 * lines and gives both shapes of files we meet (Excel's shared strings and WPS's inline strings) the same rows.
 */
import { StringDecoder } from "node:string_decoder";
import { createInflateRaw } from "node:zlib";
import { Parser } from "htmlparser2";
import { formatBytes } from "../text/limits.js";
import { readCentralDirectory, ZipError, type ZipEntry } from "../text/zip.js";

export interface XlsxLimits {
  /** entries in the archive */
  maxEntries: number;
  /** the uncompressed size the whole archive declares */
  maxTotalBytes: number;
  /**
   * the inflated size of a part held in memory whole (shared strings, styles, the workbook); a sheet is read as
   * a stream and stopped at the row limit, so only the total bounds it
   */
  maxPartBytes: number;
  /** uncompressed : compressed beyond which a part larger than `ratioCheckAbove` is a bomb */
  maxRatio: number;
  ratioCheckAbove: number;
  /**
   * data rows a sheet may hold; reading stops at this many rows holding a value plus HEADER_ROOM (a title and a
   * header above the data), and a table's importer holds its data rows to this many exactly
   */
  maxRows: number;
  /** cells right of this column are not kept (a task table has a dozen columns) */
  maxColumns: number;
  /** text kept per cell: Excel's own limit */
  maxCellChars: number;
  /** shared strings in the workbook */
  maxSharedStrings: number;
}

export const XLSX_LIMITS: XlsxLimits = {
  maxEntries: 2000,
  maxTotalBytes: 200 * 1024 * 1024,
  maxPartBytes: 50 * 1024 * 1024,
  maxRatio: 100,
  ratioCheckAbove: 1024 * 1024,
  maxRows: 20_000,
  maxColumns: 256,
  maxCellChars: 32_767,
  maxSharedStrings: 2_000_000,
};

/** rows above a table's data (a title, a 文号 line, the header) that do not count against maxRows */
export const HEADER_ROOM = 30;

/** The message for a sheet over the row limit. */
export const tooManyRows = (file: string, sheet: string, max: number) =>
  `「${file}」的工作表“${sheet}”超过 ${max.toLocaleString("en-US")} 行的上限，请拆分成几个文件分批导入`;

/**
 * A file that cannot be read as a workbook. `message` is the whole Chinese sentence for the user, naming the
 * file; `kind` is the class of the problem for the API (415, 413, 422).
 */
export class XlsxError extends Error {
  constructor(
    readonly file: string,
    readonly kind: "unsupported" | "too-large" | "unreadable",
    message: string,
  ) {
    super(message);
    this.name = "XlsxError";
  }
}

/** A part's path inside the archive as a message may show it. */
const partName = (name: string) => name.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "").slice(0, 80);

/** A file name as a message may show it: no folders, no control characters, bounded. */
export function displayName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "").trim();
  return (base.length > 80 ? `${base.slice(0, 40)}…${base.slice(-30)}` : base) || "上传的文件";
}

export type CellValue =
  | { type: "string"; text: string }
  | { type: "number"; value: number }
  | { type: "boolean"; value: boolean }
  /** #N/A, #DIV/0! … as the file shows them */
  | { type: "error"; text: string }
  /** a date cell of the strict format (t="d"): the day as YYYY-MM-DD */
  | { type: "date"; iso: string }
  | { type: "empty" };

/** How a number is shown, from its style: a date serial, a percentage, or anything else. */
export type NumberFormat = "date" | "percent" | "general";

export interface Cell {
  value: CellValue;
  /** the formula as written (`HYPERLINK("…")`, `cmd|' /C calc'!A0`), never evaluated; "" for a shared formula's dependants */
  formula: string | null;
  format: NumberFormat;
}

export interface SheetRow {
  /** the row number as Excel shows it (1-based) */
  r: number;
  /** by column, 0-based (A = 0) */
  cells: Map<number, Cell>;
}

/** A merged range: rows as Excel numbers them, columns 0-based, both ends inclusive. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetInfo {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
}

export interface SheetData extends SheetInfo {
  /** rows holding at least one value, in order */
  rows: SheetRow[];
  merges: CellRange[];
}

/** Column letters to a 0-based index: A → 0, AB → 27; -1 when not letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A 0-based column index to its letters: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "B12" → {col: 1, row: 12}; null when it is not a cell reference. */
export function parseRef(ref: string): { col: number; row: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return null;
  return { col: columnIndex(m[1]!), row: Number(m[2]) };
}

function parseRange(ref: string): CellRange | null {
  const [a, b] = ref.split(":");
  const from = a ? parseRef(a) : null;
  const to = b ? parseRef(b) : from;
  if (!from || !to) return null;
  return { top: Math.min(from.row, to.row), bottom: Math.max(from.row, to.row), left: Math.min(from.col, to.col), right: Math.max(from.col, to.col) };
}

// built-in number formats (ECMA-376 18.8.30, and the East Asian ids Excel and WPS use in zh-CN)
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const BUILTIN_PERCENT = new Set([9, 10]);

/** What a number format code shows a number as: a date (y, m, d, h, s, 年月日 outside quotes), a percentage, or plain. */
export function formatKind(code: string): NumberFormat {
  // the first section (positive numbers) decides; quoted text, escaped characters and [colour]/[$-804] go
  const first = code.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/)[0] ?? "";
  const bare = first.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, "");
  if (/[ymdhs年月日]/i.test(bare.replace(/General/gi, "").replace(/E[+-]/g, ""))) return "date";
  if (bare.includes("%")) return "percent";
  return "general";
}

/** Excel's escapes for characters XML cannot hold (`_x000D_`), decoded; control characters other than tab and line breaks dropped. */
export function cleanText(s: string): string {
  return s
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

const local = (name: string) => name.slice(name.lastIndexOf(":") + 1);

function attr(attribs: Record<string, string>, name: string): string | undefined {
  if (name in attribs) return attribs[name];
  for (const [k, v] of Object.entries(attribs)) if (local(k) === name) return v;
  return undefined;
}

interface Handlers {
  open(name: string, attribs: Record<string, string>): void;
  text(t: string): void;
  close(name: string): void;
}

const LOCAL_HEADER = 0x04034b50;

/** What the bytes are when they are not an OOXML workbook, for the message. */
function whatElse(bytes: Uint8Array): "ole2" | "pdf" | "zip" | "text" | "image" | "unknown" {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return "ole2";
  if (/^(?:\uFEFF|\xEF\xBB\xBF)?\s*%PDF-/.test(Buffer.from(bytes.subarray(0, 64)).toString("latin1"))) return "pdf";
  if (head[0] === 0x50 && head[1] === 0x4b) return "zip";
  if (head[0] === 0x89 && head[1] === 0x50) return "image";
  if (head[0] === 0xff && head[1] === 0xd8) return "image";
  // text: no NUL and almost no control characters in the first 4 KB (UTF-8 or GBK alike)
  const sample = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return "unknown";
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control <= sample.length / 100 ? "text" : "unknown";
}

/**
 * An XLSX opened for reading: its sheets' names and states, read from the workbook; a sheet's rows are read
 * when asked for (`readSheet`).
 */
export class XlsxFile {
  private sharedStrings: string[] | null = null;
  private styles: NumberFormat[] = [];

  /** the workbook's sheets in tab order, hidden ones included */
  sheets: SheetInfo[] = [];
  /** the workbook counts dates from 1904-01-01 (old Mac workbooks) */
  date1904 = false;
  private sheetPaths = new Map<string, string>();
  private stringsPath: string | null = null;

  private constructor(
    readonly file: string,
    private readonly bytes: Uint8Array,
    private readonly entries: Map<string, ZipEntry>,
    private readonly limits: XlsxLimits,
  ) {}

  /** Checks the bytes and reads the workbook part; throws XlsxError with the reason in Chinese. */
  static async open(bytes: Uint8Array, fileName: string, limits: XlsxLimits = XLSX_LIMITS): Promise<XlsxFile> {
    const file = displayName(fileName);
    const q = `「${file}」`;
    if (bytes.length === 0) throw new XlsxError(file, "unreadable", `${q}是空文件`);
    const kind = whatElse(bytes);
    if (kind === "ole2") {
      throw new XlsxError(file, "unsupported", `${q}是旧版 Excel 格式（.xls）或加密的表格，请在 Excel 或 WPS 中另存为不加密的 .xlsx 后上传`);
    }
    if (kind === "pdf") throw new XlsxError(file, "unsupported", `${q}是 PDF 文件，不是 Excel 表格：请上传 .xlsx 文件`);
    if (kind === "text") throw new XlsxError(file, "unsupported", `${q}是 CSV 或文本文件，不是 Excel 表格：请用 Excel 或 WPS 打开后另存为 .xlsx 再上传`);
    if (kind === "image") throw new XlsxError(file, "unsupported", `${q}是图片，不是 Excel 表格：请上传 .xlsx 文件`);
    if (kind !== "zip") throw new XlsxError(file, "unsupported", `${q}不是 Excel 表格（.xlsx），无法读取`);

    let list: ZipEntry[];
    try {
      list = readCentralDirectory(bytes);
    } catch (err) {
      if (!(err instanceof ZipError)) throw err;
      if (err.kind === "too-large") throw new XlsxError(file, "too-large", `${q}包含的文件过多，拒绝读取`);
      throw new XlsxError(file, "unreadable", `${q}已损坏或不完整，无法读取`);
    }
    const entries = new Map<string, ZipEntry>();
    for (const e of list) if (!entries.has(e.name.toLowerCase())) entries.set(e.name.toLowerCase(), e);
    if (!entries.has("[content_types].xml") || !entries.has("xl/workbook.xml")) {
      if (entries.has("word/document.xml")) throw new XlsxError(file, "unsupported", `${q}是 Word 文档（.docx），不是 Excel 表格：请上传 .xlsx 文件`);
      if (entries.has("ppt/presentation.xml")) throw new XlsxError(file, "unsupported", `${q}是 PowerPoint 演示文稿，不是 Excel 表格：请上传 .xlsx 文件`);
      if (entries.has("content.xml") && entries.has("mimetype")) {
        throw new XlsxError(file, "unsupported", `${q}是 OpenDocument 表格（.ods），请另存为 .xlsx 后上传`);
      }
      throw new XlsxError(file, "unsupported", `${q}是 ZIP 压缩包，不是 Excel 表格（.xlsx）`);
    }
    // bombs, before anything is inflated
    if (list.length > limits.maxEntries) {
      throw new XlsxError(file, "too-large", `${q}包含 ${list.length} 个部件，超过 ${limits.maxEntries} 个的上限，拒绝读取`);
    }
    const total = list.reduce((n, e) => n + e.size, 0);
    if (total > limits.maxTotalBytes) {
      throw new XlsxError(file, "too-large", `${q}解压后声明有 ${formatBytes(total)}，超过 ${formatBytes(limits.maxTotalBytes)} 的上限，拒绝读取`);
    }
    for (const e of list) {
      if (e.size > limits.ratioCheckAbove && e.size > limits.maxRatio * Math.max(1, e.compressedSize)) {
        const ratio = Math.round(e.size / Math.max(1, e.compressedSize));
        throw new XlsxError(file, "too-large", `${q}中的 ${partName(e.name)} 压缩比异常（${ratio}:1），疑似压缩炸弹，拒绝读取`);
      }
    }

    const x = new XlsxFile(file, bytes, entries, limits);
    await x.readWorkbook();
    return x;
  }

  private fail(kind: XlsxError["kind"], said: string): never {
    throw new XlsxError(this.file, kind, `「${this.file}」${said}`);
  }

  private entry(path: string): ZipEntry | undefined {
    return this.entries.get(path.toLowerCase());
  }

  /**
   * Streams one part through the XML tokenizer, inflating as it goes. `stop` is asked after every chunk: true
   * ends the read there (the rest is never inflated).
   */
  private async parsePart(entry: ZipEntry, h: Handlers, stop: () => boolean = () => false, streamed = false): Promise<void> {
    const part = partName(entry.name);
    if (entry.flags & 0x1) this.fail("unsupported", `已加密，请另存为不加密的 .xlsx 后上传`);
    const limit = streamed ? this.limits.maxTotalBytes : this.limits.maxPartBytes;
    if (entry.size > limit) {
      this.fail("too-large", `中的 ${part} 解压后有 ${formatBytes(entry.size)}，超过 ${formatBytes(limit)} 的上限，拒绝读取`);
    }
    const dv = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const at = entry.localOffset;
    if (at + 30 > this.bytes.length || dv.getUint32(at, true) !== LOCAL_HEADER) this.fail("unreadable", `已损坏（${part} 缺失），无法读取`);
    const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) this.fail("unreadable", `不完整（${part} 被截断），无法读取`);
    const data = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, entry.compressedSize);
    if (entry.method !== 0 && entry.method !== 8) this.fail("unsupported", `中的 ${part} 使用了不支持的压缩方式，无法读取`);

    const parser = new Parser(
      { onopentag: (n, a) => h.open(local(n), a), ontext: (t) => h.text(t), onclosetag: (n) => h.close(local(n)) },
      { xmlMode: true, decodeEntities: true },
    );
    let decoder: StringDecoder | null = null;
    let produced = 0;
    const cap = Math.min(entry.size, limit);
    const feed = (chunk: Buffer): boolean => {
      produced += chunk.length;
      if (produced > cap) {
        this.fail("too-large", `中的 ${part} 解压后超过其声明的 ${formatBytes(entry.size)}，文件已损坏或被篡改（疑似压缩炸弹），拒绝读取`);
      }
      // a part is UTF-8, or UTF-16 with its byte-order mark
      decoder ??= new StringDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? "utf16le" : "utf8");
      parser.write(decoder.write(chunk));
      return stop();
    };
    if (entry.method === 0) {
      for (let i = 0; i < data.length; i += 64 * 1024) if (feed(data.subarray(i, i + 64 * 1024))) return;
    } else {
      const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
      inflater.end(data);
      try {
        for await (const chunk of inflater as AsyncIterable<Buffer>) if (feed(chunk)) return;
      } catch (err) {
        if (err instanceof XlsxError) throw err;
        this.fail("unreadable", `已损坏（${part} 无法解压），无法读取`);
      } finally {
        inflater.destroy();
      }
    }
    if (decoder) parser.write((decoder as StringDecoder).end());
    parser.end();
  }

  /** The relationships of a part: id → the target's path in the archive. */
  private async rels(owner: string): Promise<Map<string, { type: string; path: string }>> {
    const dir = owner.slice(0, owner.lastIndexOf("/") + 1);
    const relsPath = `${dir}_rels/${owner.slice(dir.length)}.rels`;
    const out = new Map<string, { type: string; path: string }>();
    const e = this.entry(relsPath);
    if (!e) return out;
    await this.parsePart(e, {
      open: (name, a) => {
        if (name !== "Relationship" || a.TargetMode === "External" || !a.Id || !a.Target) return;
        out.set(a.Id, { type: a.Type ?? "", path: resolvePath(dir, a.Target) });
      },
      text: () => {},
      close: () => {},
    });
    return out;
  }

  private async readWorkbook(): Promise<void> {
    const sheets: Array<SheetInfo & { rid: string }> = [];
    let date1904 = false;
    await this.parsePart(this.entry("xl/workbook.xml")!, {
      open: (name, a) => {
        if (name === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true";
        if (name === "sheet" && sheets.length < 1000) {
          const state = a.state === "hidden" || a.state === "veryHidden" ? a.state : "visible";
          sheets.push({ name: cleanText(a.name ?? ""), state, rid: attr(a, "id") ?? "" });
        }
      },
      text: () => {},
      close: () => {},
    });
    const rels = await this.rels("xl/workbook.xml");
    const paths = new Map<string, string>();
    for (const s of sheets) {
      const p = rels.get(s.rid)?.path;
      if (p && !paths.has(s.name)) paths.set(s.name, p);
    }
    let strings: string | null = null;
    let styles: string | null = null;
    for (const r of rels.values()) {
      if (r.type.endsWith("/sharedStrings")) strings = r.path;
      if (r.type.endsWith("/styles")) styles = r.path;
    }
    strings ??= this.entry("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : null;
    styles ??= this.entry("xl/styles.xml") ? "xl/styles.xml" : null;
    if (styles && this.entry(styles)) await this.readStyles(this.entry(styles)!);
    if (!sheets.length) this.fail("unreadable", "中没有工作表");
    this.sheets = sheets.map(({ name, state }) => ({ name, state }));
    this.sheetPaths = paths;
    this.stringsPath = strings;
    this.date1904 = date1904;
  }

  private async readStyles(e: ZipEntry): Promise<void> {
    const custom = new Map<number, NumberFormat>();
    const xfs: number[] = [];
    let inCellXfs = false;
    await this.parsePart(e, {
      open: (name, a) => {
        if (name === "numFmt" && a.numFmtId !== undefined) custom.set(Number(a.numFmtId), formatKind(a.formatCode ?? ""));
        if (name === "cellXfs") inCellXfs = true;
        if (name === "xf" && inCellXfs && xfs.length < 100_000) xfs.push(Number(a.numFmtId ?? 0));
      },
      text: () => {},
      close: (name) => {
        if (name === "cellXfs") inCellXfs = false;
      },
    });
    this.styles = xfs.map((id) => custom.get(id) ?? (BUILTIN_DATES.has(id) ? "date" : BUILTIN_PERCENT.has(id) ? "percent" : "general"));
  }

  private async strings(): Promise<string[]> {
    if (this.sharedStrings) return this.sharedStrings;
    const out: string[] = [];
    const e = this.stringsPath ? this.entry(this.stringsPath) : undefined;
    if (e) {
      let cur: string[] | null = null;
      let inT = false;
      let phonetic = 0;
      let size = 0;
      await this.parsePart(
        e,
        {
          open: (name) => {
            if (name === "si") {
              cur = [];
              size = 0;
            } else if (name === "rPh") phonetic++;
            else if (name === "t" && cur && !phonetic) inT = true;
          },
          text: (t) => {
            if (inT && cur && size <= this.limits.maxCellChars) {
              cur.push(t);
              size += t.length;
            }
          },
          close: (name) => {
            if (name === "t") inT = false;
            else if (name === "rPh") phonetic = Math.max(0, phonetic - 1);
            else if (name === "si" && cur) {
              out.push(cleanText(cur.join("")).slice(0, this.limits.maxCellChars + 1));
              cur = null;
            }
          },
        },
        () => out.length > this.limits.maxSharedStrings,
      );
      if (out.length > this.limits.maxSharedStrings) this.fail("too-large", `的共享字符串超过 ${this.limits.maxSharedStrings} 条的上限，拒绝读取`);
    }
    this.sharedStrings = out;
    return out;
  }

  /**
   * One sheet's rows that hold a value, and its merged ranges. More than `maxRows` such rows is refused as soon
   * as the next one is met.
   */
  async readSheet(name: string): Promise<SheetData> {
    const info = this.sheets.find((s) => s.name === name);
    const path = this.sheetPaths.get(name);
    const e = path ? this.entry(path) : undefined;
    if (!info || !e) this.fail("unreadable", `中的工作表“${name}”缺失或已损坏`);
    const sst = await this.strings();
    const L = this.limits;
    const rows: SheetRow[] = [];
    const merges: CellRange[] = [];
    let over = false;

    let inData = false;
    let row: SheetRow | null = null;
    let lastRow = 0;
    let col = -1;
    // the cell being read
    let t = "";
    let s = 0;
    let v: string[] | null = null;
    let f: string[] | null = null;
    let inline: string[] | null = null;
    let target: string[] | null = null;
    let phonetic = 0;
    let size = 0;

    const finishCell = () => {
      if (!row || col < 0 || col >= L.maxColumns) return;
      const vText = v ? v.join("") : null;
      const formula = f ? cleanText(f.join("")) : null;
      let value: CellValue = { type: "empty" };
      if (inline || t === "inlineStr") value = { type: "string", text: cleanText((inline ?? []).join("")).slice(0, L.maxCellChars + 1) };
      else if (vText !== null) {
        if (t === "s") value = { type: "string", text: sst[Number(vText)] ?? "" };
        else if (t === "str") value = { type: "string", text: cleanText(vText).slice(0, L.maxCellChars + 1) };
        else if (t === "b") value = { type: "boolean", value: vText.trim() === "1" || vText.trim().toLowerCase() === "true" };
        else if (t === "e") value = { type: "error", text: vText.trim() };
        else if (t === "d") value = { type: "date", iso: vText.trim().slice(0, 10) };
        else {
          const n = Number(vText.trim());
          value = vText.trim() !== "" && Number.isFinite(n) ? { type: "number", value: n } : { type: "string", text: cleanText(vText) };
        }
      }
      if (value.type === "empty" && formula === null) return;
      row.cells.set(col, { value, formula, format: this.styles[s] ?? "general" });
    };

    await this.parsePart(
      e!,
      {
        open: (name, a) => {
          if (name === "sheetData") inData = true;
          else if (name === "mergeCell") {
            const r = a.ref ? parseRange(a.ref) : null;
            if (r && merges.length < 100_000) merges.push(r);
          } else if (!inData) return;
          else if (name === "row") {
            const r = Number(a.r);
            lastRow = Number.isInteger(r) && r > lastRow ? r : lastRow + 1;
            row = { r: lastRow, cells: new Map() };
            col = -1;
          } else if (name === "c") {
            const ref = a.r ? parseRef(a.r) : null;
            col = ref ? ref.col : col + 1;
            t = a.t ?? "n";
            s = Number(a.s ?? 0) || 0;
            v = f = inline = target = null;
            phonetic = 0;
            size = 0;
          } else if (name === "v") target = v = [];
          else if (name === "f") target = f = [];
          else if (name === "is") inline = [];
          else if (name === "rPh") phonetic++;
          else if (name === "t" && inline && !phonetic) target = inline;
        },
        text: (x) => {
          if (target && size <= L.maxCellChars) {
            target.push(x);
            size += x.length;
          }
        },
        close: (name) => {
          if (name === "sheetData") inData = false;
          else if (!inData) return;
          else if (name === "v" || name === "f" || name === "t") target = null;
          else if (name === "rPh") phonetic = Math.max(0, phonetic - 1);
          else if (name === "c") finishCell();
          else if (name === "row" && row) {
            if (row.cells.size) {
              if (rows.length >= L.maxRows + HEADER_ROOM) over = true;
              else rows.push(row);
            }
            row = null;
          }
        },
      },
      () => over,
      true,
    );
    if (over) throw new XlsxError(this.file, "too-large", tooManyRows(this.file, name, L.maxRows));
    return { ...info!, rows, merges };
  }
}

/** A relationship's target, resolved against the folder of the part that names it. */
function resolvePath(dir: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : dir + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}
