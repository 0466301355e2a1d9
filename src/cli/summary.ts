/** The readable summary `luoshi parse` prints: wrapper chain, outline tree, bodies, quantities, citations. */
import type { DocMeta, OutlineNode, ParsedFile } from "../model/exchange.js";

const KIND: Record<string, string> = { target: "目标", incentive: "奖补", other: "其他" };

function metaLine(m: DocMeta): string {
  const parts = [m.title ?? "（无标题）"];
  if (m.docNumber) parts.push(m.docNumber);
  if (m.issuers.length) parts.push(m.issuers.join("、"));
  if (m.date) parts.push(m.date);
  if (m.validUntil) parts.push(`执行期至 ${m.validUntil}`);
  return parts.join("  |  ");
}

function nodeLines(n: OutlineNode): string[] {
  const indent = "  ".repeat(n.path.length);
  const out = [`${indent}${n.path.join(".")} ${n.title}`];
  if (n.units.length) {
    out.push(`${indent}    责任单位: ${n.units.map((u) => (n.lead.includes(u) ? `${u}(牵头)` : u)).join("、")}`);
  }
  for (const q of n.quantities) {
    const deadline = q.deadline ? ` 完成时限 ${q.deadline}` : "";
    out.push(`${indent}    ${KIND[q.kind] ?? q.kind}: ${q.text} = ${q.value}${q.max !== undefined ? `–${q.max}` : ""}${q.unit}${deadline}`);
  }
  return out;
}

export function formatSummary(p: ParsedFile): string {
  const out: string[] = [`== ${p.source} (${p.format ?? "txt"})`];
  p.wrappers.forEach((w, i) => out.push(`${"  ".repeat(i)}${i === 0 ? "" : "→ "}${metaLine(w)}`));
  out.push(`${"  ".repeat(p.wrappers.length)}${p.wrappers.length ? "→ " : ""}正文: ${metaLine(p.document)}`);
  if (p.document.cites.length) {
    out.push("引用:");
    for (const c of p.document.cites) out.push(`  ${c.title ? `《${c.title}》` : ""}${c.docNumber ?? ""}`);
  }
  out.push(`提纲 (${p.outline.length} 项):`);
  for (const n of p.outline) out.push(...nodeLines(n));
  for (const w of p.warnings ?? []) out.push(`注意: ${w}`);
  return out.join("\n");
}
