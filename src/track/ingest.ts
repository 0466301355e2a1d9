/**
 * 入库: parse a document and store it with its measures, targets, bodies and tasks, in one transaction per
 * document (a failure leaves no rows behind). Idempotent: the same bytes (by SHA-256) store one document.
 * The original bytes are kept. The parser is passed in, so that this room does not depend on parse/.
 */
import { createHash } from "node:crypto";
import type { DocMeta, OutlineNode, ParsedFile } from "../model/exchange.js";
import { DocumentError } from "../text/errors.js";
import { sqlState, UNIQUE_VIOLATION, type Db, type Queryable } from "../store/db.js";
import { indexTokens } from "../store/segment.js";
import { audit, type Actor } from "./audit.js";
import { jurisdictionOf, resolveBodies, type Jurisdiction } from "./bodies.js";
import { measureDue, type Due } from "./due.js";
import { storeSuggestions } from "./suggestions.js";
import { writtenLabel } from "./written-label.js";
import type { IngestResult } from "../model/api.js";

export type { IngestResult } from "../model/api.js";

export type ParseFn = (bytes: Uint8Array, name: string) => Promise<ParsedFile>;

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const MEDIA_TYPES: Record<string, string> = {
  txt: "text/plain",
  html: "text/html",
  htm: "text/html",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
};
export function mediaTypeOf(name: string): string {
  const ext = name.toLowerCase().split(".").pop() ?? "";
  return MEDIA_TYPES[ext] ?? "application/octet-stream";
}

/** 文号 in a form for exact lookup: brackets unified, spaces removed. */
export function normalizeDocNumberKey(s: string | null | undefined): string | null {
  if (!s) return null;
  return s
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[\[［〔【(（]/g, "〔")
    .replace(/[\]］〕】)）]/g, "〕");
}

async function findBySha(db: Queryable, sha: string) {
  const r = await db.query<{ id: number; title: string | null; measures: number; tasks: number }>(
    `select d.id, d.title,
       (select count(*)::int from measure m where m.document_id = d.id) as measures,
       (select count(*)::int from task t join measure m on m.id = t.measure_id where m.document_id = d.id) as tasks
     from document d where d.sha256 = $1`,
    [sha],
  );
  return r.rows[0] ?? null;
}

/** What a measure row will hold, made before the transaction opens (segmentation is the slow part). */
interface PreparedMeasure {
  node: OutlineNode;
  parentIndex: number | null;
  label: string;
  writtenLabel: string;
  text: string;
  due: Due;
  titleTokens: string;
  textTokens: string;
}

function prepareMeasures(parsed: ParsedFile): PreparedMeasure[] {
  const out: PreparedMeasure[] = [];
  const lastByPath = new Map<string, number>();
  parsed.outline.forEach((node, i) => {
    const parentKey = node.path.slice(0, -1).join("\u0001");
    const parentIndex = node.path.length > 1 ? (lastByPath.get(parentKey) ?? null) : null;
    lastByPath.set(node.path.join("\u0001"), i);
    const ts = node.textSpan;
    const text = parsed.text && ts ? parsed.text.slice(ts.start, ts.end).trim() : "";
    const parentDue = parentIndex === null ? null : (out[parentIndex]?.due ?? null);
    out.push({
      node,
      parentIndex,
      label: node.path.join("."),
      writtenLabel: writtenLabel(parsed.text, node.span?.start, node.path),
      text,
      due: measureDue(node, parentDue, parsed.document),
      titleTokens: indexTokens(node.title),
      textTokens: indexTokens(text),
    });
  });
  return out;
}

/** 牵头 / 配合: named leads lead and the rest support; where no lead is written, every body leads its share. */
export function rolesOf(node: OutlineNode): Array<{ name: string; role: "lead" | "supporting" }> {
  const names = [...new Set([...node.units, ...node.lead.filter((l) => !node.units.includes(l))])];
  const leads = new Set(node.lead);
  return names.map((name) => ({ name, role: leads.size === 0 || leads.has(name) ? "lead" : "supporting" }));
}

function docSummary(doc: DocMeta) {
  return { title: doc.title, docNumber: doc.docNumber, issuers: doc.issuers, date: doc.date, validUntil: doc.validUntil };
}

/** Stores a parsed document and everything derived from it; the caller's transaction. */
export async function storeParsed(
  tx: Queryable,
  parsed: ParsedFile,
  bytes: Uint8Array,
  name: string,
  sha: string,
  actor: Actor,
  opts: { published?: boolean } = {},
): Promise<IngestResult> {
  const doc = parsed.document;
  const j: Jurisdiction = jurisdictionOf([doc.issuers, ...[...parsed.wrappers].reverse().map((w) => w.issuers)]);
  const prepared = prepareMeasures(parsed);
  const { text, ...structure } = parsed;
  const inserted = await tx.query<{ id: number }>(
    `insert into document (sha256, source_name, format, title, doc_number, doc_number_norm, issuers, doc_date,
       valid_until, region, level, published, parsed, text, byte_size, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16) returning id`,
    [
      sha,
      name,
      parsed.format ?? null,
      doc.title,
      doc.docNumber,
      normalizeDocNumberKey(doc.docNumber),
      doc.issuers,
      doc.date,
      doc.validUntil,
      j.city ?? j.province,
      j.level,
      opts.published ?? true,
      JSON.stringify(structure),
      text ?? null,
      bytes.byteLength,
      actor.id,
    ],
  );
  const documentId = inserted.rows[0]!.id;
  await tx.query(`insert into document_original (document_id, media_type, bytes) values ($1, $2, $3)`, [
    documentId,
    mediaTypeOf(name),
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  ]);

  const ids: number[] = [];
  let tasks = 0;
  const bodyCache = await resolveBodies(tx, prepared.flatMap((m) => rolesOf(m.node).map((r) => r.name)), j);
  for (const [i, m] of prepared.entries()) {
    const parentId = m.parentIndex === null ? null : (ids[m.parentIndex] ?? null);
    const r = await tx.query<{ id: number }>(
      `insert into measure (document_id, ordinal, parent_id, path, label, written_label, title, text, due_date, due_source,
         title_tokens, text_tokens)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
      [documentId, i, parentId, m.node.path, m.label, m.writtenLabel, m.node.title, m.text, m.due.date, m.due.source, m.titleTokens, m.textTokens],
    );
    const measureId = r.rows[0]!.id;
    ids.push(measureId);
    for (const [k, q] of m.node.quantities.entries()) {
      await tx.query(
        `insert into target (measure_id, ordinal, text, value, max_value, unit, kind, deadline)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [measureId, k, q.text, q.value, q.max ?? null, q.unit, q.kind, q.kind === "target" ? q.deadline : null],
      );
    }
    await storeSuggestions(tx, measureId, m.node);
    const seen = new Map<number, "lead" | "supporting">();
    const assignments: Array<{ bodyId: number; role: "lead" | "supporting"; written: string }> = [];
    for (const { name: written, role } of rolesOf(m.node)) {
      const body = bodyCache.get(written)!;
      const prev = seen.get(body.id);
      if (prev === undefined) {
        seen.set(body.id, role);
        assignments.push({ bodyId: body.id, role, written });
      } else if (prev === "supporting" && role === "lead") {
        seen.set(body.id, "lead");
        const a = assignments.find((x) => x.bodyId === body.id);
        if (a) a.role = "lead";
      }
    }
    for (const a of assignments) {
      await tx.query(`insert into task (measure_id, body_id, role, due_date, written_as) values ($1, $2, $3, $4, $5)`, [
        measureId,
        a.bodyId,
        a.role,
        m.due.date,
        a.written,
      ]);
      tasks++;
    }
  }
  await audit(tx, actor, "document.ingest", "document", documentId, null, {
    source: name,
    sha256: sha,
    bytes: bytes.byteLength,
    ...docSummary(doc),
    measures: prepared.length,
    tasks,
  });
  return { status: "stored", documentId, title: doc.title, measures: prepared.length, tasks };
}

/** A document read and parsed, ready to store; or the document already stored with the same bytes. */
export type PreparedIngest = { existing: IngestResult } | { parsed: ParsedFile; sha: string };

/**
 * The work of an ingest done outside any transaction: the same bytes are looked up, new bytes parsed.
 * Throws what the parser throws (DocumentError for unreadable input).
 */
export async function prepareIngest(db: Queryable, parse: ParseFn, bytes: Uint8Array, name: string): Promise<PreparedIngest> {
  const sha = sha256(bytes);
  const existing = await findBySha(db, sha);
  if (existing) return { existing: unchanged(existing) };
  const parsed = await parse(bytes, name);
  if (!parsed.document.title && parsed.outline.length === 0) {
    throw new DocumentError(name, "no title and no numbered measures found: not a policy document", "unreadable");
  }
  return { parsed, sha };
}

/** Stores a prepared document in the caller's transaction (nothing to do for bytes already stored). */
export async function storePrepared(
  tx: Queryable,
  p: PreparedIngest,
  bytes: Uint8Array,
  name: string,
  actor: Actor,
  opts: { published?: boolean } = {},
): Promise<IngestResult> {
  return "existing" in p ? p.existing : storeParsed(tx, p.parsed, bytes, name, p.sha, actor, opts);
}

/**
 * Parses and stores one document. Throws what the parser throws (DocumentError for unreadable input);
 * nothing is stored then.
 */
export async function ingestDocument(
  db: Db,
  parse: ParseFn,
  bytes: Uint8Array,
  name: string,
  actor: Actor,
  opts: { published?: boolean } = {},
): Promise<IngestResult> {
  const prepared = await prepareIngest(db, parse, bytes, name);
  try {
    return await db.transaction((tx) => storePrepared(tx, prepared, bytes, name, actor, opts));
  } catch (err) {
    const again = await storedMeanwhile(db, err, bytes);
    if (again) return again;
    throw err;
  }
}

/** After `err` storing `bytes`: the document stored with the same bytes by someone else meanwhile, or null. */
export async function storedMeanwhile(db: Queryable, err: unknown, bytes: Uint8Array): Promise<IngestResult | null> {
  if (sqlState(err) !== UNIQUE_VIOLATION) return null;
  const again = await findBySha(db, sha256(bytes));
  return again ? unchanged(again) : null;
}

function unchanged(d: { id: number; title: string | null; measures: number; tasks: number }): IngestResult {
  return { status: "unchanged", documentId: d.id, title: d.title, measures: d.measures, tasks: d.tasks };
}

/** Indexes measures stored before search existed (a data folder from schema version 1). */
export async function indexUnindexedMeasures(db: Db, batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await db.query<{ id: number; title: string; text: string }>(
      `select id, title, text from measure where title_tokens is null order by id limit ${batch}`,
    );
    if (!rows.length) return total;
    await db.transaction(async (tx) => {
      for (const r of rows) {
        await tx.query(`update measure set title_tokens = $2, text_tokens = $3 where id = $1`, [
          r.id,
          indexTokens(r.title),
          indexTokens(r.text),
        ]);
      }
    });
    total += rows.length;
  }
}
