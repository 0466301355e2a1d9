/** Reading stored documents (政策文件), measures (措施) and responsible bodies (责任单位). */
import { Conditions } from "../store/conditions.js";
import type { Queryable, SqlValue } from "../store/db.js";
import { normalizeDocNumberKey } from "./ingest.js";
import { LIVE_DOCUMENT, LIVE_TASK } from "./publication.js";
import { openSuggestions } from "./suggestions.js";
import type { DocumentSummary, Measure, MeasureTarget, ResponsibleBody } from "../model/api.js";

export type { DocumentSummary, Measure, MeasureTarget, ResponsibleBody } from "../model/api.js";

interface DocRow {
  id: number;
  title: string | null;
  doc_number: string | null;
  issuers: string[];
  doc_date: string | null;
  valid_until: string | null;
  region: string | null;
  source_name: string;
  format: string | null;
  published: boolean;
  deleted_at: string | null;
  measures: number;
  tasks: number;
  created_at: string;
}

const DOC_SELECT = `
  select d.id, d.title, d.doc_number, d.issuers, d.doc_date, d.valid_until, d.region, d.source_name, d.format,
         d.published, d.deleted_at, d.created_at,
         (select count(*)::int from measure m where m.document_id = d.id) as measures,
         (select count(*)::int from task t join measure m on m.id = t.measure_id where m.document_id = d.id) as tasks
  from document d`;

function toDoc(r: DocRow): DocumentSummary {
  return {
    id: r.id,
    title: r.title,
    docNumber: r.doc_number,
    issuers: r.issuers,
    date: r.doc_date,
    validUntil: r.valid_until,
    region: r.region,
    source: r.source_name,
    format: r.format,
    published: r.published,
    deletedAt: r.deleted_at,
    measures: r.measures,
    tasks: r.tasks,
    createdAt: r.created_at,
  };
}

export interface DocumentFilter {
  publishedOnly: boolean;
  /** the recycle bin: deleted documents only (else live ones only) */
  deleted?: boolean;
  docNumber?: string;
  year?: number;
  limit: number;
  offset: number;
}

export async function listDocuments(db: Queryable, f: DocumentFilter): Promise<{ items: DocumentSummary[]; total: number }> {
  const where: string[] = [f.deleted ? "d.deleted_at is not null" : LIVE_DOCUMENT];
  const params: SqlValue[] = [];
  if (f.publishedOnly) where.push("d.published");
  if (f.docNumber) {
    params.push(normalizeDocNumberKey(f.docNumber));
    where.push(`d.doc_number_norm = $${params.length}`);
  }
  if (f.year !== undefined) {
    params.push(`${f.year}-01-01`, `${f.year + 1}-01-01`);
    where.push(`d.doc_date >= $${params.length - 1} and d.doc_date < $${params.length}`);
  }
  const w = where.length ? `where ${where.join(" and ")}` : "";
  const total = await db.query<{ n: number }>(`select count(*)::int as n from document d ${w}`, params);
  const order = f.deleted ? "d.deleted_at desc, d.id desc" : "d.doc_date desc nulls last, d.id desc";
  const rows = await db.query<DocRow>(`${DOC_SELECT} ${w} order by ${order} limit ${f.limit} offset ${f.offset}`, params);
  return { total: total.rows[0]?.n ?? 0, items: rows.rows.map(toDoc) };
}

/** One document's summary, live (or deleted, for the recycle bin). */
export async function listDocumentById(db: Queryable, id: number, deleted = false): Promise<DocumentSummary | null> {
  const r = await db.query<DocRow>(`${DOC_SELECT} where d.id = $1 and d.deleted_at is ${deleted ? "not " : ""}null`, [id]);
  return r.rows[0] ? toDoc(r.rows[0]) : null;
}

/**
 * One document with its parse result and the normalised text all of the parse's spans refer to (stored at
 * ingest beside the parse, which is kept without it); null when the reader gave no text. A deleted document is
 * null too.
 */
export async function getDocument(db: Queryable, id: number): Promise<(DocumentSummary & { parsed: unknown; text: string | null }) | null> {
  const r = await db.query<DocRow & { parsed: unknown; text: string | null }>(
    `${DOC_SELECT.replace("d.created_at,", "d.created_at, d.parsed, d.text,")} where d.id = $1 and ${LIVE_DOCUMENT}`,
    [id],
  );
  const row = r.rows[0];
  return row ? { ...toDoc(row), parsed: row.parsed, text: row.text } : null;
}

export async function getOriginal(db: Queryable, id: number): Promise<{ mediaType: string; bytes: Uint8Array; name: string; published: boolean } | null> {
  const r = await db.query<{ media_type: string; bytes: Uint8Array; source_name: string; published: boolean }>(
    `select o.media_type, o.bytes, d.source_name, d.published from document_original o join document d on d.id = o.document_id
     where o.document_id = $1 and ${LIVE_DOCUMENT}`,
    [id],
  );
  const row = r.rows[0];
  return row ? { mediaType: row.media_type, bytes: row.bytes, name: row.source_name, published: row.published } : null;
}

export interface MeasureFilter {
  documentId?: number;
  bodyId?: number;
  kind?: "target" | "incentive" | "other";
  publishedOnly: boolean;
  limit: number;
  offset: number;
}

interface MeasureRow {
  id: number;
  document_id: number;
  document_title: string | null;
  document_valid_until: string | null;
  parent_id: number | null;
  path: string[];
  label: string;
  title: string;
  text: string;
  due_date: string | null;
  due_source: string | null;
}

/** A quantity (量化指标) as stored in `target`. */
export interface TargetRow {
  id: number;
  measure_id: number;
  text: string;
  indicator: string | null;
  value: number;
  max_value: number | null;
  unit: string;
  kind: MeasureTarget["kind"];
  deadline: string | null;
  cap: boolean;
}

export const toQuantity = (t: TargetRow): MeasureTarget => ({
  id: t.id,
  text: t.text,
  indicator: t.indicator,
  value: t.value,
  max: t.max_value,
  unit: t.unit,
  kind: t.kind,
  deadline: t.deadline,
  cap: t.cap,
});

async function decorate(db: Queryable, rows: MeasureRow[], withBodies: boolean): Promise<Measure[]> {
  const ids = rows.map((r) => r.id);
  const suggestions = withBodies ? await openSuggestions(db, ids) : new Map<number, Measure["suggestions"]>();
  const quantities = new Map<number, MeasureTarget[]>();
  const bodies = new Map<number, Measure["bodies"]>();
  const responsible = new Map<number, Measure["responsible"]>();
  if (ids.length) {
    const q = await db.query<TargetRow>(
      `select id, measure_id, text, indicator, value, max_value, unit, kind, deadline, cap from target
       where measure_id = any($1::int[]) order by measure_id, ordinal, id`,
      [ids],
    );
    for (const t of q.rows) {
      const list = quantities.get(t.measure_id) ?? [];
      list.push(toQuantity(t));
      quantities.set(t.measure_id, list);
    }
    const b = await db.query<{ measure_id: number; body_id: number; name: string; role: "lead" | "supporting"; id: number }>(
      `select t.measure_id, t.body_id, b.name, t.role, t.id from task t join responsible_body b on b.id = t.body_id
       where t.measure_id = any($1::int[]) order by t.measure_id, t.id`,
      [ids],
    );
    for (const x of b.rows) {
      // names and roles are what the document itself says; task ids and body ids stay with logged-in users
      const names = responsible.get(x.measure_id) ?? [];
      if (!names.some((n) => n.name === x.name)) names.push({ name: x.name, role: x.role });
      responsible.set(x.measure_id, names);
      if (!withBodies) continue;
      const list = bodies.get(x.measure_id) ?? [];
      list.push({ bodyId: x.body_id, bodyName: x.name, role: x.role, taskId: x.id });
      bodies.set(x.measure_id, list);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    documentId: r.document_id,
    documentTitle: r.document_title,
    documentValidUntil: r.document_valid_until,
    parentId: r.parent_id,
    path: r.path,
    label: r.label,
    title: r.title,
    text: r.text,
    dueDate: r.due_date,
    dueSource: r.due_source,
    quantities: quantities.get(r.id) ?? [],
    // leads first, then in the order assigned (stable sort)
    responsible: (responsible.get(r.id) ?? []).sort((a, b) => (a.role === b.role ? 0 : a.role === "lead" ? -1 : 1)),
    bodies: bodies.get(r.id) ?? [],
    suggestions: suggestions.get(r.id) ?? [],
  }));
}

const MEASURE_SELECT = `
  select m.id, m.document_id, d.title as document_title, d.valid_until as document_valid_until, m.parent_id, m.path, m.label, m.title, m.text,
         m.due_date, m.due_source
  from measure m join document d on d.id = m.document_id`;

/** Conditions on `measure m`: one of its tasks belongs to the body; it has a quantity of the kind. */
export const MEASURE_OF_BODY = "exists (select 1 from task t where t.measure_id = m.id and t.body_id = ?)";
export const MEASURE_WITH_KIND = "exists (select 1 from target tg where tg.measure_id = m.id and tg.kind = ?)";

/** Measures in reading order; `withBodies` adds the bodies and their tasks (not for the public). */
export async function listMeasures(db: Queryable, f: MeasureFilter, withBodies: boolean): Promise<{ items: Measure[]; total: number }> {
  const c = new Conditions().add(LIVE_DOCUMENT);
  if (f.publishedOnly) c.add("d.published");
  if (f.documentId !== undefined) c.add("m.document_id = ?", f.documentId);
  if (f.bodyId !== undefined) c.add(MEASURE_OF_BODY, f.bodyId);
  if (f.kind) c.add(MEASURE_WITH_KIND, f.kind);
  const { where: w, params } = c;
  const total = await db.query<{ n: number }>(`select count(*)::int as n from measure m join document d on d.id = m.document_id ${w}`, params);
  const rows = await db.query<MeasureRow>(`${MEASURE_SELECT} ${w} order by m.document_id, m.ordinal limit ${f.limit} offset ${f.offset}`, params);
  return { total: total.rows[0]?.n ?? 0, items: await decorate(db, rows.rows, withBodies) };
}

export async function getMeasure(db: Queryable, id: number, withBodies: boolean): Promise<(Measure & { published: boolean }) | null> {
  const r = await db.query<MeasureRow & { published: boolean }>(
    `${MEASURE_SELECT.replace("m.due_source", "m.due_source, d.published")} where m.id = $1 and ${LIVE_DOCUMENT}`,
    [id],
  );
  const row = r.rows[0];
  if (!row) return null;
  const [m] = await decorate(db, [row], withBodies);
  return { ...m!, published: row.published };
}

interface BodyRow {
  id: number;
  name: string;
  level: string | null;
  region: string | null;
  merged_into: number | null;
  aliases: string[] | null;
  tasks: number;
}

const BODY_SELECT = `select b.id, b.name, b.level, b.region, b.merged_into,
            (select array_agg(distinct a.written) from body_alias a where a.body_id = b.id) as aliases,
            (select count(*)::int from task t where t.body_id = b.id and ${LIVE_TASK}) as tasks
     from responsible_body b`;

const toBody = (r: BodyRow): ResponsibleBody => ({
  id: r.id, name: r.name, level: r.level, region: r.region, mergedInto: r.merged_into, aliases: r.aliases ?? [], tasks: r.tasks,
});

export async function listBodies(db: Queryable, f: { q?: string; limit: number; offset: number }): Promise<{ items: ResponsibleBody[]; total: number }> {
  const params: SqlValue[] = [];
  let w = "where b.merged_into is null";
  if (f.q) {
    params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    w += ` and (b.name like $1 or exists (select 1 from body_alias a where a.body_id = b.id and a.written like $1))`;
  }
  const total = await db.query<{ n: number }>(`select count(*)::int as n from responsible_body b ${w}`, params);
  const rows = await db.query<BodyRow>(`${BODY_SELECT} ${w} order by tasks desc, b.id limit ${f.limit} offset ${f.offset}`, params);
  return { total: total.rows[0]?.n ?? 0, items: rows.rows.map(toBody) };
}

export async function getBody(db: Queryable, id: number): Promise<ResponsibleBody | null> {
  const r = await db.query<BodyRow>(`${BODY_SELECT} where b.id = $1`, [id]);
  const x = r.rows[0];
  return x ? toBody(x) : null;
}
