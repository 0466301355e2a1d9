/**
 * 解析任务: an upload is a row of `ingest_job` (what was sent, by whom, and what came of it) and a job on the
 * queue that carries the row's id. A worker claims the row, parses the bytes (in a thread, within the limits),
 * stores the document through `ingestDocument`, and writes the outcome on the row before the queue hears of it.
 *
 * Exactly once: the document is stored in one transaction, keyed by the bytes' SHA-256. A worker that dies at
 * any point leaves either no document (the job is run again) or the whole document (the job is run again, finds
 * the same bytes stored, and reports `unchanged` with that document's id). A job whose row is already over
 * answers its recorded outcome, so a worker that died between the row and the queue changes nothing either.
 */
import type { IngestJob, IngestResult, JobState } from "../model/api.js";
import type { Db, Queryable } from "../store/db.js";
import { DocumentError } from "../text/errors.js";
import type { Actor } from "../track/audit.js";
import { ingestDocument, sha256, type ParseFn } from "../track/ingest.js";
import { TrackError } from "../track/tasks.js";
import { ParseLimitError } from "./parse-threads.js";

export interface Upload {
  bytes: Uint8Array;
  name: string;
  published: boolean;
  actor: Actor;
}

/** The row with the upload's owner, for deciding who may read it. */
export interface IngestJobRecord extends IngestJob {
  createdBy: number | null;
}

interface Row {
  id: string;
  source_name: string;
  state: JobState;
  stage: "parsing" | "storing" | null;
  attempts: number;
  created_by: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  result: IngestResult | null;
  error: string | null;
  message: string | null;
}

const COLUMNS = `id, source_name, state, stage, attempts, created_by, created_at, started_at, finished_at, result, error, message`;

function progressOf(r: Row): string {
  if (r.state === "done") return r.result?.status === "unchanged" ? "此前已入库（同一文件）" : "已入库";
  if (r.state === "failed") return "失败";
  if (r.state === "running") return r.stage === "storing" ? "正在入库" : "正在解析";
  return r.attempts > 0 ? `等待重试（已尝试 ${r.attempts} 次）` : "排队等待";
}

function viewOf(r: Row): IngestJobRecord {
  return {
    id: r.id,
    source: r.source_name,
    state: r.state,
    stage: r.state === "running" ? r.stage : null,
    progress: progressOf(r),
    attempts: r.attempts,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    result: r.result,
    error: r.error,
    message: r.message,
    createdBy: r.created_by,
  };
}

export async function insertIngestJob(db: Queryable, id: string, u: Upload): Promise<IngestJobRecord> {
  const r = await db.query<Row>(
    `insert into ingest_job (id, source_name, sha256, byte_size, bytes, published, created_by, actor)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) returning ${COLUMNS}`,
    [
      id,
      u.name,
      sha256(u.bytes),
      u.bytes.byteLength,
      Buffer.from(u.bytes.buffer, u.bytes.byteOffset, u.bytes.byteLength),
      u.published,
      u.actor.id,
      JSON.stringify({ id: u.actor.id, name: u.actor.name, role: u.actor.role }),
    ],
  );
  return viewOf(r.rows[0]!);
}

export async function readIngestJobs(db: Queryable, ids: string[]): Promise<IngestJobRecord[]> {
  const r = await db.query<Row>(`select ${COLUMNS} from ingest_job where id = any($1::uuid[])`, [ids]);
  return r.rows.map(viewOf);
}

/** The newest jobs, open ones only when asked. */
export async function listIngestJobs(db: Queryable, opts: { open?: boolean; limit: number }): Promise<IngestJobRecord[]> {
  const r = await db.query<Row>(
    `select ${COLUMNS} from ingest_job ${opts.open ? `where state in ('queued', 'running')` : ""} order by created_at desc, id limit $1`,
    [opts.limit],
  );
  return r.rows.map(viewOf);
}

/** Ends an open job with a failure (a row already over keeps its outcome). */
export async function failIngestJob(db: Queryable, id: string, error: string, message: string): Promise<void> {
  await db.query(
    `update ingest_job set state = 'failed', stage = null, error = $2, message = $3, bytes = null, finished_at = now()
     where id = $1 and state in ('queued', 'running')`,
    [id, error, message],
  );
}

/**
 * A failure's code and Chinese reason. A refused type or size is told in the reader's words alone, which name it
 * themselves (不支持的格式：…, 文件过大（…）, PDF 页数过多…): a prefix would say it twice.
 */
export function failureOf(err: DocumentError): { error: string; message: string } {
  if (err instanceof ParseLimitError) return { error: err.limit === "time" ? "parse_timeout" : "parse_memory", message: err.problem };
  if (err.kind === "unsupported") return { error: "unsupported_type", message: err.problem };
  if (err.kind === "too-large") return { error: "too_large", message: err.problem };
  return { error: "unparseable_document", message: `无法解析：${err.problem}` };
}

export interface IngestAttempt {
  /** the queue's count of earlier attempts, and how many it allows */
  retryCount: number;
  retryLimit: number;
}

/** What a job ended as, for the queue's record (the row holds the same). */
export type IngestOutcome = { state: "done"; result: IngestResult } | { state: "failed"; error: string; message: string };

/**
 * Runs one ingest job. Throws only for a fault worth another attempt (the database went away): the queue runs
 * the job again then, and after the last attempt the row is failed here with the reason.
 */
export async function runIngestJob(db: Db, parse: ParseFn, id: string, attempt: IngestAttempt): Promise<IngestOutcome | null> {
  const claimed = await db.query<{ source_name: string; bytes: Uint8Array | null; published: boolean; actor: Actor }>(
    `update ingest_job set state = 'running', stage = 'parsing', attempts = attempts + 1, started_at = coalesce(started_at, now())
     where id = $1 and state in ('queued', 'running') returning source_name, bytes, published, actor`,
    [id],
  );
  const row = claimed.rows[0];
  if (!row) {
    // over already (a worker died after writing the outcome, before the queue heard of it), or no such row
    const [done] = await readIngestJobs(db, [id]);
    if (!done) return null;
    return done.state === "done" ? { state: "done", result: done.result! } : { state: "failed", error: done.error ?? "internal", message: done.message ?? "失败" };
  }
  if (!row.bytes) {
    const f = { error: "internal", message: "上传的文件已不在任务中，请重新上传" };
    await failIngestJob(db, id, f.error, f.message);
    return { state: "failed", ...f };
  }
  const parseThenStore: ParseFn = async (bytes, name) => {
    const parsed = await parse(bytes, name);
    await db.query(`update ingest_job set stage = 'storing' where id = $1 and state = 'running'`, [id]);
    return parsed;
  };
  try {
    const result = await ingestDocument(db, parseThenStore, row.bytes, row.source_name, row.actor, { published: row.published });
    await db.query(
      `update ingest_job set state = 'done', stage = null, result = $2::jsonb, bytes = null, finished_at = now()
       where id = $1 and state = 'running'`,
      [id, JSON.stringify(result)],
    );
    return { state: "done", result };
  } catch (err) {
    if (err instanceof DocumentError) {
      const f = failureOf(err);
      await failIngestJob(db, id, f.error, f.message);
      return { state: "failed", ...f };
    }
    if (err instanceof TrackError && err.kind === "conflict") {
      // the bytes of a deleted document: trying again changes nothing until it is restored
      await failIngestJob(db, id, "conflict", err.message);
      return { state: "failed", error: "conflict", message: err.message };
    }
    if (attempt.retryCount >= attempt.retryLimit) {
      const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
      await failIngestJob(db, id, "internal", `入库时出错，已尝试 ${attempt.retryCount + 1} 次：${reason}`).catch(() => {});
    }
    throw err;
  }
}
