import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEngines, emptySchema, PG_URL, postgres } from "../../test/support/engines.js";
import type { Db } from "./db.js";
import { openStore } from "./index.js";
import { migrate, schemaVersion } from "./migrate.js";
import { migrations } from "./migrations/index.js";
import { openPglite } from "./pglite.js";
import { EMBEDDED_SHARED_BUFFERS } from "./durable-fs.js";
import { isPlainRead, TRANSACTION_ATTEMPTS } from "./postgres.js";

const latest = Math.max(...migrations.map((m) => m.version));

describeEngines("store", (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await engine.open());
  });
  afterAll(async () => close?.());

  it("is migrated to the latest version, and migrating again changes nothing", async () => {
    expect(await schemaVersion(db)).toBe(latest);
    const again = await migrate(db);
    expect(again.applied).toEqual([]);
    expect(again.to).toBe(latest);
  });

  it("hands back values the same way on both engines", async () => {
    const r = await db.query<Record<string, unknown>>(
      `select 3::int8 as big, 1.5::numeric as num, '2020-09-30'::date as day, '2020-01-02T03:04:05Z'::timestamptz as ts,
              array['a','b'] as arr, '{"x":1}'::jsonb as js, '\\x0102'::bytea as bin, null::text as nothing`,
    );
    const row = r.rows[0]!;
    expect(row.big).toBe(3);
    expect(row.num).toBe(1.5);
    expect(row.day).toBe("2020-09-30");
    expect(row.ts).toBe("2020-01-02T03:04:05.000Z");
    expect(row.arr).toEqual(["a", "b"]);
    expect(row.js).toEqual({ x: 1 });
    expect([...(row.bin as Uint8Array)]).toEqual([1, 2]);
    expect(row.nothing).toBeNull();
  });

  it("rolls a failed transaction back whole", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`insert into app_meta (key, value) values ('rollback-probe', 'x')`);
        await tx.query(`select 1/0`);
      }),
    ).rejects.toThrow();
    const r = await db.query(`select * from app_meta where key = 'rollback-probe'`);
    expect(r.rows).toHaveLength(0);
  });

  it("keeps progress reports and audit entries append-only", async () => {
    await db.query(`insert into audit_entry (actor, action, entity) values ('t', 'probe', 'x')`);
    await expect(db.query(`update audit_entry set actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`delete from audit_entry`)).rejects.toThrow(/append-only/);
  });

  it("has pg_trgm and a weighted tsvector on measures", async () => {
    const r = await db.query<{ sim: number }>(`select similarity('基站建设', '基站') as sim`);
    expect(r.rows[0]!.sim).toBeGreaterThan(0);
    const cols = await db.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_name = 'measure' and table_schema = current_schema()`,
    );
    expect(cols.rows.map((c) => c.column_name)).toContain("search_vector");
  });
});

describeEngines("migrations upgrade an older database", (engine) => {
  it("upgrades version 1 to the latest, keeping its rows", async () => {
    const { db, close } = await engine.open();
    try {
      // start again from nothing: drop what openStore made, then stop at version 1
      await emptySchema(db);
      const first = await migrate(db, { upTo: 1 });
      expect(first.applied).toEqual([1]);
      await db.query(`insert into document (sha256, source_name, parsed, byte_size) values ('abc', 'old.txt', '{}'::jsonb, 3)`);
      const d = await db.query<{ id: number }>(`select id from document`);
      await db.query(`insert into measure (document_id, ordinal, path, label, title, text) values ($1, 0, '{一}', '一', '提速网络', '全省建成基站')`, [
        d.rows[0]!.id,
      ]);
      const up = await migrate(db);
      expect(up.from).toBe(1);
      expect(up.applied).toEqual(migrations.filter((m) => m.version > 1).map((m) => m.version));
      const docs = await db.query<{ source_name: string }>(`select source_name from document`);
      expect(docs.rows.map((r) => r.source_name)).toEqual(["old.txt"]);
      const m = await db.query<{ title_tokens: string | null }>(`select title_tokens from measure`);
      expect(m.rows[0]!.title_tokens).toBeNull(); // indexed by the app on start (see ingest tests)
    } finally {
      await close();
    }
  });

  it("refuses a database newer than the program", async () => {
    const { db, close } = await engine.open();
    try {
      await db.query(`insert into schema_migration (version, name) values (999, 'future')`);
      await expect(migrate(db)).rejects.toThrow(/newer than this program/);
    } finally {
      await close();
    }
  });
});

describe("PGlite data folder", () => {
  const dir = mkdtempSync(join(tmpdir(), "luoshi-store-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps data across a restart and is not migrated twice", async () => {
    const a = await openStore({ dataDir: dir });
    await a.query(`insert into app_meta (key, value) values ('kept', 'yes')`);
    await a.close();
    const b = await openPglite(dir);
    try {
      const r = await b.query<{ value: string }>(`select value from app_meta where key = 'kept'`);
      expect(r.rows[0]?.value).toBe("yes");
      expect((await migrate(b)).applied).toEqual([]);
      // the buffer cache is the embedded one, not PostgreSQL's 128MB default held in the never-shrinking wasm heap
      expect((await b.query<{ shared_buffers: string }>(`show shared_buffers`)).rows[0]?.shared_buffers).toBe(EMBEDDED_SHARED_BUFFERS);
    } finally {
      await b.close();
    }
  });
});

(PG_URL ? describe : describe.skip)("PostgreSQL sessions [postgres]", () => {
  it("run in UTC without JIT compilation, on every connection of the pool", async () => {
    const { db, close } = await postgres.open();
    try {
      const shown = await Promise.all(
        Array.from({ length: 3 }, () => db.transaction(async (tx) => (await tx.query<{ jit: string; tz: string }>(`select current_setting('jit') as jit, current_setting('TimeZone') as tz`)).rows[0])),
      );
      for (const s of shown) expect(s).toEqual({ jit: "off", tz: "UTC" });
    } finally {
      await close();
    }
  });
});

(PG_URL ? describe : describe.skip)("PostgreSQL transactions [postgres]", () => {
  it("run again after a deadlock or serialization failure, a bounded number of times", async () => {
    const { db, close } = await postgres.open();
    try {
      const conflict = (code: string) => Object.assign(new Error(`conflict ${code}`), { code });
      let calls = 0;
      const r = await db.transaction(async (tx) => {
        calls++;
        await tx.query(`insert into app_meta (key, value) values ('retry-probe', $1)`, [String(calls)]);
        if (calls === 1) throw conflict("40P01");
        if (calls === 2) throw conflict("40001");
        return calls;
      });
      expect(r).toBe(3);
      // the failed tries left nothing behind
      expect((await db.query(`select value from app_meta where key = 'retry-probe'`)).rows).toEqual([{ value: "3" }]);
      calls = 0;
      await expect(db.transaction(async () => {
        calls++;
        throw conflict("40P01");
      })).rejects.toThrow(/conflict 40P01/);
      expect(calls).toBe(TRANSACTION_ATTEMPTS);
      calls = 0;
      await expect(db.transaction(async () => {
        calls++;
        throw conflict("23505");
      })).rejects.toThrow();
      expect(calls).toBe(1);
    } finally {
      await close();
    }
  });
});

describe("reads that may run again on a fresh connection", () => {
  it("are selects that write nothing and lock nothing", () => {
    expect(isPlainRead("select 1")).toBe(true);
    expect(isPlainRead("  with t as (select 1) select * from t")).toBe(true);
    expect(isPlainRead("insert into a values (1)")).toBe(false);
    expect(isPlainRead("with d as (delete from a returning *) select * from d")).toBe(false);
    expect(isPlainRead("select * from a for update")).toBe(false);
    expect(isPlainRead("select pg_advisory_xact_lock(1)")).toBe(false);
    expect(isPlainRead("select nextval('s')")).toBe(false);
  });
});
