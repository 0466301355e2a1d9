/**
 * What documents stored before schema version 13 lack, filled in once on start from their stored parse and text:
 * each measure's label as written (（一）, 1., 第三条 — they held the path joined by dots) and each target's
 * indicator name and cap. A store that was filled is marked in app_meta and not read again.
 */
import type { OutlineNode } from "../model/exchange.js";
import { indicatorOf, isCap } from "../extract/indicator.js";
import type { Db } from "../store/db.js";

const DONE = "legacy-details-v11";

// The label at the start of a stored heading. The parser now records the label it read (node.label); this reads it
// back from the heading's text for parses made before it did, by the label shapes of parse/labels.ts.
const LABEL_AT_START = /^\s*(第\s*[一二三四五六七八九十百零〇\d]{1,6}\s*[章节条]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|[一二三四五六七八九十]{1,3}\s*[、．.]|\d{1,3}\s*[、．.。)）]|[①-⑳])/;

/** The label of a node as written: recorded by the parser, else read from its heading, else its path's last step. */
export function writtenLabel(node: OutlineNode, text: string | null): string {
  if (node.label) return node.label;
  const heading = text && node.span ? text.slice(node.span.start, node.span.end) : "";
  const m = LABEL_AT_START.exec(heading);
  return m ? m[1]!.replace(/\s+/g, "") : (node.path[node.path.length - 1] ?? "");
}

/** Fills labels, indicators and caps of documents stored before version 13; returns how many documents it read. */
export async function fillLegacyDetails(db: Db, batch = 50): Promise<number> {
  const done = await db.query(`select 1 from app_meta where key = $1`, [DONE]);
  if (done.rows.length) return 0;
  let lastId = 0;
  let read = 0;
  for (;;) {
    const docs = await db.query<{ id: number; outline: OutlineNode[] | null; text: string | null }>(
      `select id, parsed->'outline' as outline, text from document
       where id > $1 and (parsed->'outline'->0->>'label') is null order by id limit ${batch}`,
      [lastId],
    );
    if (!docs.rows.length) break;
    for (const d of docs.rows) {
      lastId = d.id;
      read++;
      const outline = d.outline ?? [];
      await db.transaction(async (tx) => {
        const measures = await tx.query<{ id: number; ordinal: number }>(`select id, ordinal from measure where document_id = $1`, [d.id]);
        for (const m of measures.rows) {
          const node = outline[m.ordinal];
          if (!node) continue;
          await tx.query(`update measure set label = $2 where id = $1`, [m.id, writtenLabel(node, d.text)]);
          if (!d.text) continue;
          const targets = await tx.query<{ id: number; ordinal: number }>(
            `select id, ordinal from target where measure_id = $1 and indicator is null order by ordinal`,
            [m.id],
          );
          let previous: { end: number; indicator: string | null } | undefined;
          const byOrdinal = new Map(targets.rows.map((t) => [t.ordinal, t.id]));
          for (const [k, q] of node.quantities.entries()) {
            if (!q.span) continue;
            const indicator = indicatorOf(d.text, { start: q.span.start, end: q.span.end, unit: q.unit }, previous);
            previous = { end: q.span.end, indicator };
            const id = byOrdinal.get(k);
            if (id !== undefined) await tx.query(`update target set indicator = $2, cap = $3 where id = $1`, [id, indicator, isCap(d.text, { ...q.span, text: q.text })]);
          }
        }
      });
    }
  }
  await db.query(`insert into app_meta (key, value) values ($1, $2) on conflict (key) do nothing`, [DONE, new Date().toISOString()]);
  return read;
}
