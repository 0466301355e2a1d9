/**
 * 公开与删除: an uploaded document is private until an admin publishes it; it can be unpublished again, and
 * deleted. Deleting is soft: the document and everything derived from it (measures, tasks, reports) stay in the
 * database, hidden from every list, search, dashboard and link (`LIVE_DOCUMENT`), until an admin restores it.
 * Each change is one transaction with its audit entry.
 */
import type { Queryable } from "../store/db.js";
import { audit, type Actor } from "./audit.js";
import { TrackError } from "./tasks.js";

/** The condition that a document (`d`) is not deleted. */
export const LIVE_DOCUMENT = "d.deleted_at is null";

/**
 * The condition that a document (`d`) was stored and not deleted at the instant `end` (SQL of a timestamptz): a
 * past period's 督查通报 counts it as it stood then, so deleting it later does not change that period's figures.
 */
export const liveDocumentAt = (end: string) => `d.created_at < ${end} and (d.deleted_at is null or d.deleted_at >= ${end})`;

/**
 * The condition that a task (`t`) belongs to a document that is not deleted, for queries that do not join the
 * document. Deleted documents are few, so the subquery is a small hashed set.
 */
export const LIVE_TASK = `t.measure_id not in (select dm.id from measure dm join document dd on dd.id = dm.document_id where dd.deleted_at is not null)`;

interface DocState {
  published: boolean;
  deleted_at: string | null;
  title: string | null;
}

async function lockDocument(tx: Queryable, id: number): Promise<DocState> {
  const r = await tx.query<DocState>(`select published, deleted_at, title from document where id = $1 for update`, [id]);
  const row = r.rows[0];
  if (!row) throw new TrackError("not-found", `文件 ${id} 不存在`);
  return row;
}

/** Publishes or unpublishes a document (not a deleted one). */
export async function setPublished(tx: Queryable, actor: Actor, id: number, published: boolean): Promise<void> {
  const d = await lockDocument(tx, id);
  if (d.deleted_at) throw new TrackError("not-found", `文件 ${id} 已删除；请先恢复`);
  await tx.query(`update document set published = $2 where id = $1`, [id, published]);
  await audit(tx, actor, published ? "document.publish" : "document.unpublish", "document", id, { published: d.published }, { published });
}

/** Deletes a document softly: hidden everywhere, kept whole, and unpublished so that a restore does not expose it. */
export async function deleteDocument(tx: Queryable, actor: Actor, id: number): Promise<void> {
  const d = await lockDocument(tx, id);
  if (d.deleted_at) throw new TrackError("conflict", `文件 ${id} 已经删除`);
  await tx.query(`update document set deleted_at = now(), deleted_by = $2, published = false where id = $1`, [id, actor.id]);
  await audit(tx, actor, "document.delete", "document", id, { title: d.title, published: d.published, deleted: false }, { title: d.title, published: false, deleted: true });
}

/** Restores a deleted document, unpublished: an admin publishes it again when it is meant to be public. */
export async function restoreDocument(tx: Queryable, actor: Actor, id: number): Promise<void> {
  const d = await lockDocument(tx, id);
  if (!d.deleted_at) throw new TrackError("conflict", `文件 ${id} 未被删除`);
  await tx.query(`update document set deleted_at = null, deleted_by = null where id = $1`, [id]);
  await audit(tx, actor, "document.restore", "document", id, { title: d.title, deleted: true }, { title: d.title, published: false, deleted: false });
}
