/**
 * The fonts the bulletin is drawn with, all on this machine (nothing is fetched): Noto Sans Hans (思源黑体) from
 * the @embedpdf/fonts-sc package the project ships, which covers GB2312 and much beyond (〔〕, 龘, ①, ㎡); for
 * what it lacks (CJK extension B and later, 𠀀) WenQuanYi Zen Hei where fonts-wqy-zenhei is installed (.ci/run
 * installs it), or a font named by LUOSHI_FALLBACK_FONT; a character neither has is drawn as 〓, the mark
 * typesetters put for a missing character, so the gap shows. The DOCX names the 公文 fonts (仿宋_GB2312, 黑体,
 * 方正小标宋简体) that Word and WPS on an official's machine have; these files are for the PDF and the charts.
 */
/// <reference path="./fontkit.d.ts" />
import * as fontkit from "fontkit";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** the family name inside the Noto file (what an SVG's font-family must say for a renderer to pick it) */
export const CJK_FAMILY = "Noto Sans S Chinese";

/** the charts' font-family: the shipped font first, then what a reader's machine may have */
export const CHART_FONT_FAMILY = `${CJK_FAMILY}, Noto Sans SC, Source Han Sans SC, WenQuanYi Zen Hei, Microsoft YaHei, PingFang SC, SimHei, sans-serif`;

/** what is drawn for a character no font has */
export const MISSING_GLYPH = "〓";

const WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

let cjkPath: string | undefined;
/** Noto Sans Hans Regular, from the installed package. */
export function cjkFontFile(): string {
  if (!cjkPath) {
    const pkg = dirname(createRequire(import.meta.url).resolve("@embedpdf/fonts-sc"));
    cjkPath = join(pkg, "..", "fonts", "NotoSansHans-Regular.otf");
  }
  return cjkPath;
}

let cjkBytes: Buffer | undefined;
/** The font's bytes, read once per process (8 MB). */
export function cjkFont(): Buffer {
  cjkBytes ??= readFileSync(cjkFontFile());
  return cjkBytes;
}

export interface FallbackFont {
  path: string;
  /** the font's PostScript name within a collection (.ttc) */
  postscriptName?: string;
}

/** The font for characters Noto lacks, when this machine has one. */
export function fallbackFont(env: NodeJS.ProcessEnv = process.env): FallbackFont | null {
  const chosen = env.LUOSHI_FALLBACK_FONT;
  if (chosen && existsSync(chosen)) return { path: chosen, postscriptName: env.LUOSHI_FALLBACK_FONT_NAME || undefined };
  if (existsSync(WQY)) return { path: WQY, postscriptName: "WenQuanYiZenHei" };
  return null;
}

export interface ParsedFonts {
  main: fontkit.Font;
  /** the fallback font, parsed when first asked for (most documents never need it); null when there is none */
  fallback(): fontkit.Font | null;
}

let parsed: ParsedFonts | undefined;
/**
 * The fonts parsed (fontkit, the engine pdfkit uses), once per process: the PDF writer and the chart outliner
 * share them, and a bulletin does not pay for parsing 8 MB again.
 */
export function parsedFonts(): ParsedFonts {
  if (!parsed) {
    let fallback: fontkit.Font | null | undefined;
    parsed = {
      main: fontkit.create(cjkFont()),
      fallback() {
        if (fallback === undefined) {
          const f = fallbackFont();
          try {
            fallback = f ? fontkit.create(readFileSync(f.path), f.postscriptName) : null;
          } catch {
            fallback = null; // an unreadable fallback font: missing characters show as 〓
          }
        }
        return fallback;
      },
    };
  }
  return parsed;
}

/** Which of the parsed fonts draws a character: the main one, the fallback, or neither (null). */
export function fontFor(fonts: ParsedFonts, ch: string): fontkit.Font | null {
  const cp = ch.codePointAt(0)!;
  if (fonts.main.hasGlyphForCodePoint(cp)) return fonts.main;
  const fallback = fonts.fallback();
  if (fallback?.hasGlyphForCodePoint(cp)) return fallback;
  return null;
}
