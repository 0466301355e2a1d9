/** The server engine: a PostgreSQL server through node-postgres (`pg`), same SQL as the embedded one. */
import { createHash } from "node:crypto";
import pg from "pg";
import type { Db, Queryable, SqlValue } from "./db.js";
import { timestampToIso } from "./db.js";

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
}

function quoteIdent(s: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error(`bad schema name: ${s}`);
  return `"${s}"`;
}

/** Connects a pool to a PostgreSQL server at `url`. */
export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<Db> {
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
    types,
    options: `-c TimeZone=UTC${searchPath ? ` -c search_path=${searchPath}` : ""}`,
  });
  // an idle client that loses its server must not crash the process
  pool.on("error", () => {});
  const q = (c: { query: pg.Pool["query"] }): Queryable => ({
    async query<T extends object>(sql: string, params: readonly SqlValue[] = []) {
      // a named statement is prepared once per connection and its plan reused: planning the joins of a task
      // page costs more than running them
      const r = await c.query({ name: statementName(sql), text: sql, values: params as unknown[] });
      return { rows: r.rows as T[] };
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  const base = q(pool);
  return {
    engine: "postgres",
    query: base.query,
    exec: base.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const result = await fn(q(client as unknown as { query: pg.Pool["query"] }));
        await client.query("commit");
        return result;
      } catch (err) {
        await client.query("rollback").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
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
