/**
 * Splits a text into segments by marked spans, so that a page can highlight them by slicing the text (every
 * piece is rendered as a React text node; nothing is ever parsed as HTML). Overlapping marks are resolved
 * by priority: the segment carries the highest-priority mark covering it. Anchors (outline nodes) start
 * a new segment so the page can scroll to them.
 */

export type MarkKind = "body" | "lead" | "quantity" | "time" | "citation" | "hit";

export interface Mark {
  start: number;
  end: number;
  kind: MarkKind;
  /** a short explanation shown on hover */
  title?: string;
  /** a link (a cited document in the system) */
  href?: string;
}

export interface Segment {
  start: number;
  end: number;
  mark: Mark | null;
  /** outline node indices starting here */
  anchors: number[];
}

const PRIORITY: Record<MarkKind, number> = { hit: 6, citation: 5, lead: 4, body: 3, quantity: 2, time: 1 };

export function segment(length: number, marks: Mark[], anchors: Array<{ at: number; index: number }> = []): Segment[] {
  const valid = marks.filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.end <= length && m.start < m.end);
  const cuts = new Set<number>([0, length]);
  for (const m of valid) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const anchorAt = new Map<number, number[]>();
  for (const a of anchors) {
    const at = Math.max(0, Math.min(length, a.at));
    cuts.add(at);
    anchorAt.set(at, [...(anchorAt.get(at) ?? []), a.index]);
  }
  const points = [...cuts].sort((a, b) => a - b);
  // marks sorted by start, swept with an active list (texts are small; marks a few hundred)
  const byStart = [...valid].sort((a, b) => a.start - b.start);
  const active: Mark[] = [];
  let next = 0;
  const out: Segment[] = [];
  for (let i = 0; i < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1];
    while (next < byStart.length && byStart[next]!.start <= s) active.push(byStart[next++]!);
    for (let k = active.length - 1; k >= 0; k--) if (active[k]!.end <= s) active.splice(k, 1);
    const anchorsHere = anchorAt.get(s) ?? [];
    if (e === undefined) {
      if (anchorsHere.length) out.push({ start: s, end: s, mark: null, anchors: anchorsHere });
      break;
    }
    if (e === s) continue;
    let best: Mark | null = null;
    for (const m of active) if (m.start <= s && m.end >= e && (!best || PRIORITY[m.kind] > PRIORITY[best.kind])) best = m;
    const prev = out[out.length - 1];
    if (prev && !anchorsHere.length && prev.mark === best && prev.end === s) prev.end = e;
    else out.push({ start: s, end: e, mark: best, anchors: anchorsHere });
  }
  return out;
}

/** Marks from [start, end) pairs (search highlights). */
export function hitMarks(ranges: Array<[number, number]>): Mark[] {
  return ranges.map(([start, end]) => ({ start, end, kind: "hit" as const }));
}
