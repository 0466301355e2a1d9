/**
 * The job queue: pg-boss on the same database as the store — on a PostgreSQL server through its own small pool
 * (so workers on several machines share one queue, and the queue survives a restart), on PGlite through the
 * embedded instance itself (one process). Two queues:
 *
 * - `ingest`: one job per upload (see ingest-job.ts). A worker keeps a heartbeat while it holds a job; one that
 *   dies (kill -9, a lost machine) stops beating, and the queue hands the job to another worker after
 *   `heartbeatSeconds`, up to `retries` times.
 * - `links`: recomputes every document's links after documents were added. `stately`: at most one waiting and
 *   one running, so a burst of uploads queues one recomputation, not one each.
 *
 * Lost jobs: an upload's row is written before its job is sent, and a row still open without a job on the queue
 * (the process died in between) is sent again, under the same id, when any process opens the queue.
 */
import { randomUUID } from "node:crypto";
import { PgBoss, fromPglite, type JobWithMetadata } from "pg-boss";
import { refreshLinks, staleLinks } from "../link/store.js";
import type { Db, Queryable } from "../store/db.js";
import type { StoreOptions } from "../store/index.js";
import type { ParseFn } from "../track/ingest.js";
import {
  failIngestJob,
  insertIngestJob,
  listIngestJobs,
  readIngestJobs,
  runIngestJob,
  type IngestJobRecord,
  type IngestOutcome,
  type Upload,
} from "./ingest-job.js";

export const INGEST_QUEUE = "ingest";
export const LINKS_QUEUE = "links";

export interface JobSettings {
  /** a worker that sends no heartbeat for this long is taken for dead and its job handed on (at least 10) */
  heartbeatSeconds: number;
  /** how many times a job is run again after its worker died or the database failed */
  retries: number;
}

export const DEFAULT_JOB_SETTINGS: JobSettings = { heartbeatSeconds: 30, retries: 3 };

/** LUOSHI_JOB_HEARTBEAT_SECONDS and LUOSHI_JOB_RETRIES over the defaults. */
export function jobSettingsFrom(env: NodeJS.ProcessEnv = process.env): JobSettings {
  const heartbeat = Number(env.LUOSHI_JOB_HEARTBEAT_SECONDS || DEFAULT_JOB_SETTINGS.heartbeatSeconds);
  const retries = Number(env.LUOSHI_JOB_RETRIES || DEFAULT_JOB_SETTINGS.retries);
  if (!Number.isInteger(heartbeat) || heartbeat < 10) throw new Error(`LUOSHI_JOB_HEARTBEAT_SECONDS 须为不小于 10 的整数（秒），而不是“${env.LUOSHI_JOB_HEARTBEAT_SECONDS}”`);
  if (!Number.isInteger(retries) || retries < 0) throw new Error(`LUOSHI_JOB_RETRIES 须为不小于 0 的整数，而不是“${env.LUOSHI_JOB_RETRIES}”`);
  return { heartbeatSeconds: heartbeat, retries };
}

/** upload jobs a process runs at once when LUOSHI_WORKERS (or a flag) does not say */
export const DEFAULT_WORKERS = 2;

/** A count of workers from the environment or a flag: a whole number, 0 or more. */
export function workerCount(v: string | undefined, what: string): number | undefined {
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${what} 须为不小于 0 的整数，而不是“${v}”`);
  return n;
}

/** The queue's schema: beside the store's own (tests give each suite a schema), else `luoshi_jobs`. */
export function jobsSchemaOf(store: StoreOptions): string {
  return store.databaseUrl && store.schema ? `${store.schema}_jobs` : "luoshi_jobs";
}

export interface JobsOptions {
  db: Db;
  /** where the store is: the queue connects to the same PostgreSQL server (unused on PGlite) */
  store: StoreOptions;
  settings?: JobSettings;
  log?: (line: string) => void;
}

export interface WorkOptions {
  /** jobs run at once in this process */
  concurrency: number;
  /** how an upload is parsed: a ParsePool's parse (threads, limits) */
  parse: ParseFn;
  /** a line per finished job */
  onJob?: (job: IngestJobRecord) => void;
}

const POLL_SECONDS = 1;

export class Jobs {
  private readonly workerIds: string[] = [];
  private stopped = false;

  private constructor(
    readonly db: Db,
    private readonly boss: PgBoss,
    readonly settings: JobSettings,
    private readonly log: (line: string) => void,
  ) {}

  /** Connects to the queue (creating its tables on first use) and sends again any upload that never reached it. */
  static async open(opts: JobsOptions): Promise<Jobs> {
    const settings = opts.settings ?? DEFAULT_JOB_SETTINGS;
    const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    const { db, store } = opts;
    if (!db.embedded && !store.databaseUrl) throw new Error("任务队列需要数据库的 PostgreSQL 地址或内置数据库实例");
    // a pass over the queues (heartbeats, expiry) twice per heartbeat interval, so a dead worker's job waits
    // at most one and a half intervals
    const pass = Math.max(1, Math.floor(settings.heartbeatSeconds / 2));
    const boss = new PgBoss({
      ...(db.embedded
        ? { db: fromPglite(db.embedded), backend: "pglite" as const }
        : { connectionString: store.databaseUrl, max: 4, application_name: "luoshi-jobs" }),
      schema: jobsSchemaOf(store),
      superviseIntervalSeconds: pass,
      monitorIntervalSeconds: pass,
      registerInstance: false,
      openTelemetry: { enabled: false },
    });
    boss.on("error", (err: unknown) => log(`luoshi: job queue: ${err instanceof Error ? err.message : String(err)}`));
    await boss.start();
    try {
      // each job carries its own limits (jobOptions), so a queue made by an older setting needs no update
      if (!(await boss.getQueue(INGEST_QUEUE))) await boss.createQueue(INGEST_QUEUE, {});
      if (!(await boss.getQueue(LINKS_QUEUE))) await boss.createQueue(LINKS_QUEUE, { policy: "stately" });
      const jobs = new Jobs(db, boss, settings, log);
      await jobs.resendLost();
      return jobs;
    } catch (err) {
      await boss.stop({ graceful: false }).catch(() => {});
      throw err;
    }
  }

  /** Retries and heartbeat of a job sent now. */
  private jobOptions() {
    return { retryLimit: this.settings.retries, retryDelay: 1, heartbeatSeconds: this.settings.heartbeatSeconds };
  }

  /** Open uploads whose job is not on the queue: sent again under their own id (a duplicate send is refused). */
  private async resendLost(): Promise<number> {
    const open = await this.db.query<{ id: string }>(`select id from ingest_job where state in ('queued', 'running') order by created_at`);
    let sent = 0;
    for (const { id } of open.rows) {
      if ((await this.boss.findJobs(INGEST_QUEUE, { id })).length) continue;
      if (await this.boss.send(INGEST_QUEUE, { id }, { ...this.jobOptions(), id })) sent++;
    }
    if (sent) this.log(`luoshi: ${sent} upload(s) that had not reached the job queue were queued again`);
    return sent;
  }

  /** Records an upload and queues it; answers at once with the job. */
  async enqueueIngest(upload: Upload): Promise<IngestJobRecord> {
    const job = await recordIngest(this.db, upload);
    await this.dispatchIngest(job.id);
    return job;
  }

  /**
   * Queues an upload recorded by `recordIngest` once its transaction has committed. Should the process die in
   * between, the row is still open and is sent again when a queue opens or the job is read (resendLost, ingestJobs).
   */
  async dispatchIngest(id: string): Promise<void> {
    await this.boss.send(INGEST_QUEUE, { id }, { ...this.jobOptions(), id });
    this.wake();
  }

  /**
   * Jobs by id (in the order asked, unknown ids left out), as their rows say. A job the queue gave up on (its
   * workers died more often than it retries) is failed on its row here with the reason; an open one the queue
   * does not have (its process died before sending it, or it waited past the queue's retention) is sent again.
   */
  async ingestJobs(ids: string[]): Promise<IngestJobRecord[]> {
    const byId = new Map((await readIngestJobs(this.db, ids)).map((r) => [r.id, r]));
    const out: IngestJobRecord[] = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) continue;
      if (row.state !== "queued" && row.state !== "running") {
        out.push(row);
        continue;
      }
      const [job] = await this.boss.findJobs(INGEST_QUEUE, { id: row.id });
      if (!job) await this.boss.send(INGEST_QUEUE, { id: row.id }, { ...this.jobOptions(), id: row.id });
      if (job && (job.state === "failed" || job.state === "cancelled")) {
        const output = job.output as { message?: string } | null;
        await failIngestJob(
          this.db,
          row.id,
          "interrupted",
          `处理中断 ${job.retryCount + 1} 次后放弃（工作进程退出或超时）${output?.message ? `：${output.message}` : ""}；请重新上传`,
        );
        out.push(...(await readIngestJobs(this.db, [row.id])));
      } else out.push(row);
    }
    return out;
  }

  async ingestJob(id: string): Promise<IngestJobRecord | null> {
    return (await this.ingestJobs([id]))[0] ?? null;
  }

  async listIngestJobs(opts: { open?: boolean; limit: number }): Promise<IngestJobRecord[]> {
    const rows = await listIngestJobs(this.db, opts);
    return this.ingestJobs(rows.map((r) => r.id));
  }

  /** Queues a recomputation of the links (one waits at most: a second request while one waits is the same). */
  async requestLinks(): Promise<void> {
    await this.boss.send(LINKS_QUEUE, {}, this.jobOptions());
    this.wake();
  }

  /** Whether the stored links lag behind the documents; a recomputation is then queued if none is. */
  async linksPending(): Promise<boolean> {
    if ((await staleLinks(this.db)) === 0) return false;
    await this.requestLinks();
    return true;
  }

  /** Starts this process's workers on both queues. */
  async work(opts: WorkOptions): Promise<void> {
    if (opts.concurrency < 1) return;
    const common = { pollingIntervalSeconds: POLL_SECONDS, includeMetadata: true as const, batchSize: 1 };
    this.workerIds.push(
      await this.boss.work(
        INGEST_QUEUE,
        { ...common, localConcurrency: opts.concurrency },
        async ([job]: JobWithMetadata<{ id: string }>[]): Promise<IngestOutcome | null> => {
          const outcome = await runIngestJob(this.db, opts.parse, job!.data.id, job!);
          if (outcome?.state === "done" && outcome.result.status === "stored") await this.requestLinks();
          if (opts.onJob) for (const row of await readIngestJobs(this.db, [job!.data.id])) opts.onJob(row);
          return outcome;
        },
      ),
    );
    this.workerIds.push(
      await this.boss.work(LINKS_QUEUE, { ...common, localConcurrency: 1 }, async () => ({ computed: await refreshLinks(this.db) })),
    );
    // documents stored while no worker ran (the first start's examples, `luoshi ingest`) wait for their links
    if (await staleLinks(this.db)) await this.requestLinks();
  }

  /** Wakes this process's workers now rather than at their next poll. */
  private wake(): void {
    for (const id of this.workerIds) this.boss.notifyWorker(id);
  }

  /** Resolves when no upload is waiting or running and the links are up to date (tests, `luoshi jobs --wait`). */
  async settled(opts: { timeoutMs?: number; links?: boolean } = {}): Promise<void> {
    const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
    for (;;) {
      const open = (await this.listIngestJobs({ open: true, limit: 1 })).length;
      const links = opts.links === false ? 0 : await staleLinks(this.db);
      if (!open && !links) return;
      if (Date.now() > deadline) throw new Error(`jobs did not settle: ${open ? "uploads still open" : ""}${links ? ` ${links} document(s) with stale links` : ""}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Stops the workers, letting a job in hand finish for up to `graceSeconds`, then disconnects. */
  async stop(graceSeconds = 10): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.boss.stop({ graceful: true, timeout: graceSeconds * 1000 });
  }
}

/** Records an upload as an open job, in the caller's transaction; `Jobs.dispatchIngest` then queues it. */
export function recordIngest(db: Queryable, upload: Upload): Promise<IngestJobRecord> {
  return insertIngestJob(db, randomUUID(), upload);
}
