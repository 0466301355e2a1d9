/**
 * The SVG's text turned into glyph outlines (<path>) with the shipped fonts, for the PNG only: resvg then needs no
 * font at all, where finding and shaping each label in an 8 MB CJK font took it a quarter of a second per chart.
 * Placement follows the SVG: text-anchor (start, middle, end) and dominant-baseline (central, middle, hanging,
 * alphabetic) as ECharts writes them, with the fonts' own metrics; a character no font has is drawn as 〓. The
 * SVG that goes into the DOCX keeps its text (searchable, drawn by the reader's fonts).
 */
import { parseDocument } from "htmlparser2";
import type { Element } from "domhandler";
import { fontFor, MISSING_GLYPH, parsedFonts, type ParsedFonts } from "./fonts.js";

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

function textElement(xml: string): { attribs: Record<string, string>; text: string } | null {
  const el = parseDocument(xml, { xmlMode: true, decodeEntities: true }).children[0] as Element | undefined;
  if (!el || el.type !== "tag") return null;
  const text = el.children.map((c) => ("data" in c ? String(c.data) : "")).join("");
  return { attribs: el.attribs, text };
}

const glyphs = new WeakMap<ParsedFonts["main"], Map<string, { path: ReturnType<ParsedFonts["main"]["glyphForCodePoint"]>["path"]; advance: number }>>();

/** A character's glyph in a font, kept: chart labels repeat the same few hundred characters. */
function glyphOf(font: ParsedFonts["main"], ch: string) {
  let cache = glyphs.get(font);
  if (!cache) glyphs.set(font, (cache = new Map()));
  let g = cache.get(ch);
  if (!g) {
    const glyph = font.glyphForCodePoint(ch.codePointAt(0)!);
    cache.set(ch, (g = { path: glyph.path, advance: glyph.advanceWidth }));
  }
  return g;
}

/**
 * Outline path data of `text` at `size`, its baseline's left end at (0, 0), and its advance width. Glyph by glyph,
 * without shaping: labels are Chinese, digits and a few Latin letters, which need none (kerning aside).
 */
export function outline(fonts: ParsedFonts, text: string, size: number): { d: string; width: number } {
  const parts: string[] = [];
  let x = 0;
  for (const raw of text) {
    let ch = raw;
    let font = fontFor(fonts, ch);
    if (!font) {
      ch = MISSING_GLYPH;
      font = fonts.main;
    }
    const k = size / font.unitsPerEm;
    const g = glyphOf(font, ch);
    const d = g.path.transform(k, 0, 0, -k, x, 0).toSVG();
    if (d) parts.push(d);
    x += g.advance * k;
  }
  return { d: parts.join(""), width: x };
}

/** The SVG with every <text> replaced by the outlines of its characters, kept in place and in colour. */
export function outlineText(svg: string, fonts: ParsedFonts = parsedFonts()): string {
  const main = fonts.main;
  return svg.replace(/<text\b[^>]*>[^<]*<\/text>/g, (xml) => {
    const el = textElement(xml);
    if (!el || !el.text.trim()) return "";
    const a = el.attribs;
    const style = Object.fromEntries(
      (a.style ?? "")
        .split(";")
        .map((p) => p.split(":").map((s) => s.trim()))
        .filter((p) => p.length === 2),
    ) as Record<string, string>;
    const size = parseFloat(style["font-size"] ?? a["font-size"] ?? "12") || 12;
    const { d, width } = outline(fonts, el.text, size);
    if (!d) return "";
    const anchor = a["text-anchor"] ?? "start";
    const dx = anchor === "middle" ? -width / 2 : anchor === "end" ? -width : 0;
    const base = a["dominant-baseline"] ?? "alphabetic";
    // from the given y to the baseline, as pdfkit's baselines do (svg-pdf.ts), with the main font's metrics
    const em = size / main.unitsPerEm;
    const dy = base === "central" || base === "middle" ? ((main.ascent + main.descent) / 2) * em : base === "hanging" || base === "text-before-edge" ? main.ascent * em : 0;
    const x = (parseFloat(a.x ?? "0") || 0) + dx;
    const y = (parseFloat(a.y ?? "0") || 0) + dy;
    const keep = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "paint-order", "stroke-linejoin", "opacity"]
      .filter((k) => a[k] !== undefined)
      .map((k) => `${k}="${escapeAttr(a[k]!)}"`)
      .join(" ");
    const transform = `${a.transform ?? ""} translate(${x} ${y})`.trim();
    return `<path d="${d}" transform="${escapeAttr(transform)}" ${keep}></path>`;
  });
}
