import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { seedBytes, seedFiles } from "../../test/support/api.js";
import { bytesOf, sampleParsed } from "../../test/support/parsed.js";
import { ingestUnbatched } from "../../test/support/unbatched-store.js";
import type { ParsedFile } from "../model/exchange.js";
import { parseBytes } from "../parse/index.js";
import type { Db } from "../store/db.js";
import { SYSTEM } from "./audit.js";
import { mergeBodies } from "./bodies.js";
import { ingestDocument } from "./ingest.js";

// every table ingest writes, by its key; columns that hold the time of writing are left out
const TABLES: Record<string, string> = {
  document: "id",
  document_original: "document_id",
  measure: "id",
  target: "id",
  suggested_body: "id",
  task: "id",
  responsible_body: "id",
  body_alias: "key",
  audit_entry: "id",
};
const CLOCK = new Set(["created_at", "at", "decided_at"]);

async function dump(db: Db): Promise<Record<string, Array<Record<string, unknown>>>> {
  const out: Record<string, Array<Record<string, unknown>>> = {};
  for (const [table, key] of Object.entries(TABLES)) {
    const r = await db.query(`select * from ${table} order by ${key}`);
    out[table] = r.rows.map((row) => Object.fromEntries(Object.entries(row).filter(([c]) => !CLOCK.has(c))));
  }
  return out;
}

describeEngines("batched ingest writes the rows of the row-by-row store", (engine) => {
  let reference: { db: Db; close: () => Promise<void> };
  let batched: { db: Db; close: () => Promise<void> };
  const seeds = seedFiles();
  const parsed = new Map<string, ParsedFile>();
  beforeAll(async () => {
    reference = await engine.open();
    batched = await engine.open();
    for (const f of seeds) parsed.set(f, await parseBytes(seedBytes(f), f));
    // one new body written two ways in one measure, first as supporting, then as lead
    const twice = sampleParsed({ source: "twice" });
    twice.outline[1] = { ...twice.outline[1]!, units: ["省样例管理局", "广东省样例管理局"], lead: ["广东省样例管理局"] };
    parsed.set("twice.json", twice);
  });
  afterAll(async () => {
    await reference?.close();
    await batched?.close();
  });

  it("for the examples, copies stored after two bodies were merged, and one body written two ways: the same rows in every table", async () => {
    const fromCache = async (_bytes: Uint8Array, name: string) => parsed.get(name)!;
    const ingestBoth = async (bytes: Uint8Array, f: string) => {
      const a = await ingestUnbatched(reference.db, parsed.get(f)!, bytes, f, SYSTEM);
      const b = await ingestDocument(batched.db, fromCache, bytes, f, SYSTEM);
      expect(b).toMatchObject({ status: "stored", ...a });
    };
    for (const f of seeds) await ingestBoth(seedBytes(f), f);
    // the second round finds every body it names, one of them through a merge
    const [into, from] = (await reference.db.query<{ id: number }>(`select id from responsible_body order by id limit 2`)).rows;
    for (const db of [reference.db, batched.db]) await db.transaction((tx) => mergeBodies(tx, from!.id, into!.id));
    for (const f of seeds) await ingestBoth(new Uint8Array([...seedBytes(f), 0x0a]), f);
    await ingestBoth(bytesOf(parsed.get("twice.json")!), "twice.json");

    const want = await dump(reference.db);
    // the comparison covers every kind of row ingest writes
    for (const [table, rows] of Object.entries(want)) expect(rows.length, table).toBeGreaterThan(0);
    expect(want.task!.some((t) => t.body_id === into!.id)).toBe(true);
    expect(want.task!.filter((t) => String(t.written_as).endsWith("样例管理局"))).toMatchObject([{ role: "lead", written_as: "省样例管理局" }]);
    expect(await dump(batched.db)).toEqual(want);
  });
});
