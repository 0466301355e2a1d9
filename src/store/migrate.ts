/**
 * Applies pending migrations on start, in one transaction, under an advisory lock so that two processes
 * starting at once do not race. A database made by an older version is upgraded, never dropped.
 */
import type { Db } from "./db.js";
import { migrations as all, type Migration } from "./migrations/index.js";

const LOCK_ID = 774_520_101;

export interface MigrationResult {
  from: number;
  to: number;
  applied: number[];
}

/** Applies migrations up to `upTo` (all by default); returns what was done. */
export async function migrate(db: Db, opts: { upTo?: number; migrations?: Migration[] } = {}): Promise<MigrationResult> {
  const list = (opts.migrations ?? all).filter((m) => opts.upTo === undefined || m.version <= opts.upTo);
  return db.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock($1)", [LOCK_ID]);
    await tx.exec(`create table if not exists schema_migration (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
    const { rows } = await tx.query<{ version: number }>("select version from schema_migration order by version");
    const done = new Set(rows.map((r) => r.version));
    const from = rows.length ? Math.max(...rows.map((r) => r.version)) : 0;
    const known = Math.max(0, ...(opts.migrations ?? all).map((m) => m.version));
    if (from > known) {
      throw new Error(`the database is at schema version ${from}, newer than this program (${known}); upgrade luoshi`);
    }
    const applied: number[] = [];
    for (const m of list) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query("insert into schema_migration (version, name) values ($1, $2)", [m.version, m.name]);
      applied.push(m.version);
    }
    return { from, to: Math.max(from, ...applied), applied };
  });
}

export async function schemaVersion(db: Db): Promise<number> {
  const { rows } = await db.query<{ v: number | null }>("select max(version) as v from schema_migration");
  return rows[0]?.v ?? 0;
}
