/**
 * 序号 as written: a measure's label as the document prints it — 一、 （一） 1. 第三条 — read from the normalised text
 * at the heading's span with the parser's own label shapes (src/parse/labels.ts). Pages show this, never the path
 * (一.5), which is how the store keys a measure. Where the text or the span is missing, the last label of the path
 * stands in (5 rather than 一.5).
 */
import type { Db } from "../store/db.js";
import { labelAt } from "../parse/labels.js";

export function writtenLabel(text: string | null | undefined, start: number | null | undefined, path: string[]): string {
  if (text && typeof start === "number" && start >= 0 && start < text.length) {
    const l = labelAt(text, start);
    if (l) return text.slice(start, start + l.length).trim();
  }
  return path.at(-1) ?? "";
}

/** Fills the written label of measures stored before it was kept (schema version 9), a document at a time. */
export async function fillWrittenLabels(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const docs = await db.query<{ id: number; text: string | null; starts: Array<number | null> | null }>(
      `select d.id, d.text,
              (select jsonb_agg(o->'span'->'start' order by n) from jsonb_array_elements(d.parsed->'outline') with ordinality as x(o, n)) as starts
       from document d
       where exists (select 1 from measure m where m.document_id = d.id and m.written_label is null)
       order by d.id limit 20`,
    );
    if (!docs.rows.length) return total;
    for (const d of docs.rows) {
      await db.transaction(async (tx) => {
        const ms = await tx.query<{ id: number; ordinal: number; path: string[] }>(
          `select id, ordinal, path from measure where document_id = $1 and written_label is null`,
          [d.id],
        );
        for (const m of ms.rows) {
          await tx.query(`update measure set written_label = $2 where id = $1`, [m.id, writtenLabel(d.text, d.starts?.[m.ordinal], m.path)]);
        }
        total += ms.rows.length;
      });
    }
  }
}
