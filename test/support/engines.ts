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
