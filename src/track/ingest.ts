/**
 * 入库: parse a document and store it with its measures, targets, bodies and tasks, in one transaction per
 * document (a failure leaves no rows behind). Idempotent: the same bytes (by SHA-256) store one document.
 * The original bytes are kept. The parser is passed in, so that this room does not depend on parse/.
 *
 * Two steps, so that the CPU work can run apart from the database (another thread, or while an earlier document
 * is being stored, see ingest-pipeline.ts): prepareIngest parses and makes every row that needs no database;
 * commitPrepared stores them in one transaction of a few statements, whatever the size of the document.
 */
import { createHash } from "node:crypto";
import type { DocMeta, OutlineNode, ParsedFile } from "../model/exchange.js";
import { DocumentError } from "../text/errors.js";
import { sqlState, UNIQUE_VIOLATION, type Db, type Queryable } from "../store/db.js";
import { indexTokens } from "../store/segment.js";
import { audit, type Actor } from "./audit.js";
import { jurisdictionOf, resolveBodies, type Jurisdiction } from "./bodies.js";
import { measureDue, type Due } from "./due.js";
import { suggestionRows } from "./suggestions.js";
import { TrackError } from "./tasks.js";
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

/**
 * The document already stored with these bytes (by SHA-256), as an "unchanged" result; null if none. Bytes of a
 * deleted document are refused (conflict) rather than stored again: restore it from the recycle bin instead.
 */
export async function findStored(db: Queryable, sha: string): Promise<IngestResult | null> {
  const r = await db.query<{ id: number; title: string | null; measures: number; tasks: number; deleted: boolean }>(
    `select d.id, d.title, d.deleted_at is not null as deleted,
       (select count(*)::int from measure m where m.document_id = d.id) as measures,
       (select count(*)::int from task t join measure m on m.id = t.measure_id where m.document_id = d.id) as tasks
     from document d where d.sha256 = $1`,
    [sha],
  );
  const d = r.rows[0];
  if (d?.deleted) {
    throw new TrackError("conflict", `此文件此前已上传（文件 ${d.id}《${d.title ?? ""}》）并已删除；如需使用，请在回收站恢复`, { documentId: d.id });
  }
  return d ? { status: "unchanged", documentId: d.id, title: d.title, measures: d.measures, tasks: d.tasks } : null;
}

/**
 * A parsed document made ready to store: every row that does not need the database, serialised as the insert
 * reads it. Making it is CPU work (segmenting measures for search is the slow part), so it happens before the
 * transaction opens, and can happen in a worker thread: it is plain data (structured-cloneable).
 */
export interface PreparedDocument {
  name: string;
  sha256: string;
  bytes: Uint8Array;
  document: DocMeta;
  format: string | null;
  jurisdiction: Jurisdiction;
  /** the parse result without its text, as document.parsed holds it (JSON) */
  parsedJson: string;
  text: string | null;
  /** measure, target and suggested_body rows (JSON arrays); targets and suggestions name their measure's ordinal */
  measureRows: string;
  targetRows: string;
  suggestionRows: string;
  /** per measure, in ordinal order: the bodies as written and their roles, and the due date of its tasks */
  assignments: Array<{ roles: Array<{ name: string; role: "lead" | "supporting" }>; due: string | null }>;
}

/** Prepares a parsed document for storeParsed/storePrepared; checks nothing (see prepareIngest). */
export function prepareDocument(parsed: ParsedFile, bytes: Uint8Array, name: string, sha = sha256(bytes)): PreparedDocument {
  const measures: object[] = [];
  const targets: object[] = [];
  const suggestions: object[] = [];
  const assignments: PreparedDocument["assignments"] = [];
  const dues: Due[] = [];
  const lastByPath = new Map<string, number>();
  parsed.outline.forEach((node, ordinal) => {
    const parentKey = node.path.slice(0, -1).join("\u0001");
    const parent = node.path.length > 1 ? (lastByPath.get(parentKey) ?? null) : null;
    lastByPath.set(node.path.join("\u0001"), ordinal);
    const ts = node.textSpan;
    const text = parsed.text && ts ? parsed.text.slice(ts.start, ts.end).trim() : "";
    const due = measureDue(node, parent === null ? null : (dues[parent] ?? null), parsed.document);
    dues.push(due);
    measures.push({
      ordinal,
      parent,
      path: node.path,
      // the numbering label as written (（一）, 1., 第三条); measure.written_label (schema 9) is left empty
      label: node.label ?? node.path.at(-1) ?? "",
      title: node.title,
      text,
      due_date: due.date,
      due_source: due.source,
      title_tokens: indexTokens(node.title),
      text_tokens: indexTokens(text),
    });
    for (const [k, q] of node.quantities.entries()) {
      targets.push({
        measure: ordinal,
        ordinal: k,
        text: q.text,
        // as text, read by float8's own input as a bound number was (NaN and Infinity included)
        value: String(q.value),
        max_value: q.max === undefined ? null : String(q.max),
        unit: q.unit,
        kind: q.kind,
        deadline: q.kind === "target" ? q.deadline : null,
        indicator: q.indicator ?? null,
        cap: q.cap ?? false,
      });
    }
    for (const s of suggestionRows(node)) suggestions.push({ measure: ordinal, ...s });
    assignments.push({ roles: rolesOf(node), due: due.date });
  });
  const { text, ...structure } = parsed;
  return {
    name,
    sha256: sha,
    bytes,
    document: parsed.document,
    format: parsed.format ?? null,
    jurisdiction: jurisdictionOf([parsed.document.issuers, ...[...parsed.wrappers].reverse().map((w) => w.issuers)]),
    parsedJson: JSON.stringify(structure),
    text: text ?? null,
    measureRows: JSON.stringify(measures),
    targetRows: JSON.stringify(targets),
    suggestionRows: JSON.stringify(suggestions),
    assignments,
  };
}

/**
 * Parses and prepares one document; throws what the parser throws (DocumentError for unreadable input), and a
 * DocumentError for a text that is no policy document. Needs no database: a worker thread can run it.
 */
export async function prepareIngest(parse: ParseFn, bytes: Uint8Array, name: string): Promise<PreparedDocument> {
  const parsed = await parse(bytes, name);
  if (!parsed.document.title && parsed.outline.length === 0) {
    throw new DocumentError(name, "未找到标题，也未找到编号的措施（如“一、”“（一）”“1.”），不像政策文件", "unreadable");
  }
  return prepareDocument(parsed, bytes, name);
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

// A document and everything made from it in one statement (PostgreSQL checks the foreign keys at its end). The
// measure ids are drawn in ordinal order before the insert so that a measure can name its parent's; targets,
// suggestions and tasks find their measure's id by ordinal. Each insert reads its rows in the order given, so
// ids come out in the order one insert per row gave them.
const INSERT_DOCUMENT = /* sql */ `
with doc as (
  insert into document (sha256, source_name, format, title, doc_number, doc_number_norm, issuers, doc_date,
    valid_until, region, level, published, parsed, text, byte_size, created_by)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16) returning id
), original as (
  insert into document_original (document_id, media_type, bytes) select id, $17, $18 from doc
), m as materialized (
  select nextval(pg_get_serial_sequence('measure', 'id'))::int as id, r.*
  from jsonb_to_recordset($19::jsonb) as r(ordinal int, parent int, path text[], label text, title text, text text,
    due_date date, due_source text, title_tokens text, text_tokens text)
), measures as (
  insert into measure (id, document_id, ordinal, parent_id, path, label, title, text, due_date, due_source,
    title_tokens, text_tokens)
  select m.id, doc.id, m.ordinal, p.id, m.path, m.label, m.title, m.text, m.due_date, m.due_source,
    m.title_tokens, m.text_tokens
  from m cross join doc left join m p on p.ordinal = m.parent order by m.ordinal
), targets as (
  insert into target (measure_id, ordinal, text, value, max_value, unit, kind, deadline, indicator, cap)
  select (select id from m where m.ordinal = r.measure), r.ordinal, r.text, r.value, r.max_value, r.unit, r.kind, r.deadline,
    r.indicator, r.cap
  from jsonb_to_recordset($20::jsonb) as r(measure int, ordinal int, text text, value float8, max_value float8,
    unit text, kind text, deadline date, indicator text, cap boolean)
), suggestions as (
  insert into suggested_body (measure_id, ordinal, name, lead, role, rule, span_start, span_end)
  select (select id from m where m.ordinal = r.measure), r.ordinal, r.name, r.lead, r.role, r.rule, r.span_start, r.span_end
  from jsonb_to_recordset($21::jsonb) as r(measure int, ordinal int, name text, lead boolean, role text, rule text,
    span_start int, span_end int)
), tasks as (
  insert into task (measure_id, body_id, role, due_date, written_as)
  select (select id from m where m.ordinal = r.measure), r.body_id, r.role, r.due_date, r.written_as
  from jsonb_to_recordset($22::jsonb) as r(measure int, body_id int, role text, due_date date, written_as text)
)
select id from doc`;

/** Stores a prepared document and everything derived from it; the caller's transaction. */
export async function storePrepared(
  tx: Queryable,
  prepared: PreparedDocument,
  actor: Actor,
  opts: { published?: boolean } = {},
): Promise<IngestResult> {
  const { document: doc, jurisdiction: j, bytes, name, sha256: sha } = prepared;
  const bodies = await resolveBodies(tx, prepared.assignments.flatMap((a) => a.roles.map((r) => r.name)), j);
  const tasks: Array<{ measure: number; body_id: number; role: "lead" | "supporting"; due_date: string | null; written_as: string }> = [];
  for (const [measure, { roles, due }] of prepared.assignments.entries()) {
    // two spellings of one body make one task, lead if either leads
    const byBody = new Map<number, (typeof tasks)[number]>();
    for (const { name: written, role } of roles) {
      const bodyId = bodies.get(written)!.id;
      const prev = byBody.get(bodyId);
      if (!prev) {
        const task = { measure, body_id: bodyId, role, due_date: due, written_as: written };
        byBody.set(bodyId, task);
        tasks.push(task);
      } else if (role === "lead") prev.role = "lead";
    }
  }
  const inserted = await tx.query<{ id: number }>(INSERT_DOCUMENT, [
    sha,
    name,
    prepared.format,
    doc.title,
    doc.docNumber,
    normalizeDocNumberKey(doc.docNumber),
    doc.issuers,
    doc.date,
    doc.validUntil,
    j.city ?? j.province,
    j.level,
    // private until an admin publishes it
    opts.published ?? false,
    prepared.parsedJson,
    prepared.text,
    bytes.byteLength,
    actor.id,
    mediaTypeOf(name),
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    prepared.measureRows,
    prepared.targetRows,
    prepared.suggestionRows,
    JSON.stringify(tasks),
  ]);
  const documentId = inserted.rows[0]!.id;
  const measures = prepared.assignments.length;
  await audit(tx, actor, "document.ingest", "document", documentId, null, {
    source: name,
    sha256: sha,
    bytes: bytes.byteLength,
    ...docSummary(doc),
    measures,
    tasks: tasks.length,
  });
  return { status: "stored", documentId, title: doc.title, measures, tasks: tasks.length };
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
  return storePrepared(tx, prepareDocument(parsed, bytes, name, sha), actor, opts);
}

/**
 * Stores a prepared document in a transaction of its own. Bytes stored meanwhile by someone else (the same file
 * uploaded twice at once) are reported as unchanged, not as an error.
 */
export async function commitPrepared(db: Db, prepared: PreparedDocument, actor: Actor, opts: { published?: boolean } = {}): Promise<IngestResult> {
  try {
    return await db.transaction((tx) => storePrepared(tx, prepared, actor, opts));
  } catch (err) {
    if (sqlState(err) === UNIQUE_VIOLATION) {
      const again = await findStored(db, prepared.sha256);
      if (again) return again;
    }
    throw err;
  }
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
  const existing = await findStored(db, sha256(bytes));
  if (existing) return existing;
  return commitPrepared(db, await prepareIngest(parse, bytes, name), actor, opts);
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
