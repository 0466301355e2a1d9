import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { SEEDS_DIR, seedFiles } from "../../../test/support/api.js";
import { PG_URL } from "../../../test/support/engines.js";
import { jobsSchemaOf } from "../../jobs/queue.js";
import { openStore } from "../../store/index.js";
import { dropSchema } from "../../store/postgres.js";
import { ingestPaths } from "./ingest.js";

const work = mkdtempSync(join(tmpdir(), "luoshi-ingest-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** a folder tree: the seeds nested, a file that is no document, and a broken docx */
function tree(): string {
  const dir = join(work, "docs");
  mkdirSync(join(dir, "nested", "deeper"), { recursive: true });
  const files = seedFiles();
  cpSync(join(SEEDS_DIR, files[0]!), join(dir, files[0]!));
  cpSync(join(SEEDS_DIR, files[1]!), join(dir, "nested", files[1]!));
  cpSync(join(SEEDS_DIR, files[2]!), join(dir, "nested", "deeper", files[2]!));
  writeFileSync(join(dir, "nested", "notes.md"), "not a document type: skipped in folders");
  writeFileSync(join(dir, "broken.docx"), Buffer.from("PK\x03\x04 truncated"));
  return dir;
}

describe("luoshi ingest", () => {
  const dir = tree();

  it("ingests folders recursively into a PGlite data folder; again, nothing new; failures named", async () => {
    const data = join(work, "data");
    const lines: string[] = [];
    const first = await ingestPaths([dir], { dataDir: data }, { progress: false, out: (s) => lines.push(s) });
    expect(first.stored).toBe(3);
    expect(first.unchanged).toBe(0);
    expect(first.failed.map((f) => f.path)).toEqual([join(dir, "broken.docx")]);
    expect(first.failed[0]!.problem).toMatch(/DOCX|ZIP/i);
    expect(lines[0]).toMatch(/：入库 3 件，此前已入库 0 件，失败 1 件（共 4 个文件，用时 [\d.]+ 秒）$/);
    expect(lines[1]).toMatch(/^  失败：.*broken\.docx：/);

    const again = await ingestPaths([dir, join(SEEDS_DIR, seedFiles()[0]!)], { dataDir: data }, { progress: false, out: () => {} });
    expect(again).toMatchObject({ stored: 0, unchanged: 4 });

    const db = await openStore({ dataDir: data });
    try {
      const r = await db.query<{ n: number; bytes: number }>(`select count(*)::int as n, sum(length(o.bytes))::int as bytes from document d join document_original o on o.document_id = d.id`);
      expect(r.rows[0]!.n).toBe(3);
      expect(r.rows[0]!.bytes).toBeGreaterThan(1000);
      const failedRows = await db.query(`select 1 from document where source_name = 'broken.docx'`);
      expect(failedRows.rows).toHaveLength(0);
      const a = await db.query<{ actor: string }>(`select distinct actor from audit_entry where action = 'document.ingest'`);
      expect(a.rows[0]!.actor).toMatch(/^cli:/);
    } finally {
      await db.close();
    }
  });

  it("lists a document over the parse limit as failed with the reason, and stores the rest", async () => {
    const mixed = join(work, "mixed");
    mkdirSync(mixed, { recursive: true });
    const files = seedFiles();
    cpSync(join(SEEDS_DIR, files[0]!), join(mixed, files[0]!));
    cpSync(join(SEEDS_DIR, files[1]!), join(mixed, `spin-${files[1]!}`));
    cpSync(join(SEEDS_DIR, files[2]!), join(mixed, files[2]!));
    const lines: string[] = [];
    const r = await ingestPaths([mixed], { dataDir: join(work, "data-limits") }, {
      progress: false,
      out: (s) => lines.push(s),
      // long enough for a real document on a busy machine; the endless one takes all of it
      limits: { timeoutSeconds: 8, memoryMb: 256 },
      threads: 2,
      parser: pathToFileURL(join(import.meta.dirname, "../../../test/fixtures/parsers/pathological.mjs")).href,
    });
    expect(r).toMatchObject({ stored: 2, unchanged: 0 });
    expect(r.failed).toEqual([{ path: join(mixed, `spin-${files[1]!}`), problem: "解析超过时限（8 秒）后被终止：文件过大或结构异常，未入库" }]);
    expect(lines[0]).toMatch(/：入库 2 件，此前已入库 0 件，失败 1 件/);
  });

  it("queues files as upload jobs with --enqueue, storing nothing itself", async () => {
    const data = join(work, "data-queue");
    const lines: string[] = [];
    const r = await ingestPaths([join(SEEDS_DIR, seedFiles()[0]!), join(work, "missing.txt")], { dataDir: data }, { progress: false, out: (s) => lines.push(s), enqueue: true });
    expect(r.queued.map((q) => q.path)).toEqual([join(SEEDS_DIR, seedFiles()[0]!)]);
    expect(lines[0]).toMatch(/：排队 1 件，失败 1 件（共 1 个文件，用时 [\d.]+ 秒）$/);
    expect(lines.slice(1)).toEqual([`  已排队：${r.queued[0]!.job} ${r.queued[0]!.path}`, `  失败：${join(work, "missing.txt")}：文件或文件夹不存在`]);
    expect(r.failed.map((f) => f.path)).toEqual([join(work, "missing.txt")]);
    const db = await openStore({ dataDir: data });
    try {
      expect((await db.query(`select 1 from document`)).rows).toHaveLength(0);
      const jobs = await db.query<{ id: string; state: string }>(`select id, state from ingest_job`);
      expect(jobs.rows).toEqual([{ id: r.queued[0]!.job, state: "queued" }]);
    } finally {
      await db.close();
    }
  });

  it("names a path that does not exist", async () => {
    const r = await ingestPaths([join(work, "missing")], { dataDir: join(work, "data2") }, { progress: false, out: () => {} });
    expect(r.failed).toEqual([{ path: join(work, "missing"), problem: "文件或文件夹不存在" }]);
  });

  it("refuses a data folder another live process holds", async () => {
    const data = join(work, "locked");
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, "luoshi.lock"), String(process.ppid)); // the parent process: alive
    await expect(openStore({ dataDir: data })).rejects.toThrow(/in use by process/);
  });

  it.skipIf(!PG_URL)("ingests into a PostgreSQL server (skipped without LUOSHI_TEST_DATABASE_URL)", async () => {
    const schema = `t_cli_${process.pid}`;
    try {
      const r = await ingestPaths([dir], { databaseUrl: PG_URL!, schema }, { progress: false, out: () => {} });
      expect(r).toMatchObject({ stored: 3, unchanged: 0 });
      const again = await ingestPaths([dir], { databaseUrl: PG_URL!, schema }, { progress: false, out: () => {} });
      expect(again).toMatchObject({ stored: 0, unchanged: 3 });
    } finally {
      await dropSchema(PG_URL!, schema);
      await dropSchema(PG_URL!, jobsSchemaOf({ databaseUrl: PG_URL!, schema }));
    }
  });
});
