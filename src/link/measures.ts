/**
 * Measures (措施) of a parsed document as the linker sees them: the leaves of its outline, each with its own
 * text (responsible-body tags removed: they name who does it, not what), the titles of the sections above
 * it, and where it stands in the document.
 */
import type { OutlineNode, ParsedFile, Quantity } from "../model/exchange.js";

export interface Measure {
  path: string[];
  /** path joined with "/", the measure's identity within its document */
  key: string;
  title: string;
  /** the node's own text without its responsible-body mentions; the title when the text is not at hand */
  text: string;
  /** titles of the enclosing sections, outermost first */
  context: string[];
  /** where the measure starts, as a share of the document (0…1); from offsets, not from list order */
  position: number;
  quantities: Quantity[];
  node: OutlineNode;
}

export const pathKey = (path: readonly string[]): string => path.join("/");

/** Orders nodes by where they stand in the text, then by path: the same whatever order the outline lists them. */
function nodeOrder(a: OutlineNode, b: OutlineNode): number {
  const sa = a.textSpan?.start ?? a.span?.start ?? -1;
  const sb = b.textSpan?.start ?? b.span?.start ?? -1;
  if (sa !== sb) return sa - sb;
  const ka = pathKey(a.path);
  const kb = pathKey(b.path);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Own text of a node with its body mentions cut out. */
function ownText(doc: ParsedFile, node: OutlineNode): string {
  const text = doc.text;
  const span = node.textSpan ?? node.span;
  if (!text || !span) return node.title;
  const cuts = (node.bodies ?? [])
    .map((b) => b.span)
    .filter((s) => s.start >= span.start && s.end <= span.end)
    .sort((x, y) => x.start - y.start);
  let out = "";
  let at = span.start;
  for (const c of cuts) {
    if (c.start > at) out += text.slice(at, c.start);
    at = Math.max(at, c.end);
  }
  out += text.slice(at, span.end);
  return withoutDutyNote(out);
}

/**
 * A bracketed responsible-body note (（责任单位：…）) names who, not what; a measure written as a one-line title
 * carries it in its title too. The note runs to its closing bracket, or to the end when that was cut off.
 */
const withoutDutyNote = (s: string): string => s.replace(/[[［【(（]\s*责任单位\s*[:：]?[^\]］】)）]*[\]］】)）]?/g, " ");

/** The leaf measures of a document, in reading order. */
export function measuresOf(doc: ParsedFile): Measure[] {
  const nodes = [...doc.outline].sort(nodeOrder);
  const byKey = new Map(nodes.map((n) => [pathKey(n.path), n]));
  const textLength = Math.max(1, doc.text?.length ?? nodes.length);
  const sections = new Set<string>();
  for (const n of nodes) for (let d = 1; d < n.path.length; d++) sections.add(pathKey(n.path.slice(0, d)));
  const out: Measure[] = [];
  nodes.forEach((node, i) => {
    if (sections.has(pathKey(node.path))) return; // has children: a section, not a measure
    const context: string[] = [];
    for (let d = 1; d < node.path.length; d++) {
      const anc = byKey.get(pathKey(node.path.slice(0, d)));
      if (anc) context.push(anc.title);
    }
    const start = node.textSpan?.start ?? node.span?.start;
    const position = doc.text && start !== undefined ? start / textLength : i / Math.max(1, nodes.length - 1);
    out.push({
      path: node.path,
      key: pathKey(node.path),
      title: withoutDutyNote(node.title).trim(),
      text: ownText(doc, node),
      context,
      position,
      quantities: node.quantities,
      node,
    });
  });
  return out;
}
