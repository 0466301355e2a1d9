import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { bytesOf, jsonParse, sampleParsed } from "../../test/support/parsed.js";
import type { Db } from "../store/db.js";
import { SYSTEM } from "./audit.js";
import { prepareIngest } from "./ingest.js";
import { ingestPipelined, type IngestSource } from "./ingest-pipeline.js";

const prepare = (bytes: Uint8Array, name: string) => prepareIngest(jsonParse, bytes, name);

function doc(k: number): IngestSource {
  const p = sampleParsed({ source: `pipe-${k}` });
  p.document = { ...p.document, title: `流水线文件${k}` };
  const bytes = bytesOf(p);
  return { name: `pipe-${k}.json`, read: async () => bytes };
}

describeEngines("ingest pipeline", (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await engine.open());
  });
  afterAll(async () => close?.());

  it("reports every source in order: stored, unchanged (also a copy in flight with it), and failures with their reason", async () => {
    const sources: IngestSource[] = [
      doc(1),
      doc(2),
      { name: "gone.json", read: async () => Promise.reject(Object.assign(new Error("gone"), { code: "ENOENT" })) },
      { name: "bad.json", read: async () => new TextEncoder().encode("not json") },
      doc(2),
      doc(3),
      { name: "empty.json", read: async () => bytesOf(sampleParsed({ source: "empty", document: { ...sampleParsed().document, title: null }, outline: [] })) },
      doc(4),
    ];
    const seen: string[] = [];
    const prepared: string[] = [];
    const counting = (bytes: Uint8Array, name: string) => {
      prepared.push(name);
      return prepare(bytes, name);
    };
    for await (const o of ingestPipelined(db, sources, { actor: SYSTEM, prepare: counting, depth: 4, connections: 3 })) {
      seen.push(`${o.source.name}:${o.result?.status ?? String((o.error as Error).message)}`);
    }
    expect(seen).toEqual([
      "pipe-1.json:stored",
      "pipe-2.json:stored",
      "gone.json:gone",
      "bad.json:bad.json: not a document",
      "pipe-2.json:unchanged",
      "pipe-3.json:stored",
      "empty.json:empty.json: 未找到标题，也未找到编号的措施（如“一、”“（一）”“1.”），不像政策文件",
      "pipe-4.json:stored",
    ]);
    // the copy waited for the first and found it stored: it was not parsed again
    expect(prepared.filter((n) => n === "pipe-2.json")).toHaveLength(1);
    const r = await db.query<{ title: string; tasks: number }>(
      `select d.title, count(t.id)::int as tasks from document d join measure m on m.document_id = d.id
       left join task t on t.measure_id = m.id where d.source_name like 'pipe-%' group by d.title order by d.title`,
    );
    expect(r.rows).toEqual([1, 2, 3, 4].map((k) => ({ title: `流水线文件${k}`, tasks: 4 })));
  });

  it("with one connection, stores in the order of the sources even when a later one is ready first", async () => {
    const sources = [20, 21, 22, 23].map(doc);
    // the first document takes longest to prepare
    const slowFirst = async (bytes: Uint8Array, name: string) => {
      if (name === "pipe-20.json") await new Promise((r) => setTimeout(r, 200));
      return prepare(bytes, name);
    };
    const ids: number[] = [];
    for await (const o of ingestPipelined(db, sources, { actor: SYSTEM, prepare: slowFirst, depth: 4 })) ids.push(o.result!.documentId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(4);
  });

  it("stopping early finishes the documents in flight, each whole", async () => {
    const sources = [10, 11, 12, 13, 14].map(doc);
    for await (const o of ingestPipelined(db, sources, { actor: SYSTEM, prepare, depth: 3 })) {
      expect(o.result?.status).toBe("stored");
      break;
    }
    const r = await db.query<{ source_name: string; measures: number }>(
      `select d.source_name, (select count(*)::int from measure m where m.document_id = d.id) as measures
       from document d where d.source_name = any($1::text[]) order by d.source_name`,
      [sources.map((s) => s.name)],
    );
    expect(r.rows).toEqual(["pipe-10.json", "pipe-11.json", "pipe-12.json"].map((source_name) => ({ source_name, measures: 3 })));
  });
});
