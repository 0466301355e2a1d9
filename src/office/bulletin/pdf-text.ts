/**
 * Chinese text in pdfkit: each character drawn with a font that has it (Noto Sans Hans, else the fallback font,
 * else 〓 — fonts.ts), lines broken as Chinese is set: between any two Han characters, never inside a run of
 * Latin letters and digits unless it is longer than the line (a URL, a formula), no closing mark (，。）」…) at the
 * start of a line and no opening mark at its end. The fonts are parsed once per process and embedded as subsets.
 */
import type {} from "pdfkit";
import { fontFor, MISSING_GLYPH, parsedFonts, type ParsedFonts } from "./fonts.js";

export const MAIN_FONT = "cjk";
export const FALLBACK_FONT = "cjk-fallback";

export interface Run {
  text: string;
  font: string;
}

/** The fonts registered in one document, and which of them draws a character. */
export class PdfFonts {
  private readonly fonts: ParsedFonts;
  private fallbackRegistered = false;
  private readonly widths = new Map<string, number>();

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.fonts = parsedFonts();
    // pdfkit takes a parsed fontkit font as a source: the 8 MB file is parsed once, not per document
    doc.registerFont(MAIN_FONT, this.fonts.main as unknown as Buffer);
    doc.font(MAIN_FONT);
  }

  /** The font for a character; null when none has it. The fallback is registered in the document when first needed. */
  fontOf(ch: string): string | null {
    const f = fontFor(this.fonts, ch);
    if (f === null) return null;
    if (f === this.fonts.main) return MAIN_FONT;
    if (!this.fallbackRegistered) {
      this.doc.registerFont(FALLBACK_FONT, f as unknown as Buffer);
      this.fallbackRegistered = true;
    }
    return FALLBACK_FONT;
  }

  /** The text as runs of one font each; a character no font has becomes 〓, control characters go. */
  runs(text: string): Run[] {
    const out: Run[] = [];
    for (const raw of clean(text)) {
      let ch = raw;
      let font = this.fontOf(ch);
      if (!font) {
        ch = MISSING_GLYPH;
        font = MAIN_FONT;
      }
      const last = out[out.length - 1];
      if (last && last.font === font) last.text += ch;
      else out.push({ text: ch, font });
    }
    return out;
  }

  /** Width of a character at a size, pt. */
  charWidth(ch: string, size: number): number {
    let w = this.widths.get(ch);
    if (w === undefined) {
      const font = this.fontOf(ch) ?? MAIN_FONT;
      w = this.doc.font(font).fontSize(1000).widthOfString(font === MAIN_FONT && !this.fontOf(ch) ? MISSING_GLYPH : ch) / 1000;
      this.widths.set(ch, w);
    }
    return w * size;
  }

  width(text: string, size: number): number {
    let w = 0;
    for (const ch of clean(text)) w += this.charWidth(ch, size);
    return w;
  }

  /** Draws one line at (x, y) (y the top of the line unless `baseline` says otherwise), run by run. */
  draw(text: string, x: number, y: number, size: number, opts: { color?: string; baseline?: PDFKit.Mixins.TextOptions["baseline"]; bold?: boolean } = {}): void {
    let cx = x;
    for (const run of this.runs(text)) {
      this.doc.font(run.font).fontSize(size).fillColor(opts.color ?? "#000000");
      const o: PDFKit.Mixins.TextOptions = { lineBreak: false, baseline: opts.baseline };
      if (opts.bold) {
        // no bold face ships: the outline is stroked as well as filled, as printers embolden
        this.doc.lineWidth(size * 0.035).strokeColor(opts.color ?? "#000000");
        Object.assign(o, { stroke: true, fill: true });
      }
      this.doc.text(run.text, cx, y, o);
      cx += this.width(run.text, size);
    }
  }

  /**
   * The text broken into lines no wider than `width` at `size` (a newline in the text starts a new line); the
   * first line of each paragraph is `indent` narrower (it is drawn indented).
   */
  wrap(text: string, width: number, size: number, indent = 0): string[] {
    const lines: string[] = [];
    for (const para of text.replace(/\r\n?/g, "\n").split("\n")) {
      const start = lines.length;
      const room = () => (lines.length === start ? width - indent : width);
      let line = "";
      let lineWidth = 0;
      const push = () => {
        lines.push(line.replace(/\s+$/, ""));
        line = "";
        lineWidth = 0;
      };
      for (const token of tokens(para)) {
        const w = this.width(token, size);
        if (line && lineWidth + w > room()) {
          if (CLOSING.has(token)) {
            // a closing mark stays with what it closes, hanging past the edge by its width
            line += token;
            push();
            continue;
          }
          // an opening mark does not end a line: it goes down with what it opens
          const last = [...line].pop()!;
          const carry = OPENING.has(last) ? last : "";
          if (carry) line = line.slice(0, -carry.length);
          push();
          line = carry;
          lineWidth = carry ? this.width(carry, size) : 0;
        }
        if (!line && /^\s+$/.test(token)) continue;
        if (w > room()) {
          // longer than a line (a URL, a long number): broken where it must be
          for (const ch of token) {
            const cw = this.charWidth(ch, size);
            if (line && lineWidth + cw > room()) push();
            line += ch;
            lineWidth += cw;
          }
          continue;
        }
        line += token;
        lineWidth += w;
      }
      push();
    }
    return lines;
  }
}

const CLOSING = new Set([..."，。、；：！？）》」』】〕〉”’…—,.;:!?)]}%"]);
const OPENING = new Set([..."（《「『【〔〈“‘([{"]);

/** The text without control characters (a tab is a space). */
const clean = (text: string): string => text.replace(/\t/g, " ").replace(/[\u0000-\u001f\u007f-\u009f\u200b\ufeff]/g, "");

/** Words of Latin letters and digits (kept whole), spaces, and single characters otherwise. */
function tokens(text: string): string[] {
  return text.match(/[A-Za-z0-9_@#&=+\-./:%?~]+|\s+|[^]/gu) ?? [];
}
