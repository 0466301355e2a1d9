import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Db } from "./index.js";
import { CHAMPIONS, mergePendingMeasures, rebuildSearchIndex, termStats } from "./search-index.js";
import { indexTokens } from "./segment.js";

async function addMeasures(db: Db, docId: number, items: Array<[string, string]>): Promise<number[]> {
  const ids: number[] = [];
  for (const [title, text] of items) {
    const r = await db.query<{ id: number }>(
      `insert into measure (document_id, ordinal, path, label, title, text, title_tokens, text_tokens)
       values ($1, (select count(*) from measure), '{1}', '1', $2, $3, $4, $5) returning id`,
      [docId, title, text, indexTokens(title), indexTokens(text)],
    );
    ids.push(r.rows[0]!.id);
  }
  return ids;
}

describe("search term statistics", () => {
  let db: Db;
  let docId: number;
  beforeAll(async () => {
    db = await openStore({ dataDir: "memory" });
    docId = (await db.query<{ id: number }>(`insert into document (sha256, source_name, parsed, byte_size) values ('x', 'x', '{}', 0) returning id`)).rows[0]!.id;
  });
  afterAll(async () => db.close());

  it("keeps a new measure pending until merged, then counts it and ranks its champions by weight", async () => {
    const [weak, titled, repeated] = await addMeasures(db, docId, [
      ["加强组织领导", "各地要重视燃气工作，落实责任。还有很多别的文字说明各项要求和安排，与主题无关的内容很长很长。"],
      ["开展燃气安全检查", "组织一次全面检查。"],
      ["加强监测", "燃气管道、燃气设施、燃气用户逐一排查。"],
    ]);
    expect((await db.query(`select 1 from search_pending`)).rows.length).toBe(3);
    // the statistics say that measures wait, even before any lexeme has statistics
    expect(await termStats(db, ["燃气"], CHAMPIONS)).toMatchObject({ measures: 0, pending: true });
    expect((await termStats(db, ["燃气"], CHAMPIONS)).terms.size).toBe(0);
    expect(await mergePendingMeasures(db)).toBe(3);
    expect((await db.query(`select 1 from search_pending`)).rows.length).toBe(0);
    const { measures, terms, pending } = await termStats(db, ["燃气", "没有"], CHAMPIONS);
    expect(pending).toBe(false);
    expect(measures).toBe(3);
    expect(terms.get("燃气")?.df).toBe(3);
    // in the title beats three times in a short text beats once in a long one
    expect(terms.get("燃气")?.champions).toEqual([titled, repeated, weak]);
    expect(terms.has("没有")).toBe(false);
  });

  it("merges in batches to the same statistics, and a rebuild from scratch agrees with the merges", async () => {
    await addMeasures(db, docId, Array.from({ length: 7 }, (_, i) => [`燃气第${i}项`, "燃气".repeat(i + 1)] as [string, string]));
    expect(await mergePendingMeasures(db, 2)).toBe(7);
    const merged = await termStats(db, ["燃气", "加强"], CHAMPIONS);
    expect(merged.measures).toBe(10);
    expect(merged.terms.get("燃气")?.df).toBe(10);
    expect(await rebuildSearchIndex(db)).toBe(10);
    const rebuilt = await termStats(db, ["燃气", "加强"], CHAMPIONS);
    expect(rebuilt.measures).toBe(10);
    expect([...rebuilt.terms.entries()]).toEqual([...merged.terms.entries()]);
  });

  it("keeps at most CHAMPIONS per lexeme, the best ones", async () => {
    const before = (await termStats(db, ["安全"], CHAMPIONS)).terms.get("安全")?.df ?? 0;
    await addMeasures(db, docId, Array.from({ length: CHAMPIONS }, (_, i) => [`第${i}条`, `安全第${i}`] as [string, string]));
    const best = await addMeasures(db, docId, Array.from({ length: 5 }, (_, i) => [`安全${i}`, ""] as [string, string]));
    await mergePendingMeasures(db);
    const { terms } = await termStats(db, ["安全"], CHAMPIONS);
    expect(terms.get("安全")?.df).toBe(before + CHAMPIONS + 5);
    expect(terms.get("安全")?.champions.length).toBe(CHAMPIONS);
    expect(terms.get("安全")?.champions.slice(0, 5).sort()).toEqual([...best].sort());
    // a query reads the first few of a list that is not whole, and the whole of one that is
    const few = await termStats(db, ["安全", "燃气"], 5);
    expect(few.terms.get("安全")?.champions).toEqual(terms.get("安全")?.champions.slice(0, 5));
    expect(few.terms.get("燃气")?.champions.length).toBe(few.terms.get("燃气")?.df);
  });
  it("puts a measure whose title or text is corrected back in the pending set, and leaves one changed elsewhere", async () => {
    const id = (await addMeasures(db, docId, [["开展燃气检查", "组织检查。"]]))[0]!;
    await mergePendingMeasures(db);
    await db.query(`update measure set label = '（一）' where id = $1`, [id]);
    expect((await db.query(`select 1 from search_pending where measure_id = $1`, [id])).rows.length).toBe(0);
    await db.query(`update measure set title = $2, title_tokens = $3 where id = $1`, [id, "建设换电站", indexTokens("建设换电站")]);
    expect((await db.query(`select 1 from search_pending where measure_id = $1`, [id])).rows.length).toBe(1);
    await mergePendingMeasures(db);
    expect((await termStats(db, ["换电"], CHAMPIONS)).terms.get("换电")?.champions).toContain(id);
  });
});
