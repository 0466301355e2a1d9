/** The little of fontkit (pdfkit's font engine) the bulletin uses: it ships no types of its own. */
declare module "fontkit" {
  export interface Path {
    toSVG(): string;
    /** a new path, each point (x, y) → (m0 x + m2 y + m4, m1 x + m3 y + m5) */
    transform(m0: number, m1: number, m2: number, m3: number, m4: number, m5: number): Path;
  }
  export interface Glyph {
    path: Path;
    /** font units */
    advanceWidth: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: Array<{ xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }>;
  }
  export interface Font {
    postscriptName: string;
    familyName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    layout(text: string): GlyphRun;
  }
  /** a font, or, for a collection (.ttc), the font of that PostScript name */
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
