/**
 * The store as it was before writes were batched: one statement per row, bodies resolved one name at a time.
 * Kept as the reference the batched store (src/track/ingest.ts) must match row for row; simple enough to be
 * checked by reading it against the schema.
 */
import type { ParsedFile } from "../../src/model/exchange.js";
import { suggestedRole } from "../../src/extract/prose-bodies.js";
import type { Db, Queryable } from "../../src/store/db.js";
import { indexTokens } from "../../src/store/segment.js";
import { audit, type Actor } from "../../src/track/audit.js";
import { bodyIdentity, followMerges, jurisdictionOf, type Jurisdiction, type ResolvedBody } from "../../src/track/bodies.js";
import { measureDue, type Due } from "../../src/track/due.js";
import { mediaTypeOf, normalizeDocNumberKey, rolesOf, sha256 } from "../../src/track/ingest.js";

async function resolveOne(tx: Queryable, written: string, j: Jurisdiction): Promise<ResolvedBody> {
  const ident = bodyIdentity(written, j);
  const found = await tx.query<{ id: number; name: string }>(
    `select b.id, b.name from body_alias a join responsible_body b on b.id = a.body_id where a.key = $1`,
    [ident.key],
  );
  if (found.rows[0]) return followMerges(tx, found.rows[0]);
  const created = await tx.query<{ id: number; name: string }>(
    `insert into responsible_body (name, level, region) values ($1, $2, $3) returning id, name`,
    [ident.name, ident.level, ident.region],
  );
  await tx.query(`insert into body_alias (key, body_id, written) values ($1, $2, $3) on conflict (key) do nothing`, [
    ident.key,
    created.rows[0]!.id,
    written,
  ]);
  return created.rows[0]!;
}

async function storeOneByOne(tx: Queryable, parsed: ParsedFile, bytes: Uint8Array, name: string, actor: Actor) {
  const doc = parsed.document;
  const j = jurisdictionOf([doc.issuers, ...[...parsed.wrappers].reverse().map((w) => w.issuers)]);
  const { text, ...structure } = parsed;
  const sha = sha256(bytes);
  const inserted = await tx.query<{ id: number }>(
    `insert into document (sha256, source_name, format, title, doc_number, doc_number_norm, issuers, doc_date,
       valid_until, region, level, published, parsed, text, byte_size, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16) returning id`,
    [sha, name, parsed.format ?? null, doc.title, doc.docNumber, normalizeDocNumberKey(doc.docNumber), doc.issuers, doc.date,
      doc.validUntil, j.city ?? j.province, j.level, false, JSON.stringify(structure), text ?? null, bytes.byteLength, actor.id],
  );
  const documentId = inserted.rows[0]!.id;
  await tx.query(`insert into document_original (document_id, media_type, bytes) values ($1, $2, $3)`, [
    documentId,
    mediaTypeOf(name),
    Buffer.from(bytes),
  ]);
  // bodies in key order, then spelling, as the batched store promises
  const names = [...new Set(parsed.outline.flatMap((n) => rolesOf(n).map((r) => r.name)))]
    .map((w) => ({ w, key: bodyIdentity(w, j).key }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.w < b.w ? -1 : a.w > b.w ? 1 : 0));
  const bodies = new Map<string, ResolvedBody>();
  for (const { w } of names) bodies.set(w, await resolveOne(tx, w, j));

  const ids: number[] = [];
  const dues: Due[] = [];
  const lastByPath = new Map<string, number>();
  let tasks = 0;
  for (const [i, node] of parsed.outline.entries()) {
    const parentIndex = node.path.length > 1 ? (lastByPath.get(node.path.slice(0, -1).join("\u0001")) ?? null) : null;
    lastByPath.set(node.path.join("\u0001"), i);
    const ts = node.textSpan;
    const own = parsed.text && ts ? parsed.text.slice(ts.start, ts.end).trim() : "";
    const due = measureDue(node, parentIndex === null ? null : dues[parentIndex]!, doc);
    dues.push(due);
    const r = await tx.query<{ id: number }>(
      `insert into measure (document_id, ordinal, parent_id, path, label, title, text, due_date, due_source,
         title_tokens, text_tokens)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
      [documentId, i, parentIndex === null ? null : ids[parentIndex]!, node.path, node.label ?? node.path.at(-1) ?? "",
        node.title, own,
        due.date, due.source, indexTokens(node.title), indexTokens(own)],
    );
    const measureId = r.rows[0]!.id;
    ids.push(measureId);
    for (const [k, q] of node.quantities.entries()) {
      await tx.query(
        `insert into target (measure_id, ordinal, text, value, max_value, unit, kind, deadline, indicator, cap)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [measureId, k, q.text, q.value, q.max ?? null, q.unit, q.kind, q.kind === "target" ? q.deadline : null, q.indicator ?? null, q.cap ?? false],
      );
    }
    for (const [k, s] of (node.suggestedUnits ?? []).entries()) {
      await tx.query(
        `insert into suggested_body (measure_id, ordinal, name, lead, role, rule, span_start, span_end) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [measureId, k, s.name, s.lead, suggestedRole(s.span.rule, s.lead), s.span.rule, s.span.start, s.span.end],
      );
    }
    const assigned: Array<{ bodyId: number; role: string; written: string }> = [];
    for (const { name: written, role } of rolesOf(node)) {
      const bodyId = bodies.get(written)!.id;
      const prev = assigned.find((a) => a.bodyId === bodyId);
      if (!prev) assigned.push({ bodyId, role, written });
      else if (role === "lead") prev.role = "lead";
    }
    for (const a of assigned) {
      await tx.query(`insert into task (measure_id, body_id, role, due_date, written_as) values ($1, $2, $3, $4, $5)`, [
        measureId,
        a.bodyId,
        a.role,
        due.date,
        a.written,
      ]);
      tasks++;
    }
  }
  await audit(tx, actor, "document.ingest", "document", documentId, null, {
    source: name,
    sha256: sha,
    bytes: bytes.byteLength,
    title: doc.title,
    docNumber: doc.docNumber,
    issuers: doc.issuers,
    date: doc.date,
    validUntil: doc.validUntil,
    measures: parsed.outline.length,
    tasks,
  });
  return { documentId, measures: parsed.outline.length, tasks };
}

/** Stores a parsed document row by row, in a transaction of its own. */
export function ingestUnbatched(db: Db, parsed: ParsedFile, bytes: Uint8Array, name: string, actor: Actor) {
  return db.transaction((tx) => storeOneByOne(tx, parsed, bytes, name, actor));
}
