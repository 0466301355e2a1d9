/** The embedded engine: PGlite (PostgreSQL compiled to WASM) in a data folder, or in memory. */
import { PGlite, types, type Transaction } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { Db, Queryable, SqlValue } from "./db.js";
import { timestampToIso } from "./db.js";
import { openDurablePglite } from "./durable-fs.js";

const parsers = {
  [types.INT8]: (v: string) => Number(v),
  [types.NUMERIC]: (v: string) => Number(v),
  [types.DATE]: (v: string) => v,
  [types.TIMESTAMPTZ]: (v: string) => timestampToIso(v),
  [types.TIMESTAMP]: (v: string) => timestampToIso(v),
};

function wrap(q: PGlite | Transaction): Queryable {
  return {
    async query<T extends object>(sql: string, params: readonly SqlValue[] = []) {
      const r = await q.query<T>(sql, params as unknown[]);
      return { rows: r.rows };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  };
}

/**
 * Opens (and creates if needed) a PGlite database; `dataDir` undefined means in memory. A folder is opened
 * durable: a commit returns once its WAL is synced to disk (durable-fs.ts).
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  const options = { extensions: { pg_trgm }, parsers };
  const pg = dataDir ? await openDurablePglite(dataDir, options) : await PGlite.create("memory://", options);
  const base = wrap(pg);
  return {
    engine: "pglite",
    embedded: pg,
    query: base.query,
    exec: base.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pg.transaction((tx) => fn(wrap(tx)));
    },
    async close() {
      await pg.close();
    },
  };
}
