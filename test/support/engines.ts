/**
 * Runs a suite against both engines: PGlite in memory always, and a PostgreSQL server when
 * LUOSHI_TEST_DATABASE_URL is set (in a fresh schema per suite, dropped afterwards); otherwise the PostgreSQL
 * suite is skipped, visibly, with the reason in its name.
 */
import { randomBytes } from "node:crypto";
import { describe } from "vitest";
import type { Db } from "../../src/store/db.js";
import { openStore, type StoreOptions } from "../../src/store/index.js";
import { jobsSchemaOf } from "../../src/jobs/queue.js";
import { dropSchema } from "../../src/store/postgres.js";

export const PG_URL = process.env.LUOSHI_TEST_DATABASE_URL;

export interface Engine {
  name: "pglite" | "postgres";
  /** a fresh, migrated database and where it is (for the job queue); `close` drops what it made */
  open(opts?: { migrate?: boolean }): Promise<{ db: Db; store: StoreOptions; close: () => Promise<void> }>;
}

export const pglite: Engine = {
  name: "pglite",
  async open() {
    const store = { dataDir: "memory" };
    const db = await openStore(store);
    return { db, store, close: () => db.close() };
  },
};

export const postgres: Engine = {
  name: "postgres",
  async open() {
    if (!PG_URL) throw new Error("LUOSHI_TEST_DATABASE_URL is not set");
    const schema = `t_${randomBytes(6).toString("hex")}`;
    const store = { databaseUrl: PG_URL, schema };
    const db = await openStore(store);
    return {
      db,
      store,
      close: async () => {
        await db.close();
        await dropSchema(PG_URL, schema);
        await dropSchema(PG_URL, jobsSchemaOf(store));
      },
    };
  },
};

/** describe(name) once per engine; the PostgreSQL one is skipped with a reason when no server is given. */
export function describeEngines(name: string, fn: (engine: Engine) => void): void {
  describe(`${name} [pglite]`, () => fn(pglite));
  if (PG_URL) describe(`${name} [postgres]`, () => fn(postgres));
  else describe.skip(`${name} [postgres] — skipped: LUOSHI_TEST_DATABASE_URL is not set`, () => fn(postgres));
}

/**
 * Empties the store's schema (every table and every function the migrations made, not an extension's), so that a test can migrate
 * it from nothing or from an old version. Read from the catalogue, so a new migration needs no edit here.
 */
export async function emptySchema(db: Db): Promise<void> {
  const tables = await db.query<{ name: string }>(`select quote_ident(tablename) as name from pg_tables where schemaname = current_schema()`);
  const functions = await db.query<{ name: string }>(
    `select p.oid::regprocedure::text as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = current_schema()
       and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`,
  );
  if (tables.rows.length) await db.exec(`drop table if exists ${tables.rows.map((t) => t.name).join(", ")} cascade`);
  for (const f of functions.rows) await db.exec(`drop function if exists ${f.name} cascade`);
}
