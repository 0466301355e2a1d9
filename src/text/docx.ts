/**
 * DOCX → text: body paragraphs one per line (soft line breaks too), tables as tab-separated rows, text boxes
 * (letterheads are often drawn in one) as their own lines, and automatic list numbers written out
 * ("一、", "（二）", "3.") since a heading's label is what the parser reads its outline from.
 * The ZIP is read through zip.ts, which refuses bombs before inflating.
 */
import { load } from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { checkDeclaredSizes, readCentralDirectory, readEntry, ZipError, type InflateLimits, type ZipEntry } from "./zip.js";
import { formatBytes } from "./limits.js";
import { chineseNumeral } from "./numerals.js";

export interface DocxText {
  text: string;
  warnings: string[];
}

export class DocxError extends Error {
  constructor(
    message: string,
    readonly kind: "corrupt" | "too-large" | "unsupported",
  ) {
    super(message);
  }
}

function parseXml(xml: string): Element {
  return load(xml, { xml: { xmlMode: true, decodeEntities: true } }).root()[0] as unknown as Element;
}

function isEl(n: AnyNode): n is Element {
  return n.type === "tag";
}

function kids(el: Element, name?: string): Element[] {
  return el.children.filter((c): c is Element => isEl(c) && (name === undefined || c.name === name));
}

function kid(el: Element | undefined, name: string): Element | undefined {
  return el ? kids(el, name)[0] : undefined;
}

function val(el: Element | undefined): string | undefined {
  return el?.attribs["w:val"];
}

function find(el: Element, name: string): Element | undefined {
  for (const c of el.children) {
    if (!isEl(c)) continue;
    if (c.name === name) return c;
    const d = find(c, name);
    if (d) return d;
  }
  return undefined;
}

interface Level {
  start: number;
  fmt: string;
  text: string;
  suffix: string;
}

/** Word's automatic numbering: counters per abstract list, restarted by a num's startOverride. */
class Numbering {
  private readonly abstract = new Map<string, Map<number, Level>>();
  private readonly nums = new Map<string, { abstractId: string; overrides: Map<number, number> }>();
  private readonly counters = new Map<string, number[]>();
  private readonly started = new Set<string>();
  private readonly styleNum = new Map<string, { numId?: string; ilvl?: number; basedOn?: string }>();

  constructor(numberingXml?: string, stylesXml?: string) {
    if (numberingXml) this.loadNumbering(parseXml(numberingXml));
    if (stylesXml) this.loadStyles(parseXml(stylesXml));
  }

  private loadNumbering(root: Element): void {
    const numbering = find(root, "w:numbering");
    if (!numbering) return;
    for (const a of kids(numbering, "w:abstractNum")) {
      const levels = new Map<number, Level>();
      for (const l of kids(a, "w:lvl")) {
        levels.set(Number(l.attribs["w:ilvl"] ?? 0), {
          start: Number(val(kid(l, "w:start")) ?? 1),
          fmt: val(kid(l, "w:numFmt")) ?? "decimal",
          text: val(kid(l, "w:lvlText")) ?? "",
          suffix: val(kid(l, "w:suff")) ?? "tab",
        });
      }
      this.abstract.set(a.attribs["w:abstractNumId"] ?? "", levels);
    }
    for (const n of kids(numbering, "w:num")) {
      const overrides = new Map<number, number>();
      for (const o of kids(n, "w:lvlOverride")) {
        const start = val(kid(o, "w:startOverride"));
        if (start !== undefined) overrides.set(Number(o.attribs["w:ilvl"] ?? 0), Number(start));
      }
      this.nums.set(n.attribs["w:numId"] ?? "", { abstractId: val(kid(n, "w:abstractNumId")) ?? "", overrides });
    }
  }

  private loadStyles(root: Element): void {
    const styles = find(root, "w:styles");
    if (!styles) return;
    for (const s of kids(styles, "w:style")) {
      const numPr = kid(kid(s, "w:pPr"), "w:numPr");
      const ilvl = val(kid(numPr, "w:ilvl"));
      this.styleNum.set(s.attribs["w:styleId"] ?? "", {
        numId: val(kid(numPr, "w:numId")),
        ilvl: ilvl === undefined ? undefined : Number(ilvl),
        basedOn: val(kid(s, "w:basedOn")),
      });
    }
  }

  private fromStyle(styleId: string | undefined): { numId?: string; ilvl?: number } {
    const seen = new Set<string>();
    let numId: string | undefined;
    let ilvl: number | undefined;
    for (let id = styleId; id && !seen.has(id); ) {
      seen.add(id);
      const s = this.styleNum.get(id);
      if (!s) break;
      numId ??= s.numId;
      ilvl ??= s.ilvl;
      id = s.basedOn;
    }
    return { numId, ilvl };
  }

  /** The label of a paragraph (its pPr), advancing the counters; "" when it is not numbered. */
  label(pPr: Element | undefined): string {
    const numPr = kid(pPr, "w:numPr");
    const style = this.fromStyle(val(kid(pPr, "w:pStyle")));
    const numId = val(kid(numPr, "w:numId")) ?? style.numId;
    const ilvlRaw = val(kid(numPr, "w:ilvl"));
    const ilvl = ilvlRaw !== undefined ? Number(ilvlRaw) : (style.ilvl ?? 0);
    if (!numId || numId === "0") return "";
    const num = this.nums.get(numId);
    const levels = num && this.abstract.get(num.abstractId);
    const level = levels?.get(ilvl);
    if (!num || !levels || !level) return "";
    const counters = this.counters.get(num.abstractId) ?? [];
    this.counters.set(num.abstractId, counters);
    if (!this.started.has(numId)) {
      this.started.add(numId);
      for (const [l, start] of num.overrides) counters[l] = start - 1;
    }
    counters[ilvl] = (counters[ilvl] ?? (levels.get(ilvl)?.start ?? 1) - 1) + 1;
    counters.length = ilvl + 1;
    if (level.fmt === "bullet" || level.fmt === "none") return "";
    const text = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      const lv = levels.get(l);
      const n = counters[l] ?? lv?.start ?? 1;
      return formatNumber(n, l === ilvl ? level.fmt : (lv?.fmt ?? "decimal"));
    });
    // a label that ends in a letter or digit needs a gap before the heading text; 一、 and （一） do not
    return /[\p{L}\p{N}]$/u.test(text) && level.suffix !== "nothing" ? `${text} ` : text;
  }
}

function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case "decimalEnclosedParen":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2474 + n - 1) : `(${n})`;
    case "decimalEnclosedFullstop":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2488 + n - 1) : `${n}.`;
    case "chineseCounting":
    case "chineseCountingThousand":
    case "ideographDigital":
    case "japaneseCounting":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
      return chineseNumeral(n);
    case "chineseLegalSimplified":
      return chineseNumeral(n, true);
    case "ideographTraditional":
      return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10] ?? String(n);
    case "upperLetter":
      return letters(n).toUpperCase();
    case "lowerLetter":
      return letters(n);
    case "upperRoman":
      return roman(n);
    case "lowerRoman":
      return roman(n).toLowerCase();
    default:
      return String(n);
  }
}

function letters(n: number): string {
  const c = String.fromCharCode(97 + ((n - 1) % 26));
  return c.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let s = "";
  let rest = n;
  for (const [v, r] of table) {
    while (rest >= v) {
      s += r;
      rest -= v;
    }
  }
  return s;
}

/** Walks the body: paragraphs and tables in order; lines are collected flat. */
class BodyReader {
  readonly lines: string[] = [];

  constructor(private readonly numbering: Numbering) {}

  block(el: Element): void {
    for (const c of kids(el)) {
      if (c.name === "w:p") this.paragraph(c);
      else if (c.name === "w:tbl") this.table(c);
      else if (c.name === "w:sdt") this.block(kid(c, "w:sdtContent") ?? c);
      else if (c.name === "w:customXml" || c.name === "w:ins" || c.name === "w:smartTag") this.block(c);
    }
  }

  private paragraph(p: Element): void {
    const boxes: string[][] = [];
    const label = this.numbering.label(kid(p, "w:pPr"));
    const text = label + this.runs(p, boxes);
    for (const line of text.split("\n")) this.lines.push(line);
    for (const box of boxes) this.lines.push(...box);
  }

  /** The visible text of a paragraph; text-box paragraphs found inside go to `boxes`. */
  private runs(el: Element, boxes: string[][]): string {
    let s = "";
    for (const c of kids(el)) {
      switch (c.name) {
        case "w:t":
          s += textContent(c);
          break;
        case "w:tab":
        case "w:ptab":
          // tabs in running text align a signature or date; a tab in our output means a table cell
          s += " ";
          break;
        case "w:br":
        case "w:cr":
          s += "\n";
          break;
        case "w:noBreakHyphen":
          s += "-";
          break;
        case "w:rPr":
        case "w:pPr":
        case "w:del":
        case "w:delText":
        case "w:instrText":
        case "w:moveFrom":
        case "mc:Fallback":
        case "w:footnoteReference":
        case "w:endnoteReference":
        case "w:commentReference":
          break;
        case "w:txbxContent": {
          const inner = new BodyReader(this.numbering);
          inner.block(c);
          boxes.push(inner.lines);
          break;
        }
        case "w:r":
          if (hidden(c)) break;
          s += this.runs(c, boxes);
          break;
        default:
          s += this.runs(c, boxes);
      }
    }
    return s;
  }

  private table(tbl: Element): void {
    const rows = kids(tbl, "w:tr").map((tr) =>
      kids(tr, "w:tc").concat(kids(tr, "w:sdt").flatMap((s) => kids(kid(s, "w:sdtContent") ?? s, "w:tc"))),
    );
    const cellLines = rows.map((cells) =>
      cells.map((tc) => {
        const inner = new BodyReader(this.numbering);
        inner.block(tc);
        return inner.lines.map((l) => l.trim()).filter((l) => l !== "");
      }),
    );
    const columns = Math.max(0, ...rows.map((r) => r.length));
    const chars = cellLines.flat(2).reduce((n, l) => n + l.length, 0);
    const longCell = cellLines.some((r) => r.some((c) => c.join("").length > 400 || c.length > 8));
    // a one-column table or one holding whole sections is layout (a letterhead, a framed body): read it as text
    if (columns < 2 || longCell || chars === 0) {
      for (const r of cellLines) for (const c of r) this.lines.push(...c);
      return;
    }
    for (const r of cellLines) {
      const cells = r.map((c) => c.join(" ").replace(/\t/g, " "));
      if (cells.join("").trim() !== "") this.lines.push(cells.join("\t"));
    }
  }
}

function textContent(el: Element): string {
  let s = "";
  for (const c of el.children) if (c.type === "text") s += c.data;
  return s;
}

function hidden(run: Element): boolean {
  const v = kid(kid(run, "w:rPr"), "w:vanish");
  return !!v && v.attribs["w:val"] !== "0" && v.attribs["w:val"] !== "false";
}

function entryText(bytes: Uint8Array, entries: ZipEntry[], name: string, limits: InflateLimits): string | undefined {
  const e = entries.find((x) => x.name === name);
  return e ? readEntry(bytes, e, limits).toString("utf8") : undefined;
}

/** Whether a ZIP archive is a Word document (it has word/document.xml). */
export function isDocxDirectory(entries: ZipEntry[]): boolean {
  return entries.some((e) => e.name === "word/document.xml");
}

export function docxToText(bytes: Uint8Array, maxUnzipped: number): DocxText {
  const limits: InflateLimits = { maxTotal: maxUnzipped * 4, maxEntry: maxUnzipped, maxRatio: 200, minRatioCheck: 10 * 1024 * 1024 };
  try {
    const entries = readCentralDirectory(bytes);
    checkDeclaredSizes(entries, limits);
    const parts = ["word/document.xml", "word/numbering.xml", "word/styles.xml"];
    const declared = entries.filter((e) => parts.includes(e.name)).reduce((n, e) => n + e.size, 0);
    if (declared > maxUnzipped) {
      throw new ZipError(`正文部分解压后声明有 ${formatBytes(declared)}，超过 ${formatBytes(maxUnzipped)} 的上限`, "too-large");
    }
    const documentXml = entryText(bytes, entries, "word/document.xml", limits);
    if (documentXml === undefined) throw new ZipError("缺少正文部件 word/document.xml", "unsupported");
    const numbering = new Numbering(
      entryText(bytes, entries, "word/numbering.xml", limits),
      entryText(bytes, entries, "word/styles.xml", limits),
    );
    const root = parseXml(documentXml);
    const body = find(root, "w:body");
    if (!body) throw new ZipError("word/document.xml 中没有正文（w:body）");
    const reader = new BodyReader(numbering);
    reader.block(body);
    // empty paragraphs are Word's vertical spacing: one blank line keeps a section break, more say nothing
    const text = reader.lines.map((l) => l.trimEnd()).join("\n").replace(/\n{3,}/g, "\n\n");
    return { text, warnings: [] };
  } catch (err) {
    if (err instanceof ZipError) throw new DocxError(err.message, err.kind);
    throw new DocxError((err as Error).message, "corrupt");
  }
}
