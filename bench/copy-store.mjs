// Fills a store with many measures fast: the given documents are ingested once through the real pipeline, then
// copied round-robin, in batches, all in SQL (the same on both engines), with their measures, targets and tasks,
// until the store holds `target` measures. Used by bench:api and bench:search.
import { readdirSync, readFileSync } from "node:fs";
import { parseBytes } from "../dist/parse/index.js";
import { SYSTEM } from "../dist/track/audit.js";
import { ingestDocument } from "../dist/track/ingest.js";

/** Ingests every file of `folder` (README.md aside); returns how many could not be read as policy documents. */
export async function ingestFolder(db, folder) {
  let failed = 0;
  for (const f of readdirSync(folder).sort()) {
    if (f.toLowerCase() === "readme.md") continue;
    try {
      await ingestDocument(db, parseBytes, new Uint8Array(readFileSync(new URL(f, folder))), f, SYSTEM);
    } catch {
      failed++;
    }
  }
  return failed;
}

/** Copies the stored documents round-robin until the store holds `target` measures; `progress(done, copies)` after each batch. */
export async function copyUntil(db, target, progress = () => {}) {
  const seedDocs = (await db.query(`select id from document where sha256 not like 'bench-%' order by id`)).rows.map((r) => r.id);
  const seedMeasures = (await db.query(`select count(*)::int as n from measure`)).rows[0].n;
  // each copy is one seed document: on average seedMeasures / seedDocs.length measures
  const copies = Math.max(0, Math.ceil(((target - seedMeasures) * seedDocs.length) / seedMeasures));
  const BATCH = 200;
  const pick = `join document s on s.id = ($3::int[])[1 + (substring(d.sha256 from 7)::int % array_length($3::int[], 1))]`;
  const copiesOf = `d.sha256 like 'bench-%' and substring(d.sha256 from 7)::int between $1 and $2`;
  for (let start = 1; start <= copies; start += BATCH) {
    const end = Math.min(copies, start + BATCH - 1);
    await db.transaction(async (tx) => {
      await tx.query(
        `insert into document (sha256, source_name, format, title, doc_number, doc_number_norm, issuers, doc_date, valid_until, region, level, parsed, byte_size)
         select 'bench-' || g, 'bench-' || g || '-' || s.source_name, s.format, s.title || '（副本' || g || '）', null, null, s.issuers,
                s.doc_date, s.valid_until, s.region, s.level, '{}'::jsonb, 0
         from generate_series($1::int, $2::int) g
         join document s on s.id = ($3::int[])[1 + (g % array_length($3::int[], 1))]`,
        [start, end, seedDocs],
      );
      await tx.query(
        `insert into measure (document_id, ordinal, path, label, title, text, due_date, due_source, title_tokens, text_tokens)
         select d.id, m.ordinal, m.path, m.label, m.title, m.text, m.due_date, m.due_source, m.title_tokens, m.text_tokens
         from document d ${pick} join measure m on m.document_id = s.id
         where ${copiesOf}`,
        [start, end, seedDocs],
      );
      await tx.query(
        `insert into target (measure_id, ordinal, text, value, max_value, unit, kind, deadline)
         select nm.id, t.ordinal, t.text, t.value, t.max_value, t.unit, t.kind, t.deadline
         from document d join measure nm on nm.document_id = d.id ${pick}
         join measure m on m.document_id = s.id and m.ordinal = nm.ordinal
         join target t on t.measure_id = m.id
         where ${copiesOf}`,
        [start, end, seedDocs],
      );
      await tx.query(
        `insert into task (measure_id, body_id, role, due_date)
         select nm.id, t.body_id, t.role, t.due_date
         from document d join measure nm on nm.document_id = d.id ${pick}
         join measure m on m.document_id = s.id and m.ordinal = nm.ordinal
         join task t on t.measure_id = m.id
         where ${copiesOf}`,
        [start, end, seedDocs],
      );
    });
    progress(end, copies);
  }
}
