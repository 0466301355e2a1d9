/** Opens the database the environment asks for, and brings its schema up to date. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Db } from "./db.js";
import { migrate } from "./migrate.js";
import { openPglite } from "./pglite.js";
import { openPostgres } from "./postgres.js";

export type { Db, Queryable, SqlValue } from "./db.js";
export { migrate, schemaVersion } from "./migrate.js";

export interface StoreOptions {
  /** a PostgreSQL server; when absent, PGlite in `dataDir` */
  databaseUrl?: string;
  /** PGlite data folder; "memory" keeps everything in memory */
  dataDir?: string;
  /** PostgreSQL schema to use (tests) */
  schema?: string;
  /** PostgreSQL: how long to wait at start for a server that is not ready yet (LUOSHI_DB_WAIT_SECONDS, default 60) */
  waitSeconds?: number;
  /** PostgreSQL: the connections' application_name (default "luoshi") */
  applicationName?: string;
  /** where to say that the database is not ready yet */
  log?: (line: string) => void;
}

/**
 * Where the environment says the data lives: DATABASE_URL (in the schema LUOSHI_DB_SCHEMA, if set), else
 * LUOSHI_DATA, else ./luoshi-data. `databaseUrl` (a command's flag) stands in for DATABASE_URL.
 */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env, databaseUrl = env.DATABASE_URL): StoreOptions {
  if (databaseUrl) {
    const wait = Number(env.LUOSHI_DB_WAIT_SECONDS);
    return {
      databaseUrl,
      waitSeconds: env.LUOSHI_DB_WAIT_SECONDS && wait >= 0 ? wait : undefined,
      ...(env.LUOSHI_DB_SCHEMA ? { schema: env.LUOSHI_DB_SCHEMA } : {}),
    };
  }
  return { dataDir: resolve(env.LUOSHI_DATA ?? "luoshi-data") };
}

export function describeStore(opts: StoreOptions): string {
  if (opts.databaseUrl) return `PostgreSQL（${opts.databaseUrl.replace(/\/\/[^@/]*@/, "//…@")}）`;
  return opts.dataDir === "memory" || !opts.dataDir ? "内置数据库 PGlite（内存）" : `内置数据库 PGlite（${opts.dataDir}）`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it. A lock file
 * with our pid keeps a second `luoshi` out (a stale lock of a dead process is taken over).
 */
function lockDataDir(dir: string): () => void {
  const lock = join(dir, "luoshi.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
      return () => rmSync(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(readFileSync(lock, "utf8").trim());
      if (pid && pid !== process.pid && alive(pid)) {
        throw new Error(`the data folder ${dir} is in use by process ${pid}; stop it first (or use a PostgreSQL server via DATABASE_URL)`);
      }
      rmSync(lock, { force: true });
    }
  }
  throw new Error(`cannot lock the data folder ${dir}`);
}

/** Opens and migrates. */
export async function openStore(opts: StoreOptions): Promise<Db> {
  let db: Db;
  if (opts.databaseUrl) {
    db = await openPostgres(opts.databaseUrl, {
      schema: opts.schema,
      waitSeconds: opts.waitSeconds,
      applicationName: opts.applicationName,
      // a command-line run says why it waits, too
      log: opts.log ?? ((line) => process.stderr.write(`${line}\n`)),
    });
  } else {
    const dir = opts.dataDir && opts.dataDir !== "memory" ? opts.dataDir : undefined;
    let unlock = () => {};
    if (dir) {
      mkdirSync(dir, { recursive: true });
      unlock = lockDataDir(dir);
    }
    try {
      const inner = await openPglite(dir);
      db = { ...inner, close: async () => {
        try {
          await inner.close();
        } finally {
          unlock();
        }
      } };
    } catch (err) {
      unlock();
      throw err;
    }
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return db;
}
