import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { bytesOf, jsonParse, node, sampleParsed } from "../../test/support/parsed.js";
import type { Db } from "../store/db.js";
import { SYSTEM } from "./audit.js";
import { bodyIdentity, jurisdictionOf, mergeBodies } from "./bodies.js";
import { periodEnd } from "./due.js";
import { indexUnindexedMeasures, ingestDocument, rolesOf } from "./ingest.js";
import { parseBytes } from "../parse/index.js";
import { listTasks } from "./tasks.js";

describe("body identity", () => {
  const gd = jurisdictionOf([["广东省工业和信息化厅"]]);
  const jm = jurisdictionOf([["江门市工业和信息化局"]]);
  it("reads a document's jurisdiction from its issuers", () => {
    expect(gd).toEqual({ province: "广东", city: null, level: "省" });
    expect(jm).toEqual({ province: "广东", city: "江门", level: "市" });
  });
  it("makes 省通信管理局 (carried prefix) and 广东省通信管理局 one key, in a provincial and a city document", () => {
    const a = bodyIdentity("省通信管理局", gd);
    expect(a.name).toBe("广东省通信管理局");
    expect(bodyIdentity("广东省通信管理局", jm).key).toBe(a.key);
    expect(bodyIdentity("省通信管理局", jm).key).toBe(a.key);
  });
  it("keeps 市 bodies of different cities apart", () => {
    expect(bodyIdentity("市工业和信息化局", jm).name).toBe("江门市工业和信息化局");
    expect(bodyIdentity("市工业和信息化局", jurisdictionOf([["广州市工业和信息化局"]])).key).not.toBe(
      bodyIdentity("市工业和信息化局", jm).key,
    );
  });
  it("reads a level prefix before a word that looks like a place", () => {
    expect(bodyIdentity("市城市管理和综合执法局", jm).name).toBe("江门市城市管理和综合执法局");
    expect(bodyIdentity("市委宣传部", jm).name).toBe("江门市委宣传部");
  });
  it("keeps names with a place of their own as written", () => {
    expect(bodyIdentity("南方电网", gd).name).toBe("南方电网");
    expect(bodyIdentity("江门供电局", gd).name).toBe("江门供电局");
  });
  it("reads lead and supporting roles", () => {
    expect(rolesOf(node(["1"], "x", ["甲", "乙"], { lead: ["甲"] }))).toEqual([
      { name: "甲", role: "lead" },
      { name: "乙", role: "supporting" },
    ]);
    expect(rolesOf(node(["1"], "x", ["甲", "乙"])).map((r) => r.role)).toEqual(["lead", "lead"]);
  });
  it("reads the period of a title", () => {
    expect(periodEnd("广州市扩大和升级信息消费实施意见(2019-2021年)")).toBe("2021-12-31");
    expect(periodEnd("2017年广东省信息化发展工作要点")).toBe("2017-12-31");
    expect(periodEnd("关于印发若干措施的通知")).toBeNull();
  });
});

describeEngines("ingest", (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await engine.open());
  });
  afterAll(async () => close?.());

  it("stores a document with its measures, targets, bodies, tasks, original bytes and an audit entry", async () => {
    const bytes = bytesOf(sampleParsed());
    const r = await ingestDocument(db, jsonParse, bytes, "sample.json", SYSTEM);
    expect(r).toMatchObject({ status: "stored", measures: 3, tasks: 4 });
    const orig = await db.query<{ bytes: Uint8Array }>(`select bytes from document_original where document_id = $1`, [r.documentId]);
    expect(Buffer.from(orig.rows[0]!.bytes).equals(Buffer.from(bytes))).toBe(true);
    const tasks = await db.query<{ name: string; role: string; due_date: string; title: string }>(
      `select b.name, t.role, t.due_date, m.title from task t join responsible_body b on b.id = t.body_id
       join measure m on m.id = t.measure_id where m.document_id = $1 order by t.id`,
      [r.documentId],
    );
    expect(tasks.rows).toEqual([
      { name: "广东省工业和信息化厅", role: "lead", due_date: "2020-09-30", title: "提速5G网络建设" },
      { name: "广东省通信管理局", role: "lead", due_date: "2020-09-30", title: "提速5G网络建设" },
      // no target deadline: the document's validity end
      { name: "广东省财政厅", role: "lead", due_date: "2020-12-31", title: "完善乡村信息基础设施" },
      { name: "广东省通信管理局", role: "lead", due_date: "2020-12-31", title: "完善乡村信息基础设施" },
    ]);
    const parents = await db.query<{ label: string; parent: string | null }>(
      `select m.label, p.label as parent from measure m left join measure p on p.id = m.parent_id where m.document_id = $1 order by m.ordinal`,
      [r.documentId],
    );
    // labels as written; a node whose parse records none (an older parse) keeps its path's last step
    expect(parents.rows).toEqual([
      { label: "一、", parent: null },
      { label: "1.", parent: "一、" },
      { label: "2", parent: "一、" },
    ]);
    const targets = await db.query<{ indicator: string | null; cap: boolean }>(
      `select tg.indicator, tg.cap from target tg join measure m on m.id = tg.measure_id where m.document_id = $1 order by m.ordinal, tg.ordinal`,
      [r.documentId],
    );
    expect(targets.rows).toEqual([
      { indicator: "5G基站", cap: false },
      { indicator: null, cap: false },
    ]);
    const a = await db.query<{ action: string; after: { tasks: number } }>(`select action, after from audit_entry where entity = 'document' and entity_id = $1`, [
      String(r.documentId),
    ]);
    expect(a.rows).toEqual([{ action: "document.ingest", after: expect.objectContaining({ tasks: 4, measures: 3 }) }]);
  });

  it("is idempotent: the same bytes store one document", async () => {
    const bytes = bytesOf(sampleParsed({ source: "again" }));
    const first = await ingestDocument(db, jsonParse, bytes, "again.json", SYSTEM);
    const second = await ingestDocument(db, jsonParse, bytes, "again-renamed.json", SYSTEM);
    expect(first.status).toBe("stored");
    expect(second).toMatchObject({ status: "unchanged", documentId: first.documentId, measures: 3, tasks: 4 });
    const n = await db.query<{ n: number }>(`select count(*)::int as n from document where source_name like 'again%'`);
    expect(n.rows[0]!.n).toBe(1);
  });

  it("stores the same bytes once when ingested twice at the same time", async () => {
    const bytes = bytesOf(sampleParsed({ source: "race" }));
    const [a, b] = await Promise.all([
      ingestDocument(db, jsonParse, bytes, "race.json", SYSTEM),
      ingestDocument(db, jsonParse, bytes, "race.json", SYSTEM),
    ]);
    expect(a.documentId).toBe(b.documentId);
    expect([a.status, b.status].sort()).toEqual(["stored", "unchanged"]);
    const n = await db.query<{ n: number }>(`select count(*)::int as n from document where source_name = 'race.json'`);
    expect(n.rows[0]!.n).toBe(1);
  });

  it("resolves one body across documents: 省通信管理局 here, 广东省通信管理局 written in full there", async () => {
    const p = sampleParsed({ source: "other" });
    p.outline[1] = { ...p.outline[1]!, units: ["广东省通信管理局"] };
    p.document = { ...p.document, title: "另一个文件" };
    await ingestDocument(db, jsonParse, bytesOf(p), "other.json", SYSTEM);
    const bodies = await db.query<{ name: string }>(`select name from responsible_body where name like '%通信管理局'`);
    expect(bodies.rows.map((b) => b.name)).toEqual(["广东省通信管理局"]);
  });

  it("leaves no rows behind when a document fails to parse or to store", async () => {
    const count = async () => {
      const r = await db.query<{ d: number; m: number; t: number; a: number }>(
        `select (select count(*)::int from document) as d, (select count(*)::int from measure) as m,
                (select count(*)::int from task) as t, (select count(*)::int from audit_entry) as a`,
      );
      return r.rows[0];
    };
    const before = await count();
    await expect(ingestDocument(db, jsonParse, new TextEncoder().encode("not json"), "bad.txt", SYSTEM)).rejects.toThrow(/not a document/);
    // parses, but its third measure breaks a constraint half-way through the transaction
    const broken = sampleParsed({ source: "broken" });
    broken.outline[2] = { ...broken.outline[2]!, quantities: [{ text: "x", value: 1, unit: "", kind: "bogus" as "other", deadline: null }] };
    await expect(ingestDocument(db, jsonParse, bytesOf(broken), "broken.json", SYSTEM)).rejects.toThrow();
    expect(await count()).toEqual(before);
  });

  it("merges two bodies: tasks and spellings move, the old one points at the new", async () => {
    const p = sampleParsed({ source: "merge" });
    p.outline[1] = { ...p.outline[1]!, units: ["省工信厅"] };
    const r = await ingestDocument(db, jsonParse, bytesOf(p), "merge.json", SYSTEM);
    const ids = await db.query<{ id: number; name: string }>(`select id, name from responsible_body where name in ('广东省工信厅', '广东省工业和信息化厅') order by name`);
    const from = ids.rows.find((b) => b.name === "广东省工信厅")!.id;
    const into = ids.rows.find((b) => b.name === "广东省工业和信息化厅")!.id;
    await db.transaction((tx) => mergeBodies(tx, from, into));
    const t = await listTasks(db, { documentId: r.documentId, bodyId: into, limit: 10, offset: 0, today: "2020-04-01" });
    expect(t.items.map((x) => x.measureTitle)).toEqual(["提速5G网络建设"]);
    // a later document that writes the merged spelling lands on the surviving body
    const q = sampleParsed({ source: "after-merge" });
    q.outline[2] = { ...q.outline[2]!, units: ["省工信厅"] };
    const r2 = await ingestDocument(db, jsonParse, bytesOf(q), "after.json", SYSTEM);
    const t2 = await listTasks(db, { documentId: r2.documentId, bodyId: into, limit: 10, offset: 0, today: "2020-04-01" });
    expect(t2.items.map((x) => x.measureTitle).sort()).toEqual(["完善乡村信息基础设施", "提速5G网络建设"].sort());
  });

  it("indexes measures left unindexed by an older version", async () => {
    await db.query(`update measure set title_tokens = null, text_tokens = null`);
    const n = await indexUnindexedMeasures(db);
    expect(n).toBeGreaterThan(0);
    const r = await db.query<{ n: number }>(`select count(*)::int as n from measure where search_vector @@ to_tsquery('simple', '基站')`);
    expect(r.rows[0]!.n).toBeGreaterThan(0);
  });

  it("stores each measure's label as written, not its path", async () => {
    const text = "关于加快网络建设的实施意见\n\n各有关单位：\n\n一、总体要求\n（一）加快网络建设。由市工业和信息化局负责。\n1. 建成基站1000个。\n二、保障措施\n\n某某市人民政府\n2020年5月1日\n";
    const r = await ingestDocument(db, parseBytes, new TextEncoder().encode(text), "labels.txt", SYSTEM);
    const stored = (await db.query<{ label: string; path: string[] }>(`select label, path from measure where document_id = $1 order by ordinal`, [r.documentId])).rows;
    expect(stored.map((m) => m.label)).toEqual(["一、", "（一）", "1.", "二、"]);
    expect(stored.map((m) => m.path.join("."))).toEqual(["一", "一.一", "一.一.1", "二"]);
  });

  it("stores measures without units and a document without validity (no tasks, no due date)", async () => {
    const p = sampleParsed({ source: "bare" });
    p.document = { ...p.document, validUntil: null, title: "没有期限的文件" };
    p.outline = [node(["一"], "总体要求")];
    const r = await ingestDocument(db, jsonParse, bytesOf(p), "bare.json", SYSTEM);
    expect(r).toMatchObject({ status: "stored", measures: 1, tasks: 0 });
    const m = await db.query<{ due_date: string | null; due_source: string }>(`select due_date, due_source from measure where document_id = $1`, [r.documentId]);
    expect(m.rows).toEqual([{ due_date: null, due_source: "none" }]);
  });

  it("stores 12 concurrent uploads naming the same new bodies in different orders: no deadlock, one body per name", async () => {
    const names = ["省甲局", "省乙局", "省丙局", "省丁局", "省戊局", "省己局", "省庚局", "省辛局"];
    const docs = Array.from({ length: 12 }, (_, k) => {
      // each document names every body, one per measure, in its own rotation (half of them reversed)
      const order = names.map((_, i) => names[(i + k) % names.length]!);
      if (k % 2) order.reverse();
      const p = sampleParsed({ source: `race-${k}` });
      p.document = { ...p.document, title: `并发上传的文件${k}` };
      p.outline = order.map((n, i) => node([String(i + 1)], `措施${i + 1}`, [n]));
      return p;
    });
    const results = await Promise.allSettled(docs.map((p, k) => ingestDocument(db, jsonParse, bytesOf(p), `race-${k}.json`, SYSTEM)));
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    const bodies = await db.query<{ name: string; n: number }>(
      `select b.name, count(distinct b.id)::int as n from responsible_body b
       join body_alias a on a.body_id = b.id where b.name = any($1::text[]) group by b.name order by b.name`,
      [names.map((n) => `广东${n}`)],
    );
    expect(bodies.rows).toHaveLength(names.length);
    expect(bodies.rows.every((r) => r.n === 1)).toBe(true);
    const tasks = await db.query<{ n: number }>(
      `select count(*)::int as n from task t join responsible_body b on b.id = t.body_id where b.name = any($1::text[])`,
      [names.map((n) => `广东${n}`)],
    );
    expect(tasks.rows[0]!.n).toBe(12 * names.length);
  });
});
