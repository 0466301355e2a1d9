/** 审计日志: every change writes who, when, what, and the record before and after. */
import { Conditions } from "../store/conditions.js";
import type { Queryable } from "../store/db.js";
import type { AuditEntry } from "../model/api.js";

export type { AuditEntry } from "../model/api.js";

/** 角色: admin 管理员, supervisor 督查员, editor 责任单位填报员; public is anyone not logged in. */
export type Role = "admin" | "supervisor" | "editor";

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
  action: string,
  entity: string,
  entityId: string | number | null,
  before: unknown,
  after: unknown,
): Promise<void> {
  await tx.query(
    `insert into audit_entry (actor_id, actor, action, entity, entity_id, before, after)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
    [
      actor.id,
      actor.name,
      action,
      entity,
      entityId === null ? null : String(entityId),
      before === undefined || before === null ? null : JSON.stringify(before),
      after === undefined || after === null ? null : JSON.stringify(after),
    ],
  );
}

export interface AuditQuery {
  /** entries about this document: the document itself and its tasks, including tasks since removed */
  documentId?: number;
  entity?: string;
  entityId?: string;
  action?: string;
  actorId?: number;
  limit: number;
  offset: number;
}

export async function listAudit(db: Queryable, q: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
  const c = new Conditions();
  if (q.entity) c.add("entity = ?", q.entity);
  if (q.entityId) c.add("entity_id = ?", q.entityId);
  if (q.action) c.add("action = ?", q.action);
  if (q.actorId !== undefined) c.add("actor_id = ?", q.actorId);
  if (q.documentId !== undefined) {
    // a task's entries carry no document column: find them by the document's current tasks, or by the
    // documentId that assignment entries record (a removed task has no row left to join)
    const id = q.documentId;
    c.add(
      `((entity = 'document' and entity_id = ?::int::text)
        or (entity = 'task' and (entity_id in (select t.id::text from task t join measure m on m.id = t.measure_id where m.document_id = ?::int)
                                 or after->>'documentId' = ?::int::text or before->>'documentId' = ?::int::text)))`,
      id, id, id, id,
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
  return {
    total: total.rows[0]?.n ?? 0,
    items: rows.rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
    })),
  };
}
