/** The source text of a document with its spans highlighted: React text nodes only, sliced by offsets. */
import { Fragment, memo, type ReactNode } from "react";
import type { Citation, DocMeta, ParsedFile } from "./api";
import { fmtDate } from "./format";
import { segment, type Mark } from "./highlight";
import { Link } from "./router";
import { KIND_LABEL } from "./status";

export function marksOf(parsed: ParsedFile, citeLinks: Map<string, number>, hrefOf: (id: number) => string): Mark[] {
  const marks: Mark[] = [];
  for (const n of parsed.outline) {
    for (const b of n.bodies ?? []) marks.push({ ...b.span, kind: b.lead ? "lead" : "body", title: `${b.lead ? "牵头单位" : "责任单位"}：${b.name}` });
    for (const q of n.quantities)
      if (q.span) marks.push({ ...q.span, kind: "quantity", title: `${KIND_LABEL[q.kind]}：${q.text}${q.deadline ? `，时限 ${fmtDate(q.deadline)}` : ""}` });
    for (const t of n.times ?? []) marks.push({ ...t.span, kind: "time", title: `时间：${t.text}${t.date ? ` → ${fmtDate(t.date)}` : ""}` });
  }
  for (const c of citationsOf(parsed))
    if (c.span) {
      const id = citeLinks.get(c.docNumber ?? `《${c.title ?? ""}》`); // keyed as links.tsx citeKey
      marks.push({ ...c.span, kind: "citation", title: `引用文件：${[c.title && `《${c.title}》`, c.docNumber].filter(Boolean).join(" ")}${id ? "（已收录，点击打开）" : ""}`, href: id ? hrefOf(id) : undefined });
    }
  return marks.map(({ start, end, kind, title, href }) => ({ start, end, kind, title, href }));
}

export function citationsOf(parsed: ParsedFile): Citation[] {
  const metas: DocMeta[] = [...parsed.wrappers, parsed.document];
  return metas.flatMap((m) => m.cites ?? []);
}

/** The normalised text every span points into: sent by the server beside the parse result (older parse results carried it inside). */
export function textOf(parsed: ParsedFile, explicit: string | null | undefined): string | null {
  const t = explicit ?? parsed.text;
  return typeof t === "string" ? t : null;
}

export const SourceText = memo(function SourceText({ text, marks, anchors }: { text: string; marks: Mark[]; anchors: Array<{ at: number; index: number }> }) {
  const segs = segment(text.length, marks, anchors);
  const out: ReactNode[] = [];
  segs.forEach((s, i) => {
    for (const a of s.anchors) out.push(<span key={`a${a}`} id={`node-${a}`} className="anchor" />);
    const piece = text.slice(s.start, s.end);
    if (!piece) return;
    const m = s.mark;
    if (!m) out.push(<Fragment key={i}>{piece}</Fragment>);
    else if (m.href)
      out.push(
        <Link key={i} to={m.href} className={`hl hl-${m.kind}`} title={m.title}>
          {piece}
        </Link>,
      );
    else
      out.push(
        <span key={i} className={`hl hl-${m.kind}`} title={m.title} data-kind={m.kind}>
          {piece}
        </span>,
      );
  });
  return <>{out}</>;
});

export function Legend() {
  return (
    <div className="legend" aria-label="标注图例">
      <span className="hl hl-lead">牵头单位（双下划线）</span>
      <span className="hl hl-body">责任单位（实线）</span>
      <span className="hl hl-quantity">数量（虚线）</span>
      <span className="hl hl-time">时间（点线）</span>
      <span className="hl hl-citation">引用文件（紫色实线，已收录者可点击）</span>
    </div>
  );
}
