import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { bytesOf, jsonParse, sampleParsed } from "../../test/support/parsed.js";
import type { Db } from "../store/db.js";
import { SYSTEM } from "./audit.js";
import { ingestDocument } from "./ingest.js";
import { confirmSuggestion, dismissSuggestion, openSuggestions } from "./suggestions.js";

const span = (rule: string) => ({ start: 0, end: 3, rule });

describeEngines("suggested bodies", (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let measureId: number;
  beforeAll(async () => {
    ({ db, close } = await engine.open());
    const p = sampleParsed({ source: "suggest" });
    // the first measure names 省通信管理局 in a tag; its prose also names 省财政厅 (配合) and, written in full, the
    // body the tag already names
    p.outline[1] = {
      ...p.outline[1]!,
      suggestedUnits: [
        { name: "省财政厅", lead: false, span: span("suggest.subject-peihe") },
        { name: "广东省通信管理局", lead: true, span: span("suggest.you-qiantou") },
        { name: "省审计厅", lead: false, span: span("suggest.subject-fuze") },
      ],
    };
    const r = await ingestDocument(db, jsonParse, bytesOf(p), "suggest.json", SYSTEM);
    const m = await db.query<{ id: number }>(`select id from measure where document_id = $1 order by ordinal`, [r.documentId]);
    measureId = m.rows[1]!.id;
  });
  afterAll(async () => close?.());

  const open = async () => (await openSuggestions(db, [measureId])).get(measureId) ?? [];

  it("stores a measure's suggestions at ingest, in order, with the role a task would take", async () => {
    expect((await open()).map((s) => [s.name, s.role, s.status])).toEqual([
      ["省财政厅", "supporting", "open"],
      ["广东省通信管理局", "lead", "open"],
      ["省审计厅", "lead", "open"],
    ]);
  });

  it("confirms into a new task on the measure, the name read in the document's jurisdiction", async () => {
    const s = (await open())[0]!;
    const r = await db.transaction((tx) => confirmSuggestion(tx, SYSTEM, s.id));
    expect(r).toMatchObject({ created: true, bodyName: "广东省财政厅", suggestion: { status: "confirmed" } });
    const t = await db.query<{ role: string; written_as: string }>(`select role, written_as from task where id = $1`, [r.taskId]);
    expect(t.rows[0]).toEqual({ role: "supporting", written_as: "省财政厅" });
  });

  it("confirms a body already on the measure without a second task or a changed role", async () => {
    const s = (await open()).find((x) => x.name === "广东省通信管理局")!;
    const before = await db.query<{ n: number }>(`select count(*)::int as n from task where measure_id = $1`, [measureId]);
    const r = await db.transaction((tx) => confirmSuggestion(tx, SYSTEM, s.id));
    expect(r.created).toBe(false);
    const after = await db.query<{ n: number }>(`select count(*)::int as n from task where measure_id = $1`, [measureId]);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it("dismisses, audits each decision, and refuses a second decision", async () => {
    const s = (await open())[0]!;
    expect(s.name).toBe("省审计厅");
    await db.transaction((tx) => dismissSuggestion(tx, SYSTEM, s.id));
    expect(await open()).toEqual([]);
    await expect(db.transaction((tx) => confirmSuggestion(tx, SYSTEM, s.id))).rejects.toThrow(/已忽略/);
    const log = await db.query<{ action: string }>(`select action from audit_entry where entity = 'suggestion' order by id`);
    expect(log.rows.map((r) => r.action)).toEqual(["suggestion.confirm", "suggestion.confirm", "suggestion.dismiss"]);
    const body = await db.query<{ n: number }>(`select count(*)::int as n from responsible_body where name = '广东省审计厅'`);
    expect(body.rows[0]!.n).toBe(0);
  });

  it("leaves no task behind when confirming fails half-way", async () => {
    const p = sampleParsed({ source: "suggest-fail" });
    p.outline[2] = { ...p.outline[2]!, suggestedUnits: [{ name: "省统计局", lead: false, span: span("suggest.subject-fuze") }] };
    const r = await ingestDocument(db, jsonParse, bytesOf(p), "suggest-fail.json", SYSTEM);
    const m = await db.query<{ id: number }>(`select id from measure where document_id = $1 order by ordinal`, [r.documentId]);
    const s = (await openSuggestions(db, [m.rows[2]!.id])).get(m.rows[2]!.id)![0]!;
    const tasks = async () => (await db.query<{ n: number }>(`select count(*)::int as n from task`)).rows[0]!.n;
    const n = await tasks();
    await expect(
      db.transaction(async (tx) => {
        await confirmSuggestion(tx, SYSTEM, s.id);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await tasks()).toBe(n);
    expect((await openSuggestions(db, [m.rows[2]!.id])).get(m.rows[2]!.id)).toHaveLength(1);
  });
});
