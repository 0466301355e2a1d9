/**
 * 建议责任单位: bodies the parser found named in a measure's prose. Stored with the measure at ingest; an admin
 * confirms one into a task (the body is found or created as at ingest) or dismisses it. Each decision is one
 * transaction with its audit entry, and is final: a decided suggestion is no longer offered.
 */
import type { OutlineNode } from "../model/exchange.js";
import type { Suggestion } from "../model/api.js";
import { suggestedRole } from "../extract/prose-bodies.js";
import type { Queryable } from "../store/db.js";
import { audit, type Actor } from "./audit.js";
import { jurisdictionOf, resolveBody } from "./bodies.js";
import { assignTask, TrackError } from "./tasks.js";

export type { Suggestion } from "../model/api.js";

/** The suggested_body rows of a node's suggestions, in the order found (stored with the measure at ingest). */
export function suggestionRows(node: OutlineNode) {
  return (node.suggestedUnits ?? []).map((s, ordinal) => ({
    ordinal,
    name: s.name,
    lead: s.lead,
    role: suggestedRole(s.span.rule, s.lead),
    rule: s.span.rule,
    span_start: s.span.start,
    span_end: s.span.end,
  }));
}

interface Row {
  id: number;
  measure_id: number;
  name: string;
  lead: boolean;
  role: "lead" | "supporting";
  rule: string;
  span_start: number | null;
  span_end: number | null;
  status: Suggestion["status"];
  task_id: number | null;
}

const toSuggestion = (r: Row): Suggestion => ({
  id: r.id,
  measureId: r.measure_id,
  name: r.name,
  lead: r.lead,
  role: r.role,
  rule: r.rule,
  span: r.span_start === null || r.span_end === null ? null : { start: r.span_start, end: r.span_end },
  status: r.status,
  taskId: r.task_id,
});

/** The open suggestions of these measures, in the order found. */
export async function openSuggestions(db: Queryable, measureIds: number[]): Promise<Map<number, Suggestion[]>> {
  const out = new Map<number, Suggestion[]>();
  if (!measureIds.length) return out;
  const r = await db.query<Row>(
    `select * from suggested_body where measure_id = any($1::int[]) and status = 'open' order by measure_id, ordinal`,
    [measureIds],
  );
  for (const row of r.rows) {
    const list = out.get(row.measure_id) ?? [];
    list.push(toSuggestion(row));
    out.set(row.measure_id, list);
  }
  return out;
}

/** How many suggestions of the document's measures still wait for a decision (the document page tells staff). */
export async function countOpenSuggestions(db: Queryable, documentId: number): Promise<number> {
  const r = await db.query<{ n: number }>(
    `select count(*)::int as n from suggested_body s join measure m on m.id = s.measure_id where m.document_id = $1 and s.status = 'open'`,
    [documentId],
  );
  return r.rows[0]?.n ?? 0;
}

/** Locks an open suggestion with what deciding it needs: its measure's document and that document's issuers. */
async function lockOpen(tx: Queryable, id: number) {
  const r = await tx.query<Row & { document_id: number; deleted: boolean; parsed: { document?: { issuers?: string[] }; wrappers?: Array<{ issuers?: string[] }> } | null }>(
    `select s.*, m.document_id, d.deleted_at is not null as deleted, d.parsed from suggested_body s join measure m on m.id = s.measure_id
     join document d on d.id = m.document_id where s.id = $1 for update of s`,
    [id],
  );
  const row = r.rows[0];
  if (!row || row.deleted) throw new TrackError("not-found", `建议责任单位 ${id} 不存在`);
  if (row.status !== "open") {
    throw new TrackError("conflict", `建议责任单位 ${id} 已${row.status === "confirmed" ? "确认" : "忽略"}，不能再次处理`, { status: row.status });
  }
  return row;
}

async function decide(tx: Queryable, actor: Actor, id: number, status: "confirmed" | "dismissed", taskId: number | null): Promise<Suggestion> {
  const r = await tx.query<Row>(
    `update suggested_body set status = $2, task_id = $3, decided_by = $4, decided_at = now() where id = $1 returning *`,
    [id, status, taskId, actor.id],
  );
  return toSuggestion(r.rows[0]!);
}

/**
 * Confirms a suggestion: finds or creates the body the name stands for (read in the document's jurisdiction,
 * as at ingest) and assigns it to the measure. A body already on the measure keeps its task as it is.
 */
export async function confirmSuggestion(
  tx: Queryable,
  actor: Actor,
  id: number,
  role?: "lead" | "supporting",
): Promise<{ suggestion: Suggestion; taskId: number; bodyId: number; bodyName: string; created: boolean }> {
  const row = await lockOpen(tx, id);
  const doc = row.parsed ?? {};
  const j = jurisdictionOf([doc.document?.issuers ?? [], ...[...(doc.wrappers ?? [])].reverse().map((w) => w.issuers ?? [])]);
  const body = await resolveBody(tx, row.name, j);
  const existing = await tx.query<{ id: number }>(`select id from task where measure_id = $1 and body_id = $2 order by id limit 1`, [
    row.measure_id,
    body.id,
  ]);
  let taskId = existing.rows[0]?.id;
  const created = taskId === undefined;
  if (taskId === undefined) {
    taskId = (await assignTask(tx, actor, row.measure_id, body.id, role ?? row.role)).id;
    await tx.query(`update task set written_as = $2 where id = $1`, [taskId, row.name]);
  }
  const suggestion = await decide(tx, actor, id, "confirmed", taskId);
  await audit(tx, actor, "suggestion.confirm", "suggestion", id, { status: "open" }, {
    status: "confirmed",
    name: row.name,
    measureId: row.measure_id,
    documentId: row.document_id,
    bodyId: body.id,
    taskId,
    created,
  });
  return { suggestion, taskId, bodyId: body.id, bodyName: body.name, created };
}

/** Dismisses a suggestion: it is kept, decided, and no longer offered. */
export async function dismissSuggestion(tx: Queryable, actor: Actor, id: number): Promise<Suggestion> {
  const row = await lockOpen(tx, id);
  const suggestion = await decide(tx, actor, id, "dismissed", null);
  await audit(tx, actor, "suggestion.dismiss", "suggestion", id, { status: "open" }, {
    status: "dismissed",
    name: row.name,
    measureId: row.measure_id,
    documentId: row.document_id,
  });
  return suggestion;
}
