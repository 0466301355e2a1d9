/**
 * The server: opens the store (PGlite in ./luoshi-data or LUOSHI_DATA; a PostgreSQL server when DATABASE_URL
 * is set), migrates it, creates the first admin, ingests the example documents on the first start of an
 * empty store, and serves the API on PORT (default 3000), running LUOSHI_WORKERS upload jobs at once in this
 * process (parsing in threads within the parse limits). `npm start` runs this file.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { serve } from "@hono/node-server";
import { DEFAULT_WORKERS, Jobs, jobSettingsFrom, workerCount, type JobSettings } from "../jobs/queue.js";
import { DEFAULT_PARSE_LIMITS, ParsePool, parseLimitsFrom, type ParseLimits } from "../jobs/parse-threads.js";
import { parseBytes } from "../parse/index.js";
import { describeStore, openStore, storeOptionsFromEnv, type StoreOptions } from "../store/index.js";
import { DatabaseUnavailable, type Db } from "../store/db.js";
import { SYSTEM } from "../track/audit.js";
import { indexUnindexedMeasures, ingestDocument } from "../track/ingest.js";
import { fillLegacyDetails } from "../track/legacy.js";
import { ensureAdmin } from "../track/users.js";
import { DocumentError } from "../text/errors.js";
import { OfficeThreads } from "../office/render-threads.js";
import { createApp } from "./app.js";
import type { SupervisionSettings } from "./context.js";
import { DEFAULT_MAX_ATTACHMENT } from "../track/evidence.js";
import { DEFAULT_INBOX } from "../track/inbox.js";

/** The example documents shipped in the repository. */
export const EXAMPLES_DIR = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../examples/seeds");

/**
 * Ingests the examples once, on the first start of an empty store; a store that has ever been seeded or
 * holds documents is left alone.
 */
export async function seedOnce(db: Db, dir: string, log: (s: string) => void): Promise<number> {
  const seeded = await db.query(`select 1 from app_meta where key = 'seeded'`);
  if (seeded.rows.length) return 0;
  const docs = await db.query<{ n: number }>(`select count(*)::int as n from document`);
  let stored = 0;
  if ((docs.rows[0]?.n ?? 0) === 0) {
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => /\.(txt|html?|docx|pdf)$/i.test(f)).sort();
    } catch {
      log(`luoshi：${dir} 下没有示例文件，以空库启动`);
    }
    for (const f of files) {
      try {
        // the examples are there to be seen: published, unlike an upload
        const r = await ingestDocument(db, parseBytes, new Uint8Array(readFileSync(join(dir, f))), f, { ...SYSTEM, name: "system:seed" }, { published: true });
        if (r.status === "stored") stored++;
      } catch (err) {
        log(`luoshi：示例文件 ${f} 未能入库：${err instanceof DocumentError ? err.problem : (err as Error).message}`);
      }
    }
  }
  await db.query(`insert into app_meta (key, value) values ('seeded', $1) on conflict (key) do nothing`, [new Date().toISOString()]);
  return stored;
}

export interface ServerOptions {
  port: number;
  host: string;
  store: StoreOptions;
  adminPassword?: string;
  seed: boolean;
  /** upload jobs this process runs at once (LUOSHI_WORKERS); 0 leaves them to `luoshi worker` processes */
  workers?: number;
  parseLimits?: ParseLimits;
  jobSettings?: JobSettings;
  /** read the client's address from X-Forwarded-For (LUOSHI_TRUST_PROXY=1): only behind a proxy that sets it */
  trustProxy?: boolean;
  /** serve HTTPS with this certificate and key (PEM), from LUOSHI_TLS_CERT and LUOSHI_TLS_KEY */
  tls?: { cert: string; key: string };
  supervision?: SupervisionSettings;
  log?: (s: string) => void;
}

/** The certificate and key files LUOSHI_TLS_CERT and LUOSHI_TLS_KEY name: both or neither. */
function tlsFromEnv(env: NodeJS.ProcessEnv): ServerOptions["tls"] {
  const { LUOSHI_TLS_CERT: certFile, LUOSHI_TLS_KEY: keyFile } = env;
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) throw new Error("要提供 HTTPS，请同时设置 LUOSHI_TLS_CERT 和 LUOSHI_TLS_KEY（PEM 文件），或两者都不设");
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch (err) {
      throw new Error(`无法读取 TLS ${what} ${file}：${(err as Error).message}`);
    }
  };
  return { cert: read(certFile, "证书"), key: read(keyFile, "私钥") };
}

/** A whole number of at least `min` from the environment, or the default; anything else stops the start with a reason. */
function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const v = env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} 须为不小于 ${min} 的整数，而不是“${v}”`);
  return n;
}

/** The supervision loop's settings: who reads what, when reminders appear, how large an evidence file may be. */
export function supervisionFromEnv(env: NodeJS.ProcessEnv = process.env): SupervisionSettings {
  const read = env.LUOSHI_EDITOR_READ ?? "own";
  if (read !== "own" && read !== "all") throw new Error(`LUOSHI_EDITOR_READ 须为 own 或 all，而不是“${read}”`);
  return {
    editorsReadAll: read === "all",
    remindDays: intSetting(env, "LUOSHI_REMIND_DAYS", DEFAULT_INBOX.remindDays),
    ackWorkingDays: intSetting(env, "LUOSHI_ACK_WORKING_DAYS", DEFAULT_INBOX.ackWorkingDays, 1),
    maxAttachmentBytes: intSetting(env, "LUOSHI_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_ATTACHMENT, 1),
  };
}

export function serverOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerOptions {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 须为端口号（0–65535），而不是“${env.PORT}”`);
  return {
    workers: workerCount(env.LUOSHI_WORKERS, "LUOSHI_WORKERS") ?? DEFAULT_WORKERS,
    parseLimits: parseLimitsFrom(env),
    jobSettings: jobSettingsFrom(env),
    port,
    host: env.HOST ?? "127.0.0.1",
    store: storeOptionsFromEnv(env),
    adminPassword: env.LUOSHI_ADMIN_PASSWORD || undefined,
    seed: env.LUOSHI_SEED !== "0",
    trustProxy: env.LUOSHI_TRUST_PROXY === "1" || env.LUOSHI_TRUST_PROXY === "true",
    tls: tlsFromEnv(env),
    supervision: supervisionFromEnv(env),
  };
}

/** Starts everything; resolves once listening, with a function that stops it. */
export async function startServer(o: ServerOptions): Promise<{ port: number; stop: () => Promise<void> }> {
  const log = o.log ?? ((s: string) => process.stdout.write(`${s}\n`));
  const db = await openStore({ log, ...o.store });
  try {
    await indexUnindexedMeasures(db);
    await fillLegacyDetails(db);
    const admin = await ensureAdmin(db, o.adminPassword);
    if (admin.created && admin.generatedPassword) {
      log(`luoshi：已创建用户 admin，一次性密码：${admin.generatedPassword}`);
      log("luoshi：此密码只显示这一次；请登录后修改（网页右上角“修改密码”，或 POST /api/auth/password），忘记时可用 `luoshi user reset-password admin` 重设");
    } else if (admin.created) {
      log(`luoshi：已创建用户 admin，密码取自 LUOSHI_ADMIN_PASSWORD`);
    }
    if (o.seed) {
      const n = await seedOnce(db, EXAMPLES_DIR, log);
      if (n) log(`luoshi：首次启动，已导入 examples/seeds 中的 ${n} 份示例文件`);
    }
  } catch (err) {
    await db.close();
    throw err;
  }
  let jobs: Jobs;
  try {
    jobs = await Jobs.open({ db, store: o.store, settings: o.jobSettings, log });
  } catch (err) {
    await db.close();
    throw err;
  }
  const workers = o.workers ?? DEFAULT_WORKERS;
  const pool = workers > 0 ? new ParsePool({ limits: o.parseLimits ?? DEFAULT_PARSE_LIMITS, threads: workers }) : null;
  if (pool) await jobs.work({ concurrency: workers, parse: pool.parse });
  else if (db.engine === "pglite") log("luoshi：内置数据库上 LUOSHI_WORKERS=0，上传的文件将无人解析（`luoshi worker` 需要 PostgreSQL）");
  else log("luoshi：LUOSHI_WORKERS=0，上传的文件等待 `luoshi worker` 进程解析");
  const office = new OfficeThreads();
  const shutdown = async () => {
    await jobs.stop();
    await pool?.close();
    await office.close();
    await db.close();
  };
  const app = createApp({
    db,
    jobs,
    renderTaskTable: office.render,
    maxUploadBytes: Number(process.env.LUOSHI_MAX_UPLOAD_BYTES) || undefined,
    trustProxy: o.trustProxy,
    supervision: o.supervision,
    // a lost database is one line per request (the operator needs to know it happens, not where)
    log: (err) =>
      process.stderr.write(`luoshi: ${err instanceof DatabaseUnavailable || !(err instanceof Error) ? String(err instanceof Error ? err.message : err) : (err.stack ?? err.message)}\n`),
  });
  return new Promise((resolveStart, reject) => {
    const listen = { fetch: app.fetch, port: o.port, hostname: o.host };
    const https = o.tls ? { createServer: createHttpsServer, serverOptions: { cert: o.tls.cert, key: o.tls.key } } : {};
    const server = serve({ ...listen, ...https }, (info) => {
      log(`luoshi：${describeStore(o.store)}；服务地址 ${o.tls ? "https" : "http"}://${o.host}:${info.port}（接口文档：/openapi.json）`);
      resolveStart({
        port: info.port,
        stop: () =>
          new Promise<void>((done) => {
            server.close(() => {
              shutdown().finally(done);
            });
          }),
      });
    });
    server.on("error", async (err) => {
      await shutdown().catch(() => {});
      reject(err);
    });
  });
}

async function runMain(): Promise<void> {
  try {
    const { stop } = await startServer(serverOptionsFromEnv());
    let stopping = false;
    const shutdown = () => {
      if (stopping) return;
      stopping = true;
      stop().then(() => process.exit(0));
    };
    process.on("SIGINT", shutdown);
    process.on("SIGTERM", shutdown);
  } catch (err) {
    process.stderr.write(`luoshi: ${(err as Error).message.split("\n")[0]}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await runMain();
}
