/** The server engine: a PostgreSQL server through node-postgres (`pg`), same SQL as the embedded one. */
import { createHash } from "node:crypto";
import pg from "pg";
import type { Db, Queryable, SqlValue } from "./db.js";
import { DatabaseUnavailable, isConnectionError, RETRYABLE_STATES, sqlState, timestampToIso } from "./db.js";

const { Pool } = pg;

const typeParsers: Record<number, (v: string) => unknown> = {
  20: (v) => Number(v), // int8
  1700: (v) => Number(v), // numeric
  1082: (v) => v, // date
  1184: (v) => timestampToIso(v), // timestamptz
  1114: (v) => timestampToIso(v), // timestamp
};
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    return typeParsers[oid] ?? pg.types.getTypeParser(oid, format ?? "text");
  },
};

export interface PostgresOptions {
  /** put every table in this schema (created if missing); tests use one schema per file */
  schema?: string;
  max?: number;
  /** how long to wait for a server that is not ready yet (starting, restarting) before giving up; default 60 s */
  waitSeconds?: number;
  /** `application_name` of the connections, so that an operator (or a test) can find them in pg_stat_activity */
  applicationName?: string;
  log?: (line: string) => void;
}

/** a transaction that deadlocked or lost a serialization conflict is run again, this many times in all */
export const TRANSACTION_ATTEMPTS = 4;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A connection error becomes DatabaseUnavailable (the server answers 503); anything else is passed on as is. */
function unavailableOr(err: unknown): unknown {
  return isConnectionError(err) && !(err instanceof DatabaseUnavailable) ? new DatabaseUnavailable(err) : err;
}

/**
 * Waits until the server at `url` accepts a query: after a restart the server may come up before PostgreSQL
 * does. Retries connection failures (refused, "the database system is starting up") with a growing pause and
 * a log line each time, up to `waitSeconds`; any other failure (a wrong password, no such database) at once.
 */
export async function waitForPostgres(url: string, opts: { waitSeconds?: number; log?: (line: string) => void } = {}): Promise<void> {
  const deadline = Date.now() + (opts.waitSeconds ?? 60) * 1000;
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query("select 1");
      return;
    } catch (err) {
      if (!isConnectionError(err)) throw err;
      const pause = Math.min(250 * 2 ** (attempt - 1), 5000);
      if (Date.now() + pause > deadline) {
        throw new Error(`the database did not become ready within ${opts.waitSeconds ?? 60} s: ${(err as Error).message}`);
      }
      opts.log?.(`luoshi: the database is not ready (${(err as Error).message || sqlState(err)}); retrying in ${pause} ms (attempt ${attempt})`);
      await sleep(pause);
    } finally {
      await client.end().catch(() => {});
    }
  }
}

function quoteIdent(s: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error(`bad schema name: ${s}`);
  return `"${s}"`;
}

/** Connects a pool to a PostgreSQL server at `url`. */
export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<Db> {
  await waitForPostgres(url, opts);
  if (opts.schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${quoteIdent(opts.schema)}`);
    } finally {
      await admin.end();
    }
  }
  const searchPath = opts.schema ? `${opts.schema},public` : undefined;
  const pool = new Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? "luoshi",
    // a request waits this long for a connection, then fails with a 503 instead of hanging while the server is away
    connectionTimeoutMillis: 10_000,
    types,
    // jit off: the dashboard's set queries over 100,000 tasks are estimated costly enough for PostgreSQL to compile
    // them, and the compiling took 0.87 s of a 1.4 s query (bench:dashboard, EXPLAIN ANALYZE); no query of ours
    // runs long enough to win it back
    options: `-c TimeZone=UTC -c jit=off${searchPath ? ` -c search_path=${searchPath}` : ""}`,
  });
  // an idle client that loses its server must not crash the process
  pool.on("error", () => {});
  // nor may a busy one. The pool listens to a client only while it is idle, and a checked-out client can emit
  // 'error' before its new holder has attached a listener (the server's FATAL "terminating connection" can
  // follow the ReadyForQuery that released the client in the same network read, when the pool has already
  // handed it to a waiting transaction). So every client carries a listener for its whole life, which records
  // the error: a transaction that finds its client broken discards it.
  const brokenClients = new WeakMap<object, unknown>();
  pool.on("connect", (client) => {
    client.on("error", (err) => {
      brokenClients.set(client, err);
    });
  });
  const q = (c: { query: pg.Pool["query"] }, retryReads = false): Queryable => ({
    async query<T extends object>(sql: string, params: readonly SqlValue[] = []) {
      // a named statement is prepared once per connection and its plan reused: planning the joins of a task
      // page costs more than running them
      const run = () => c.query({ name: statementName(sql), text: sql, values: params as unknown[] });
      try {
        return { rows: (await run()).rows as T[] };
      } catch (err) {
        // a pooled connection whose server end is gone fails at its next use; a read outside a transaction
        // can run again on a fresh one (a write cannot: it may have been done)
        if (!(retryReads && isConnectionError(err) && isPlainRead(sql))) throw unavailableOr(err);
      }
      try {
        return { rows: (await run()).rows as T[] };
      } catch (err) {
        throw unavailableOr(err);
      }
    },
    async exec(sql: string) {
      try {
        await c.query(sql);
      } catch (err) {
        throw unavailableOr(err);
      }
    },
  });
  const base = q(pool, true);

  /** One try: a client checked out for the transaction, and destroyed rather than reused if it broke. */
  async function once<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    let client: pg.PoolClient | null = null;
    // a client that broke while it sat in the pool's hands is discarded for a fresh one (twice at most)
    for (let tries = 0; !client; tries++) {
      try {
        client = await pool.connect();
      } catch (err) {
        throw unavailableOr(err);
      }
      const lost = brokenClients.get(client);
      if (lost !== undefined && tries < 2) {
        client.release(lost instanceof Error ? lost : true);
        client = null;
      }
    }
    let failure: unknown = null;
    try {
      await client.query("begin");
      const result = await fn(q(client as unknown as { query: pg.Pool["query"] }));
      await client.query("commit");
      return result;
    } catch (err) {
      failure = err;
      const lost = brokenClients.get(client) ?? (isConnectionError(err) ? err : undefined);
      if (lost === undefined) {
        await client.query("rollback").catch(() => {});
        throw err;
      }
      throw err instanceof DatabaseUnavailable ? err : new DatabaseUnavailable(isConnectionError(err) ? err : lost);
    } finally {
      // a broken connection is discarded, never handed to the next request
      const lost = brokenClients.get(client) ?? (failure !== null && isConnectionError(failure) ? failure : undefined);
      client.release(lost === undefined ? undefined : lost instanceof Error ? lost : true);
    }
  }

  return {
    engine: "postgres",
    query: base.query,
    exec: base.exec,
    /**
     * Runs `fn` in a transaction; a deadlock or serialization failure (40P01, 40001) runs it again, a bounded
     * number of times with a short random pause, so `fn` must have no effect outside the database.
     */
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(fn);
        } catch (err) {
          const state = sqlState(err);
          if (!state || !RETRYABLE_STATES.has(state) || attempt >= TRANSACTION_ATTEMPTS) throw err;
          await sleep(5 + Math.random() * 20 * attempt);
        }
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** A statement that only reads: a select (or a with … select) that names no writing command. */
export function isPlainRead(sql: string): boolean {
  return /^\s*(select|with)\b/i.test(sql) && !/\b(insert|update|delete|merge|for\s+update|for\s+share|nextval|setval|pg_advisory)/i.test(sql);
}

const names = new Map<string, string>();
function statementName(sql: string): string {
  let n = names.get(sql);
  if (!n) {
    n = `l_${createHash("sha1").update(sql).digest("hex").slice(0, 24)}`;
    if (names.size > 5000) names.clear();
    names.set(sql, n);
  }
  return n;
}

/** Drops a schema made for a test run. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
  } finally {
    await admin.end();
  }
}
