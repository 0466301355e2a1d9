/**
 * A `luoshi worker` killed (SIGKILL) in the middle of a job: the job goes to the next worker once the dead one's
 * heartbeat is missed, and its document is stored once, whole. PostgreSQL only (workers are processes of their
 * own); the workers run the build (bin/luoshi.js → dist), with a parser that holds `hold-*` documents while a
 * file exists, so that the kill lands mid-job.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PG_URL } from "../../test/support/engines.js";
import { seedBytes, seedFiles } from "../../test/support/api.js";
import { parseBytes } from "../parse/index.js";
import type { Db } from "../store/db.js";
import { openStore, type StoreOptions } from "../store/index.js";
import { dropSchema } from "../store/postgres.js";
import { SYSTEM } from "../track/audit.js";
import { sha256 } from "../track/ingest.js";
import { Jobs, jobsSchemaOf } from "./queue.js";

const ROOT = resolve(import.meta.dirname, "../..");
const PARSER = join(ROOT, "test/fixtures/parsers/pathological.mjs");
const HEARTBEAT = 10; // the least pg-boss allows
const d = PG_URL ? describe : describe.skip;

d("a worker killed mid-job", () => {
  const store: StoreOptions = { databaseUrl: PG_URL!, schema: `t_kill_${randomBytes(5).toString("hex")}` };
  const dir = mkdtempSync(join(tmpdir(), "luoshi-kill-"));
  const hold = join(dir, "hold");
  const env = {
    ...process.env,
    LUOSHI_DB_SCHEMA: store.schema,
    LUOSHI_JOB_HEARTBEAT_SECONDS: String(HEARTBEAT),
    LUOSHI_TEST_HOLD_FILE: hold,
  };
  const children: ChildProcess[] = [];
  let db: Db;
  let jobs: Jobs;

  const worker = () => {
    const child = spawn(process.execPath, [join(ROOT, "bin/luoshi.js"), "worker", "--database-url", PG_URL!, "--parser", PARSER, "--concurrency", "1", "--grace", "1"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout!.on("data", (b: Buffer) => (log += b.toString()));
    child.stderr!.on("data", (b: Buffer) => (log += b.toString()));
    children.push(child);
    return { child, log: () => log };
  };
  const exited = (child: ChildProcess) =>
    new Promise<NodeJS.Signals | number | null>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) done(child.signalCode ?? child.exitCode);
      else child.once("exit", (code, signal) => done(signal ?? code));
    });
  const until = async <T>(what: string, read: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await read();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    db = await openStore(store);
    jobs = await Jobs.open({ db, store, settings: { heartbeatSeconds: HEARTBEAT, retries: 3 }, log: () => {} });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await jobs?.stop(1);
    await db?.close();
    await dropSchema(PG_URL!, store.schema!);
    await dropSchema(PG_URL!, jobsSchemaOf(store));
    rmSync(dir, { recursive: true, force: true });
  });

  it("hands the job to another worker, which stores the document once and whole", async () => {
    const file = seedFiles()[0]!;
    const bytes = seedBytes(file);
    writeFileSync(hold, "");
    const job = await jobs.enqueueIngest({ bytes, name: `hold-${file}`, published: true, actor: SYSTEM });

    const first = worker();
    await until("the first worker to start parsing", async () => {
      const j = await jobs.ingestJob(job.id);
      return j?.state === "running" && j.stage === "parsing" && j.attempts === 1;
    });
    first.child.kill("SIGKILL");
    expect(await exited(first.child)).toBe("SIGKILL");
    rmSync(hold);

    const second = worker();
    const over = await until(
      "the job to be over",
      async () => {
        const j = await jobs.ingestJob(job.id);
        return j && (j.state === "done" || j.state === "failed") ? j : null;
      },
      90_000,
    );
    expect(over, second.log()).toMatchObject({ state: "done", attempts: 2, result: { status: "stored" } });
    // the worker writes its line once the job's row is over
    await until("the second worker's line for the job", async () => second.log().includes(`job ${job.id}`));

    // one document, whole: every measure of the parse, their tasks, one audit entry
    const docs = await db.query<{ id: number; measures: number; tasks: number; originals: number }>(
      `select d.id,
         (select count(*)::int from measure m where m.document_id = d.id) as measures,
         (select count(*)::int from task t join measure m on m.id = t.measure_id where m.document_id = d.id) as tasks,
         (select count(*)::int from document_original o where o.document_id = d.id) as originals
       from document d where d.sha256 = $1`,
      [sha256(bytes)],
    );
    expect(docs.rows).toHaveLength(1);
    const parsed = await parseBytes(bytes, file);
    expect(docs.rows[0]).toMatchObject({ id: over.result!.documentId, measures: parsed.outline.length, tasks: over.result!.tasks, originals: 1 });
    expect((await db.query(`select 1 from document`)).rows).toHaveLength(1);
    const audits = await db.query(`select 1 from audit_entry where action = 'document.ingest'`);
    expect(audits.rows).toHaveLength(1);

    second.child.kill("SIGTERM");
    expect(await exited(second.child)).toBe(0);
  }, 150_000);

  it("runs the examples through two workers at once, each stored once", async () => {
    const a = worker();
    const b = worker();
    const queued = [];
    for (const f of seedFiles()) queued.push(await jobs.enqueueIngest({ bytes: seedBytes(f), name: f, published: true, actor: SYSTEM }));
    const ids = queued.map((j) => j.id);
    const over = await until("every job to be over", async () => {
      const list = await jobs.ingestJobs(ids);
      return list.every((j) => j.state === "done" || j.state === "failed") ? list : null;
    });
    // the first example was stored by the killed worker's job: unchanged now; the rest stored, by either worker
    expect(over.map((j) => j.result?.status)).toEqual(["unchanged", ...seedFiles().slice(1).map(() => "stored")]);
    expect((await db.query(`select 1 from document`)).rows).toHaveLength(seedFiles().length);
    await until("a worker's line for each job", async () => ids.slice(1).every((id) => (a.log() + b.log()).includes(`job ${id}`)));
    for (const c of [a.child, b.child]) c.kill("SIGTERM");
    expect(await Promise.all([exited(a.child), exited(b.child)])).toEqual([0, 0]);
  }, 120_000);
});
