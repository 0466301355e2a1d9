/**
 * 可见范围: which tasks (and so which reports, files and notices) a user may read. An editor reads its own
 * bodies' tasks, unless the deployment opens read access to all (LUOSHI_EDITOR_READ=all); a supervisor with a
 * region reads the tasks of that region's documents; everyone else reads all. Outside the scope a task does not
 * exist for the user (404), and a filter that names another body is refused (403).
 */
import type { Conditions } from "../store/conditions.js";
import type { Queryable } from "../store/db.js";
import type { Actor } from "./audit.js";
import { LIVE_DOCUMENT } from "./publication.js";

export interface Scope {
  /** only tasks of these bodies */
  bodyIds?: number[];
  /** only tasks of documents of this region (地区) */
  region?: string;
}

export interface ScopeSettings {
  /** editors read every body's tasks (a deployment setting); by default they read their own */
  editorsReadAll?: boolean;
}

export function readScope(actor: Actor, settings: ScopeSettings = {}): Scope {
  if (actor.role === "editor" && !settings.editorsReadAll) return { bodyIds: actor.bodyIds ?? [] };
  if (actor.role === "supervisor" && actor.region) return { region: actor.region };
  return {};
}

/** The scope as conditions over `task t` and `document d` (the caller joins d when `needsDocument`). */
export function addScope(c: Conditions, scope: Scope): Conditions {
  if (scope.bodyIds) c.add("t.body_id = any(?::int[])", scope.bodyIds);
  if (scope.region !== undefined) c.add("d.region = ?", scope.region);
  return c;
}

export const needsDocument = (scope: Scope) => scope.region !== undefined;

/** May a user with this scope read tasks of this body? (for a filter naming a body) */
export function bodyInScope(scope: Scope, bodyId: number): boolean {
  return !scope.bodyIds || scope.bodyIds.includes(bodyId);
}

/** The task's body and region when the scope reaches it; null when there is no such task (or its document is deleted) or it is out of scope. */
export async function taskInScope(db: Queryable, taskId: number, scope: Scope): Promise<{ bodyId: number; measureId: number; documentId: number } | null> {
  const r = await db.query<{ body_id: number; measure_id: number; document_id: number; region: string | null }>(
    `select t.body_id, t.measure_id, m.document_id, d.region from task t join measure m on m.id = t.measure_id join document d on d.id = m.document_id where t.id = $1 and ${LIVE_DOCUMENT}`,
    [taskId],
  );
  const t = r.rows[0];
  if (!t) return null;
  if (scope.bodyIds && !scope.bodyIds.includes(t.body_id)) return null;
  if (scope.region !== undefined && t.region !== scope.region) return null;
  return { bodyId: t.body_id, measureId: t.measure_id, documentId: t.document_id };
}
