/** An API over a fresh database with the seeds ingested, and users of every role, for the server tests. */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Jobs } from "../../src/jobs/queue.js";
import type { IngestJob } from "../../src/model/api.js";
import { parseBytes } from "../../src/parse/index.js";
import { createApp } from "../../src/server/app.js";
import type { SupervisionSettings } from "../../src/server/context.js";
import type { Db } from "../../src/store/db.js";
import type { StoreOptions } from "../../src/store/index.js";
import type { ParseFn } from "../../src/track/ingest.js";
import { ensureAdmin } from "../../src/track/users.js";
import type { Engine } from "./engines.js";

export const SEEDS_DIR = join(import.meta.dirname, "../../examples/seeds");
export const seedFiles = () => readdirSync(SEEDS_DIR).filter((f) => f.endsWith(".txt")).sort();
export const seedBytes = (f: string) => new Uint8Array(readFileSync(join(SEEDS_DIR, f)));

export const ADMIN_PASSWORD = "Ops-Keeper-2020!";
/** a password the policy accepts for the test user `username` (never containing the name) */
export const passwordOf = (username: string) => `Pw-${createHash("sha256").update(username).digest("hex").slice(0, 12)}-Q`;
/** the clock of the tests: mid-2020, while the seeds' measures run */
export const TODAY = "2020-06-15";

export interface Api {
  db: Db;
  store: StoreOptions;
  jobs: Jobs;
  app: ReturnType<typeof createApp>;
  req: (path: string, opts?: { token?: string | null; method?: string; json?: unknown; form?: FormData; headers?: Record<string, string> }) => Promise<Response>;
  login: (username: string, password: string) => Promise<string>;
  /** uploads, expects the 202 with a job, and follows the job until it is over */
  upload: (token: string, form: FormData) => Promise<IngestJob>;
  close: () => Promise<void>;
}

/** Follows a job through GET /api/jobs/{id} until it is done or failed. */
export async function followJob(app: ReturnType<typeof createApp>, token: string, id: string, timeoutMs = 60_000): Promise<IngestJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await app.request(`/api/jobs/${id}`, { headers: { authorization: `Bearer ${token}` } });
    if (r.status !== 200) throw new Error(`job ${id}: ${r.status} ${await r.text()}`);
    const job = (await r.json()) as IngestJob;
    if (job.state === "done" || job.state === "failed") return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.state} (${job.progress})`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * The API over a fresh database with its job queue and one in-process worker; `parse` is how the worker parses
 * (the parser on the test's own thread by default, a ParsePool for the limits).
 */
export async function openApi(engine: Engine, opts: { maxUploadBytes?: number; parse?: ParseFn; workers?: number; supervision?: SupervisionSettings } = {}): Promise<Api> {
  const { db, store, close } = await engine.open();
  const jobs = await Jobs.open({ db, store, log: () => {} });
  await jobs.work({ concurrency: opts.workers ?? 1, parse: opts.parse ?? parseBytes });
  const app = createApp({ db, jobs, now: () => new Date(`${TODAY}T08:00:00Z`), maxUploadBytes: opts.maxUploadBytes, supervision: opts.supervision, log: () => {} });
  await ensureAdmin(db, ADMIN_PASSWORD);
  const req: Api["req"] = async (path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | FormData | undefined;
    if (o.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(o.json);
    } else if (o.form) body = o.form;
    return app.request(path, { method: o.method ?? (body ? "POST" : "GET"), headers, body });
  };
  const login = async (username: string, password: string) => {
    const r = await req("/api/auth/login", { json: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
    return ((await r.json()) as { token: string }).token;
  };
  const upload: Api["upload"] = async (token, form) => {
    const r = await req("/api/documents", { token, form });
    if (r.status !== 202) throw new Error(`upload: ${r.status} ${await r.text()}`);
    return followJob(app, token, ((await r.json()) as IngestJob).id);
  };
  const closeAll = async () => {
    await jobs.stop(1);
    await close();
  };
  return { db, store, jobs, app, req, login, upload, close: closeAll };
}

export function fileForm(name: string, bytes: Uint8Array, extra: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append("file", new File([Buffer.from(bytes)], name));
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  return form;
}
