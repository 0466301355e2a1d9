/**
 * Draws an SVG made by ECharts' SVG renderer into a pdfkit page as vector paths and real text: sharp at any zoom,
 * small, and the chart's words (bodies' names, months) are in the PDF's text layer, found by search and read by a
 * screen reader. It covers what that renderer writes — <path>, <polyline>, <polygon>, <line>, <rect>, <circle>,
 * <ellipse>, <text>, <g>, with transform (translate, scale, rotate, matrix), fill, stroke and their opacities,
 * dashes, and decal patterns (<pattern> of plain polygons, drawn as PDF tiling patterns) — not SVG at large
 * (no gradients, clip paths, images, CSS beyond a text's inline style: the :hover rules are for screens). An
 * element it cannot draw is left out, never guessed at.
 */
import { parseDocument } from "htmlparser2";
import type {} from "pdfkit";
import type { ChildNode, Element } from "domhandler";
import type { PdfFonts } from "./pdf-text.js";

type Matrix = [number, number, number, number, number, number];

const num = (s: string | undefined, d = 0) => {
  const n = s === undefined ? NaN : parseFloat(s);
  return Number.isFinite(n) ? n : d;
};

/** "translate(10 20) rotate(-30)" → the matrices, in order. */
export function parseTransform(s: string | undefined): Matrix[] {
  const out: Matrix[] = [];
  if (!s) return out;
  for (const m of s.matchAll(/(\w+)\s*\(([^)]*)\)/g)) {
    const a = m[2]!.trim().split(/[\s,]+/).map(Number);
    if (a.some((x) => !Number.isFinite(x))) continue;
    switch (m[1]) {
      case "matrix":
        if (a.length === 6) out.push(a as Matrix);
        break;
      case "translate":
        out.push([1, 0, 0, 1, a[0] ?? 0, a[1] ?? 0]);
        break;
      case "scale":
        out.push([a[0] ?? 1, 0, 0, a[1] ?? a[0] ?? 1, 0, 0]);
        break;
      case "rotate": {
        const r = ((a[0] ?? 0) * Math.PI) / 180;
        const [cx, cy] = [a[1] ?? 0, a[2] ?? 0];
        out.push([1, 0, 0, 1, cx, cy], [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0], [1, 0, 0, 1, -cx, -cy]);
        break;
      }
    }
  }
  return out;
}

interface Paint {
  color: string | null;
  opacity: number;
  /** id of a <pattern> */
  pattern?: string;
}

/** A colour as pdfkit takes it, with its alpha; null for none. */
export function parseColor(v: string | undefined): { color: string | null; alpha: number; url?: string } {
  if (v === undefined) return { color: null, alpha: 1 };
  const s = v.trim();
  if (!s || s === "none" || s === "transparent") return { color: null, alpha: 1 };
  const url = /^url\(#([^)]+)\)$/.exec(s);
  if (url) return { color: null, alpha: 1, url: url[1] };
  const rgb = /^rgba?\(([^)]*)\)$/i.exec(s);
  if (rgb) {
    const p = rgb[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
    const hex = p
      .slice(0, 3)
      .map((x) => Math.max(0, Math.min(255, Math.round(x || 0))).toString(16).padStart(2, "0"))
      .join("");
    return { color: `#${hex}`, alpha: p[3] === undefined || !Number.isFinite(p[3]) ? 1 : Math.max(0, Math.min(1, p[3])) };
  }
  if (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(s) || /^[a-z]+$/i.test(s)) return { color: s, alpha: 1 };
  return { color: null, alpha: 1 };
}

function styleOf(el: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (el.attribs.style ?? "").split(";")) {
    const i = part.indexOf(":");
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

const isElement = (n: ChildNode): n is Element => n.type === "tag" || n.type === "script" || n.type === "style";

function textOf(n: ChildNode): string {
  if (n.type === "text") return (n as unknown as { data: string }).data;
  if ("children" in n) return (n.children as ChildNode[]).map(textOf).join("");
  return "";
}

/** A tiling pattern's cell as PDF path operators (polygons of M, L, H, V, Z, absolute or relative), or null. */
function patternStream(el: Element): string | null {
  const ops: string[] = [];
  const walk = (n: ChildNode): boolean => {
    if (!isElement(n)) return true;
    if (n.name === "path") {
      const d = polygonOps(n.attribs.d ?? "");
      if (d === null) return false;
      if (d) ops.push(d + " f");
    }
    return n.children.every(walk);
  };
  return el.children.every(walk) ? ops.join("\n") : null;
}

function polygonOps(d: string): string | null {
  const parts = d.match(/[MmLlHhVvZz]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/g) ?? [];
  if (d.replace(/[MmLlHhVvZz\s,.\-\de]/g, "")) return null;
  const out: string[] = [];
  let [x, y, sx, sy] = [0, 0, 0, 0];
  let cmd = "";
  for (let i = 0; i < parts.length; ) {
    const p = parts[i]!;
    if (/[A-Za-z]/.test(p)) {
      cmd = p;
      i++;
      if (cmd === "Z" || cmd === "z") {
        out.push("h");
        [x, y] = [sx, sy];
      }
      continue;
    }
    const n = (k: number) => Number(parts[i + k]);
    switch (cmd) {
      case "M":
      case "m":
        [x, y] = cmd === "M" ? [n(0), n(1)] : [x + n(0), y + n(1)];
        [sx, sy] = [x, y];
        out.push(`${x} ${y} m`);
        cmd = cmd === "M" ? "L" : "l";
        i += 2;
        break;
      case "L":
      case "l":
        [x, y] = cmd === "L" ? [n(0), n(1)] : [x + n(0), y + n(1)];
        out.push(`${x} ${y} l`);
        i += 2;
        break;
      case "H":
      case "h":
        x = cmd === "H" ? n(0) : x + n(0);
        out.push(`${x} ${y} l`);
        i += 1;
        break;
      case "V":
      case "v":
        y = cmd === "V" ? n(0) : y + n(0);
        out.push(`${x} ${y} l`);
        i += 1;
        break;
      default:
        return null;
    }
  }
  return out.join(" ");
}

export interface SvgPlacement {
  x: number;
  y: number;
  /** width on the page, pt; the height follows the SVG's proportions */
  width: number;
}

/** The SVG's own size (its viewBox, else width and height). */
export function svgSize(svg: string): { width: number; height: number } {
  const root = parseDocument(svg, { xmlMode: true }).children.find((n): n is Element => isElement(n) && n.name === "svg");
  const vb = root?.attribs.viewBox?.split(/[\s,]+/).map(Number);
  if (vb && vb.length === 4 && vb.every(Number.isFinite)) return { width: vb[2]!, height: vb[3]! };
  return { width: num(root?.attribs.width, 300), height: num(root?.attribs.height, 150) };
}

/** Draws the SVG with its top left at (x, y), scaled to `width`; returns the height it took. */
export function drawSvg(doc: PDFKit.PDFDocument, fonts: PdfFonts, svg: string, at: SvgPlacement): number {
  const dom = parseDocument(svg, { xmlMode: true, decodeEntities: true });
  const root = dom.children.find((n): n is Element => isElement(n) && n.name === "svg");
  if (!root) return 0;
  const size = svgSize(svg);
  const vb = root.attribs.viewBox?.split(/[\s,]+/).map(Number);
  const [vx, vy] = vb && vb.length === 4 && vb.every(Number.isFinite) ? [vb[0]!, vb[1]!] : [0, 0];
  const scale = at.width / size.width;

  // patterns first: ECharts writes <defs> after the shapes that use them
  const patterns = new Map<string, { stream: string; w: number; h: number; alpha: number }>();
  const collect = (n: ChildNode) => {
    if (!isElement(n)) return;
    if (n.name === "pattern" && n.attribs.id) {
      const stream = patternStream(n);
      const cell = n.children.find(isElement);
      const firstPath = cell ? findFirst(cell, "path") : null;
      if (stream !== null) patterns.set(n.attribs.id, { stream, w: num(n.attribs.width, 10), h: num(n.attribs.height, 10), alpha: num(firstPath?.attribs["fill-opacity"], 1) });
    }
    n.children.forEach(collect);
  };
  root.children.forEach(collect);
  const made = new Map<string, PDFKit.PDFTilingPattern>();

  doc.save();
  doc.rect(at.x, at.y, at.width, size.height * scale).clip();
  doc.transform(scale, 0, 0, scale, at.x - vx * scale, at.y - vy * scale);

  const paint = (el: Element, style: Record<string, string>, which: "fill" | "stroke", inherited: Paint | undefined): Paint => {
    const raw = style[which] ?? el.attribs[which];
    const c = raw === undefined ? null : parseColor(raw);
    const own = num(style[`${which}-opacity`] ?? el.attribs[`${which}-opacity`], 1);
    if (!c) return inherited ?? { color: which === "fill" ? "#000000" : null, opacity: own };
    return { color: c.color, opacity: own * c.alpha, pattern: c.url };
  };

  /** Builds the element's outline as the current path; false when there is nothing to draw. */
  const shape = (el: Element): boolean => {
    switch (el.name) {
      case "path":
        if (!el.attribs.d?.trim()) return false;
        doc.path(el.attribs.d);
        return true;
      case "polyline":
      case "polygon": {
        const p = (el.attribs.points ?? "").trim().split(/[\s,]+/).map(Number);
        if (p.length < 4 || p.some((v) => !Number.isFinite(v))) return false;
        doc.moveTo(p[0]!, p[1]!);
        for (let i = 2; i + 1 < p.length; i += 2) doc.lineTo(p[i]!, p[i + 1]!);
        if (el.name === "polygon") doc.closePath();
        return true;
      }
      case "line":
        doc.moveTo(num(el.attribs.x1), num(el.attribs.y1)).lineTo(num(el.attribs.x2), num(el.attribs.y2));
        return true;
      case "rect": {
        const [w, h] = [num(el.attribs.width), num(el.attribs.height)];
        if (w <= 0 || h <= 0) return false;
        const r = num(el.attribs.rx);
        if (r > 0) doc.roundedRect(num(el.attribs.x), num(el.attribs.y), w, h, r);
        else doc.rect(num(el.attribs.x), num(el.attribs.y), w, h);
        return true;
      }
      case "circle":
        if (num(el.attribs.r) <= 0) return false;
        doc.circle(num(el.attribs.cx), num(el.attribs.cy), num(el.attribs.r));
        return true;
      case "ellipse":
        doc.ellipse(num(el.attribs.cx), num(el.attribs.cy), num(el.attribs.rx), num(el.attribs.ry));
        return true;
    }
    return false;
  };

  const draw = (n: ChildNode, inheritedFill: Paint | undefined, inheritedStroke: Paint | undefined) => {
    if (!isElement(n)) return;
    if (n.name === "defs" || n.name === "style" || n.name === "title" || n.name === "desc" || n.name === "pattern" || n.name === "clipPath") return;
    const style = styleOf(n);
    const fill = paint(n, style, "fill", inheritedFill);
    const stroke = paint(n, style, "stroke", inheritedStroke);
    const opacity = num(style.opacity ?? n.attribs.opacity, 1);
    if (style.display === "none" || n.attribs.visibility === "hidden") return;
    doc.save();
    for (const m of parseTransform(n.attribs.transform)) doc.transform(...m);
    if (n.name === "g" || n.name === "svg") {
      n.children.forEach((c) => draw(c, fill, stroke));
    } else if (n.name === "text") {
      drawText(n, style, fill, opacity);
    } else {
      const strokeWidth = num(style["stroke-width"] ?? n.attribs["stroke-width"], 1);
      const hasStroke = stroke.color !== null && strokeWidth > 0;
      const pattern = fill.pattern ? patterns.get(fill.pattern) : undefined;
      const hasFill = (fill.color !== null || pattern !== undefined) && n.name !== "line" && n.name !== "polyline";
      if ((hasFill || hasStroke) && shape(n)) {
        if (hasFill) {
          if (pattern) {
            let p = made.get(fill.pattern!);
            if (!p) made.set(fill.pattern!, (p = doc.pattern([0, 0, pattern.w, pattern.h], pattern.w, pattern.h, pattern.stream)));
            doc.fillOpacity(pattern.alpha * fill.opacity * opacity);
            doc.fillColor([p, "#000000"] as unknown as string);
          } else doc.fillColor(fill.color!).fillOpacity(fill.opacity * opacity);
        }
        if (hasStroke) {
          doc.strokeColor(stroke.color!).strokeOpacity(stroke.opacity * opacity).lineWidth(strokeWidth);
          const cap = n.attribs["stroke-linecap"];
          if (cap === "round" || cap === "square" || cap === "butt") doc.lineCap(cap);
          const dash = (n.attribs["stroke-dasharray"] ?? "").split(/[\s,]+/).map(Number).filter((x) => Number.isFinite(x) && x > 0);
          if (dash.length) doc.dash(dash[0]!, { space: dash[1] ?? dash[0]! });
        }
        // the path built by shape() is painted once: filled, stroked, or both (a halo's stroke under its fill)
        if (hasFill && hasStroke) doc.fillAndStroke();
        else if (hasFill) doc.fill();
        else doc.stroke();
      }
    }
    doc.restore();
  };

  const drawText = (el: Element, style: Record<string, string>, fill: Paint, opacity: number) => {
    const text = textOf(el).replace(/\s+/g, " ");
    if (!text.trim() || !fill.color) return;
    const size = num(style["font-size"]?.replace("px", "") ?? el.attribs["font-size"], 12);
    const anchor = el.attribs["text-anchor"] ?? style["text-anchor"] ?? "start";
    const baseline = el.attribs["dominant-baseline"] ?? style["dominant-baseline"] ?? "alphabetic";
    let x = num(el.attribs.x);
    const y = num(el.attribs.y);
    const w = fonts.width(text, size);
    if (anchor === "middle") x -= w / 2;
    else if (anchor === "end") x -= w;
    doc.fillOpacity(fill.opacity * opacity);
    const bold = /bold|[6-9]00/.test(style["font-weight"] ?? el.attribs["font-weight"] ?? "");
    fonts.draw(text, x, y, size, {
      color: fill.color,
      bold,
      baseline: baseline === "central" || baseline === "middle" ? "middle" : baseline === "hanging" || baseline === "text-before-edge" ? "top" : baseline === "text-after-edge" ? "bottom" : "alphabetic",
    });
  };

  root.children.forEach((c) => draw(c, undefined, undefined));
  doc.restore();
  return size.height * scale;
}

function findFirst(el: Element, name: string): Element | null {
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (c.name === name) return c;
    const f = findFirst(c, name);
    if (f) return f;
  }
  return null;
}
