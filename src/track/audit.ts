/** 审计日志: every change writes who, when, what, and the record before and after. */
import { Conditions } from "../store/conditions.js";
import type { Queryable } from "../store/db.js";
import type { AuditAction, AuditEntry, Role } from "../model/api.js";
import { fmtHeading } from "../model/heading.js";
import { chinaDayStart, nextDay } from "./workdays.js";

export type { AuditEntry } from "../model/api.js";

/** 角色 (public is anyone not logged in) */
export type { Role } from "../model/api.js";

/** Who does something: a logged-in user, or the system itself (CLI, first start). */
export interface Actor {
  id: number | null;
  name: string;
  role: Role | "system" | "public";
  /** bodies an editor may report for */
  bodyIds?: number[];
  /** a supervisor limited to the documents of a region */
  region?: string | null;
}

export const SYSTEM: Actor = { id: null, name: "system", role: "system" };

/** Writes one audit entry inside the caller's transaction. */
export async function audit(
  tx: Queryable,
  actor: Actor,
  action: AuditAction,
  entity: string,
  entityId: string | number | null,
  before: unknown,
  after: unknown,
): Promise<void> {
  await auditEach(tx, actor, [{ action, entity, entityId, before, after }]);
}

export interface AuditRecord {
  action: AuditAction;
  entity: string;
  entityId: string | number | null;
  before: unknown;
  after: unknown;
}

const asJson = (v: unknown) => (v === undefined || v === null ? null : v);

/** Writes an audit entry for each record, in order, in one statement (an import that files a thousand reports). */
export async function auditEach(tx: Queryable, actor: Actor, records: AuditRecord[]): Promise<void> {
  if (!records.length) return;
  const rows = records.map((r) => ({
    action: r.action,
    entity: r.entity,
    entityId: r.entityId === null ? null : String(r.entityId),
    before: asJson(r.before),
    after: asJson(r.after),
  }));
  await tx.query(
    `insert into audit_entry (actor_id, actor, action, entity, entity_id, before, after)
     select $1, $2, x->>'action', x->>'entity', x->>'entityId', nullif(x->'before', 'null'::jsonb), nullif(x->'after', 'null'::jsonb)
     from jsonb_array_elements($3::jsonb) with ordinality as j(x, n) order by n`,
    [actor.id, actor.name, JSON.stringify(rows)],
  );
}

export interface AuditQuery {
  /** entries about this document: the document itself, its measures, targets, suggestions and tasks (removed ones too) */
  documentId?: number;
  /** entries about this body: the body itself, merges into it, and its tasks */
  bodyId?: number;
  entity?: string;
  entityId?: string;
  action?: string;
  actorId?: number;
  /** who, by the name recorded (system actors such as system:seed or cli:root have no id) */
  actor?: string;
  /** days in China (UTC+8), both inclusive: YYYY-MM-DD */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}


export async function listAudit(db: Queryable, q: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
  const c = new Conditions();
  if (q.entity) c.add("entity = ?", q.entity);
  if (q.entityId) c.add("entity_id = ?", q.entityId);
  if (q.action) c.add("action = ?", q.action);
  if (q.actorId !== undefined) c.add("actor_id = ?", q.actorId);
  if (q.actor) c.add("actor = ?", q.actor);
  if (q.from) c.add("at >= ?::timestamptz", chinaDayStart(q.from));
  if (q.to) c.add("at < ?::timestamptz", chinaDayStart(nextDay(q.to)));
  if (q.documentId !== undefined) {
    // entries of tasks, measures, targets and suggestions record their documentId; reports and comments on a task
    // do not, so those are found by the document's current tasks (a removed task has no row left to join); a
    // 督办通知 may cover tasks of several documents and lists them all
    const id = q.documentId;
    c.add(
      `((entity = 'document' and entity_id = ?::int::text)
        or after->>'documentId' = ?::int::text or before->>'documentId' = ?::int::text
        or (entity = 'notice' and after->'documentIds' @> jsonb_build_array(?::int))
        or (entity = 'task' and entity_id in (select t.id::text from task t join measure m on m.id = t.measure_id where m.document_id = ?::int)))`,
      id, id, id, id, id,
    );
  }
  if (q.bodyId !== undefined) {
    const id = q.bodyId;
    c.add(
      `((entity = 'body' and entity_id = ?::int::text)
        or after->>'mergedInto' = ?::int::text
        or (entity in ('task', 'suggestion') and (after->>'bodyId' = ?::int::text or before->>'bodyId' = ?::int::text))
        or (entity = 'notice' and after->'bodyIds' @> jsonb_build_array(?::int))
        or (entity = 'task' and entity_id in (select t.id::text from task t where t.body_id = ?::int)))`,
      id, id, id, id, id, id,
    );
  }
  const { where: w, params } = c;
  const total = await db.query<{ n: number }>(`select count(*)::int as n from audit_entry ${w}`, params);
  const rows = await db.query<{
    id: number;
    at: string;
    actor_id: number | null;
    actor: string;
    action: string;
    entity: string;
    entity_id: string | null;
    before: unknown;
    after: unknown;
  }>(`select * from audit_entry ${w} order by id desc limit ${q.limit} offset ${q.offset}`, params);
  const subjects = await describeSubjects(db, rows.rows);
  return {
    total: total.rows[0]?.n ?? 0,
    items: rows.rows.map((r, i) => ({
      id: Number(r.id),
      at: r.at,
      actorId: r.actor_id,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      subject: subjects[i] ?? null,
      before: r.before,
      after: r.after,
    })),
  };
}

type Recorded = Record<string, unknown>;

/** A value of this type recorded in an entry's after, else its before (ids are recorded as numbers). */
function recorded<T extends "number" | "string">(e: { before: unknown; after: unknown }, key: string, type: T): (T extends "number" ? number : string) | undefined {
  for (const side of [e.after, e.before]) {
    const v = side && typeof side === "object" ? (side as Recorded)[key] : undefined;
    if (type === "number" ? typeof v === "number" && Number.isSafeInteger(v) : typeof v === "string" && v !== "") return v as T extends "number" ? number : string;
  }
  return undefined;
}

const entityNumber = (id: string | null): number | undefined => (id && /^\d{1,9}$/.test(id) ? Number(id) : undefined);

/**
 * Each entry's object in words, read from the rows as they are now and, for rows since removed (a task taken
 * off a measure), from what the entry recorded: a task is its measure's heading and its body's name; a measure,
 * a target or a suggestion its measure's heading; a document its title; a body and a user their names. A page
 * of entries costs one query per kind of object, by ids.
 */
async function describeSubjects(
  db: Queryable,
  entries: Array<{ entity: string; entity_id: string | null; before: unknown; after: unknown }>,
): Promise<Array<string | null>> {
  const want = { task: new Set<number>(), measure: new Set<number>(), body: new Set<number>(), document: new Set<number>(), user: new Set<number>() };
  for (const e of entries) {
    const id = entityNumber(e.entity_id);
    if (e.entity === "task" && id !== undefined) want.task.add(id);
    if (e.entity === "measure" && id !== undefined) want.measure.add(id);
    if (e.entity === "document" && id !== undefined) want.document.add(id);
    if (e.entity === "body" && id !== undefined) want.body.add(id);
    if (e.entity === "user" && id !== undefined) want.user.add(id);
    const m = recorded(e, "measureId", "number");
    if (m !== undefined) want.measure.add(m);
    const b = recorded(e, "bodyId", "number");
    if (b !== undefined) want.body.add(b);
  }
  const byId = async (sql: string, ids: Set<number>) =>
    ids.size ? new Map((await db.query<{ id: number; name: string }>(sql, [[...ids]])).rows.map((r) => [r.id, r.name])) : new Map<number, string>();
  const tasks = want.task.size
    ? (await db.query<{ id: number; measure_id: number; body_id: number }>(`select id, measure_id, body_id from task where id = any($1::int[])`, [[...want.task]])).rows
    : [];
  for (const t of tasks) {
    want.measure.add(t.measure_id);
    want.body.add(t.body_id);
  }
  const taskOf = new Map(tasks.map((t) => [t.id, t]));
  const measures = want.measure.size
    ? new Map(
        (await db.query<{ id: number; label: string; title: string }>(`select id, label, title from measure where id = any($1::int[])`, [[...want.measure]])).rows.map(
          (r) => [r.id, fmtHeading(r.label, r.title)],
        ),
      )
    : new Map<number, string>();
  const bodies = await byId(`select id, name from responsible_body where id = any($1::int[])`, want.body);
  const documents = await byId(`select id, coalesce(title, source_name) as name from document where id = any($1::int[])`, want.document);
  const users = await byId(`select id, coalesce(nullif(display_name, ''), username) as name from app_user where id = any($1::int[])`, want.user);
  return entries.map((e) => {
    const id = entityNumber(e.entity_id);
    switch (e.entity) {
      case "task": {
        const t = id !== undefined ? taskOf.get(id) : undefined;
        const measure = measures.get(t?.measure_id ?? recorded(e, "measureId", "number") ?? -1);
        const body = bodies.get(t?.body_id ?? recorded(e, "bodyId", "number") ?? -1) ?? recorded(e, "bodyName", "string");
        if (!measure && !body) return null;
        return body ? `${measure ?? ""}（${body}）` : (measure ?? null);
      }
      case "measure":
      case "target":
      case "suggestion": {
        const m = measures.get((e.entity === "measure" ? id : undefined) ?? recorded(e, "measureId", "number") ?? -1);
        const name = e.entity === "suggestion" ? recorded(e, "name", "string") : undefined;
        return m ? (name ? `${m}（${name}）` : m) : (name ?? null);
      }
      case "document":
        return documents.get(id ?? -1) ?? recorded(e, "title", "string") ?? null;
      case "body":
        return bodies.get(id ?? -1) ?? recorded(e, "name", "string") ?? null;
      case "user":
        return users.get(id ?? -1) ?? recorded(e, "username", "string") ?? null;
      default:
        return null;
    }
  });
}

/** What the audit log's filters can choose from: every action recorded, and everyone who acted (by name). */
export async function auditFacets(db: Queryable): Promise<{ actions: string[]; actors: Array<{ id: number | null; name: string }> }> {
  const actions = await db.query<{ action: string }>(`select distinct action from audit_entry order by action`);
  const actors = await db.query<{ actor: string; actor_id: number | null }>(
    `select actor, max(actor_id) as actor_id from audit_entry group by actor order by actor`,
  );
  return { actions: actions.rows.map((r) => r.action), actors: actors.rows.map((r) => ({ id: r.actor_id, name: r.actor })) };
}
