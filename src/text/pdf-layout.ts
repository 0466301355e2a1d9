/**
 * PDF text items → lines and paragraphs. A PDF knows glyph runs and their positions, not lines or
 * paragraphs, so they are rebuilt here:
 *  - runs on one baseline make a line; a gap of a few em between runs becomes a tab (a borderless table);
 *  - ruled tables (the 任务分工表 of a policy) are found from their drawn borders: every run inside a table's
 *    grid goes to its cell, and each row becomes one tab-separated line whatever the cells' alignment;
 *  - a line that runs to the right margin continues into the next line when that one is not indented, so a
 *    paragraph wrapped by the page is one line again (a heading's title ends at its 。, not at the margin);
 *  - page numbers (— 3 —) are dropped; pages are separated by a blank line unless a paragraph runs on.
 * Pure functions on plain data: the PDF itself is parsed in a worker (pdf.ts).
 */

export interface PdfItem {
  /** text of the run */
  s: string;
  /** transform [a b c d e f]: e,f the baseline origin in user space (y up) */
  t: number[];
  w: number;
  h: number;
}

/** Path-related operators of a page's content, in order: save, restore, transform, a path with its paint op. */
export type PathOp = ["s"] | ["r"] | ["t", number[]] | ["p", number, number[][]];

export interface PdfPage {
  items: PdfItem[];
  ops: PathOp[];
}

interface Run {
  text: string;
  x: number;
  y: number;
  right: number;
  size: number;
}

interface Block {
  page: number;
  /** top baseline, for ordering */
  y: number;
  x0: number;
  x1: number;
  size: number;
  text: string;
  table: boolean;
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
const LABEL_START =
  /^(第[一二三四五六七八九十百零〇\d]+[章节条部分]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、](?!\d)|[①-⑳]|附件)/;
const PAGE_NUMBER = /^([-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/;

function runsOf(items: PdfItem[]): Run[] {
  const runs: Run[] = [];
  for (const it of items) {
    if (it.s.trim() === "") continue;
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = it.t;
    const size = Math.abs(it.h) || Math.hypot(c, d) || Math.hypot(a, b) || 10;
    // leading and trailing spaces inside a run are kept by the run's width, not its text
    const lead = it.s.length - it.s.trimStart().length;
    const charW = it.w / Math.max(1, it.s.length);
    runs.push({ text: it.s.trim(), x: e + lead * charW, y: f, right: e + it.w, size });
  }
  return runs;
}

/** Joins two pieces of text with what separates them in print: nothing between Chinese characters. */
function glue(left: string, right: string, gap: number, size: number): string {
  if (left === "") return right;
  if (gap > 3 * size) return `${left}\t${right}`;
  const l = left[left.length - 1]!;
  const r = right[0]!;
  const cjkEdge = CJK.test(l) || CJK.test(r);
  if (cjkEdge ? gap > 0.6 * size : gap > 0.2 * size) return `${left} ${right}`;
  return left + right;
}

/** Joins a line to the one it wrapped from: a space only where Latin letters or digits meet. */
function unwrap(left: string, right: string): string {
  if (left === "") return right;
  return /[A-Za-z0-9]$/.test(left) && /^[A-Za-z0-9]/.test(right) ? `${left} ${right}` : left + right;
}

/** Groups runs into lines by baseline, top to bottom, each line's runs left to right. */
function lines(runs: Run[]): Run[][] {
  const sorted = [...runs].sort((p, q) => q.y - p.y || p.x - q.x);
  const out: Run[][] = [];
  for (const r of sorted) {
    const line = out[out.length - 1];
    if (line && Math.abs(line[0]!.y - r.y) <= 0.35 * Math.max(r.size, line[0]!.size)) line.push(r);
    else out.push([r]);
  }
  for (const l of out) l.sort((p, q) => p.x - q.x);
  return out;
}

function lineText(line: Run[]): string {
  let s = "";
  let prev: Run | undefined;
  for (const r of line) {
    s = prev ? glue(s, r.text, r.x - prev.right, Math.max(r.size, prev.size)) : r.text;
    prev = r;
  }
  return s;
}

// ---------------------------------------------------------------- ruled tables

interface HRule {
  y: number;
  x1: number;
  x2: number;
}
interface VRule {
  x: number;
  y1: number;
  y2: number;
}
interface Grid {
  rows: number[];
  cols: number[];
  x1: number;
  x2: number;
  y1: number;
  y2: number;
}

const PAINT_OPS = new Set([20, 21, 22, 23, 24, 25, 26, 27]); // stroke … closeEOFillStroke; 28 (endPath) only clips
const STROKE_OPS = new Set([20, 21, 24, 25, 26, 27]);
const THIN = 3;

function multiply(m: number[], n: number[]): number[] {
  const [a, b, c, d, e, f] = m as [number, number, number, number, number, number];
  const [a2, b2, c2, d2, e2, f2] = n as [number, number, number, number, number, number];
  return [a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2];
}

function apply(m: number[], x: number, y: number): [number, number] {
  return [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];
}

/** Horizontal and vertical rules drawn on a page: thin filled rectangles and axis-aligned stroked segments. */
export function rulesOf(ops: PathOp[]): { h: HRule[]; v: VRule[] } {
  const h: HRule[] = [];
  const v: VRule[] = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  const addBox = (x1: number, y1: number, x2: number, y2: number): void => {
    const [lx, hx, ly, hy] = [Math.min(x1, x2), Math.max(x1, x2), Math.min(y1, y2), Math.max(y1, y2)];
    if (hy - ly <= THIN && hx - lx > THIN) h.push({ y: (ly + hy) / 2, x1: lx, x2: hx });
    else if (hx - lx <= THIN && hy - ly > THIN) v.push({ x: (lx + hx) / 2, y1: ly, y2: hy });
  };
  for (const op of ops) {
    if (op[0] === "s") stack.push(ctm);
    else if (op[0] === "r") ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (op[0] === "t") ctm = multiply(op[1], ctm);
    else if (op[0] === "p" && PAINT_OPS.has(op[1])) {
      const stroke = STROKE_OPS.has(op[1]);
      for (const data of op[2]) {
        // DrawOPS: 0 moveTo x y, 1 lineTo x y, 2 curveTo 6 numbers, 3 quadraticCurveTo 4 numbers, 4 closePath
        let i = 0;
        let start: [number, number] | undefined;
        let cur: [number, number] | undefined;
        let pts: [number, number][] = [];
        const endSub = (): void => {
          if (!stroke && pts.length >= 2) {
            const xs = pts.map((p) => p[0]);
            const ys = pts.map((p) => p[1]);
            addBox(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
          }
          pts = [];
        };
        while (i < data.length) {
          const code = data[i]!;
          if (code === 0) {
            endSub();
            cur = start = apply(ctm, data[i + 1]!, data[i + 2]!);
            pts.push(cur);
            i += 3;
          } else if (code === 1) {
            const next = apply(ctm, data[i + 1]!, data[i + 2]!);
            if (stroke && cur) addBox(cur[0], cur[1], next[0], next[1]);
            cur = next;
            pts.push(next);
            i += 3;
          } else if (code === 2) {
            cur = apply(ctm, data[i + 5]!, data[i + 6]!);
            pts = [];
            i += 7;
          } else if (code === 3) {
            cur = apply(ctm, data[i + 3]!, data[i + 4]!);
            pts = [];
            i += 5;
          } else if (code === 4) {
            if (stroke && cur && start) addBox(cur[0], cur[1], start[0], start[1]);
            cur = start;
            i += 1;
          } else break;
        }
        endSub();
      }
    }
  }
  return { h, v };
}

function cluster(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of sorted) if (out.length === 0 || x - out[out.length - 1]! > tol) out.push(x);
  return out;
}

/** Tables: groups of rules that touch, with at least two rows and two columns of boundaries. */
export function gridsOf(h: HRule[], v: VRule[]): Grid[] {
  if (h.length + v.length > 4000) return [];
  const tol = 2;
  const parent = Array.from({ length: h.length + v.length }, (_, i) => i);
  const findRoot = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  h.forEach((hr, i) => {
    v.forEach((vr, j) => {
      if (vr.x >= hr.x1 - tol && vr.x <= hr.x2 + tol && hr.y >= vr.y1 - tol && hr.y <= vr.y2 + tol) {
        parent[findRoot(i)] = findRoot(h.length + j);
      }
    });
  });
  const groups = new Map<number, { h: HRule[]; v: VRule[] }>();
  h.forEach((r, i) => {
    const g = groups.get(findRoot(i)) ?? { h: [], v: [] };
    g.h.push(r);
    groups.set(findRoot(i), g);
  });
  v.forEach((r, j) => {
    const g = groups.get(findRoot(h.length + j)) ?? { h: [], v: [] };
    g.v.push(r);
    groups.set(findRoot(h.length + j), g);
  });
  const grids: Grid[] = [];
  for (const g of groups.values()) {
    const rows = cluster(g.h.map((r) => r.y), tol).reverse();
    const cols = cluster(g.v.map((r) => r.x), tol);
    if (rows.length < 2 || cols.length < 3) continue;
    grids.push({
      rows,
      cols,
      x1: Math.min(...g.h.map((r) => r.x1), ...cols),
      x2: Math.max(...g.h.map((r) => r.x2), ...cols),
      y1: Math.min(...rows, ...g.v.map((r) => r.y1)),
      y2: Math.max(...rows, ...g.v.map((r) => r.y2)),
    });
  }
  return grids;
}

function tableBlocks(grid: Grid, runs: Run[], page: number): Block[] {
  const cells = new Map<string, Run[]>();
  for (const r of runs) {
    const cx = (r.x + r.right) / 2;
    const cy = r.y + 0.3 * r.size;
    const row = grid.rows.findIndex((y, i) => i + 1 < grid.rows.length && cy <= y && cy > grid.rows[i + 1]!);
    let col = grid.cols.findIndex((x, i) => i + 1 < grid.cols.length && cx >= x && cx < grid.cols[i + 1]!);
    if (row < 0) continue;
    if (col < 0) col = cx < grid.cols[0]! ? 0 : grid.cols.length - 2;
    const key = `${row}:${col}`;
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }
  const blocks: Block[] = [];
  for (let row = 0; row + 1 < grid.rows.length; row++) {
    const texts: string[] = [];
    let size = 0;
    for (let col = 0; col + 1 < grid.cols.length; col++) {
      const rs = cells.get(`${row}:${col}`) ?? [];
      size = Math.max(size, ...rs.map((r) => r.size));
      // a cell's wrapped lines are one text again
      texts.push(lines(rs).map(lineText).reduce(unwrap, ""));
    }
    while (texts.length > 1 && texts[texts.length - 1] === "") texts.pop();
    if (texts.every((t) => t === "")) continue;
    blocks.push({ page, y: grid.rows[row]!, x0: grid.x1, x1: grid.x2, size, text: texts.join("\t"), table: true });
  }
  return blocks;
}

function pageBlocks(page: PdfPage, n: number): Block[] {
  const runs = runsOf(page.items);
  let grids: Grid[] = [];
  try {
    const { h, v } = rulesOf(page.ops);
    grids = gridsOf(h, v);
  } catch {
    grids = [];
  }
  const blocks: Block[] = [];
  const inGrid = new Set<Run>();
  for (const g of grids) {
    const inside = runs.filter((r) => {
      const cx = (r.x + r.right) / 2;
      const cy = r.y + 0.3 * r.size;
      return cx >= g.x1 - 1 && cx <= g.x2 + 1 && cy >= g.y1 - 1 && cy <= g.y2 + 1;
    });
    if (inside.length === 0) continue;
    inside.forEach((r) => inGrid.add(r));
    blocks.push(...tableBlocks(g, inside, n));
  }
  for (const line of lines(runs.filter((r) => !inGrid.has(r)))) {
    blocks.push({
      page: n,
      y: line[0]!.y,
      x0: line[0]!.x,
      x1: Math.max(...line.map((r) => r.right)),
      size: Math.max(...line.map((r) => r.size)),
      text: lineText(line),
      table: false,
    });
  }
  blocks.sort((a, b) => b.y - a.y || a.x0 - b.x0);
  // page numbers sit first or last on a page
  const isNumber = (b: Block | undefined): boolean => !!b && !b.table && PAGE_NUMBER.test(b.text.trim());
  if (isNumber(blocks[blocks.length - 1])) blocks.pop();
  if (isNumber(blocks[0])) blocks.shift();
  return blocks;
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(Math.round(v), (counts.get(Math.round(v)) ?? 0) + 1);
  let best = values[0] ?? 0;
  let n = 0;
  for (const [v, c] of counts) {
    if (c > n || (c === n && v < best)) {
      best = v;
      n = c;
    }
  }
  return best;
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
}

export interface PdfLayout {
  text: string;
  /** 1-based numbers of pages without any text */
  emptyPages: number[];
}

export function layoutPages(pages: PdfPage[]): PdfLayout {
  const perPage = pages.map((p, i) => pageBlocks(p, i + 1));
  const emptyPages = perPage.flatMap((b, i) => (b.length === 0 && (pages[i]?.items.length ?? 0) === 0 ? [i + 1] : []));
  const flow = perPage.flat().filter((b) => !b.table && b.text.length >= 6);
  const left = mode(flow.map((b) => b.x0));
  const right = percentile(flow.map((b) => b.x1), 0.9);

  const continues = (prev: Block, next: Block): boolean => {
    if (prev.table || next.table || prev.text.includes("\t") || next.text.includes("\t")) return false;
    const size = Math.max(prev.size, next.size);
    if (Math.abs(prev.size - next.size) > 0.15 * size) return false;
    if (prev.x1 < right - 1.5 * size) return false;
    if (next.x0 > left + 0.5 * size) return false;
    if (prev.page === next.page && prev.y - next.y > 2 * size) return false;
    return !LABEL_START.test(next.text);
  };

  let out = "";
  let prev: Block | undefined;
  for (const blocks of perPage) {
    for (const b of blocks) {
      if (!prev) out = b.text;
      else if (continues(prev, b)) out = unwrap(out, b.text);
      else out += (b.page !== prev.page ? "\n\n" : "\n") + b.text;
      prev = b;
    }
  }
  return { text: out, emptyPages };
}
