/**
 * Relevance of search on real text: the development corpus and the example seeds, and 40-odd queries that officials
 * and companies type (test/search-relevance.json), each with the measures that must be in the top 3, judged by reading
 * the measures. Prints precision@3 and MRR (by kind of query) and holds them above a floor, so that a change to the
 * tokens or the ranking that makes search worse fails here.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CORPUS } from "../src/cli/commands/corpus.js";
import { parseBytes } from "../src/parse/index.js";
import { openStore, type Db } from "../src/store/index.js";
import { mergePendingMeasures } from "../src/store/search-index.js";
import { SYSTEM } from "../src/track/audit.js";
import { ingestDocument } from "../src/track/ingest.js";
import { search } from "../src/track/search.js";

interface Judged {
  q: string;
  kind: string;
  /** "file#path" (the measure's path joined by dots, as 一.3) for one measure, "file" for any measure of that document */
  relevant: string[];
}

const SET = JSON.parse(readFileSync(new URL("./search-relevance.json", import.meta.url), "utf8")) as { queries: Judged[] };
const SEEDS = new URL("../examples/seeds/", import.meta.url).pathname;
const present = existsSync(DEFAULT_CORPUS);
// the floors sit a little under what the search scores today: a fall below them is a regression
const FLOOR = { precisionAt3: 0.8, mrr: 0.85 };

describe.skipIf(!present)("search relevance on the corpus", () => {
  let db: Db;
  const keyOf = new Map<number, { file: string; key: string }>();

  beforeAll(async () => {
    db = await openStore({ dataDir: "memory" });
    for (const dir of [DEFAULT_CORPUS, SEEDS]) {
      for (const f of readdirSync(dir).sort()) {
        if (f.toLowerCase() === "readme.md") continue;
        await ingestDocument(db, parseBytes, new Uint8Array(readFileSync(`${dir}/${f}`)), f, SYSTEM).catch(() => undefined);
      }
    }
    await mergePendingMeasures(db);
    const { rows } = await db.query<{ id: number; file: string; label: string }>(
      `select m.id, d.source_name as file, array_to_string(m.path, $$.$$) as label from measure m join document d on d.id = m.document_id`,
    );
    for (const r of rows) keyOf.set(r.id, { file: r.file, key: `${r.file}#${r.label}` });
  }, 300_000);

  afterAll(async () => {
    await db?.close();
  });

  it("judges only measures that exist", () => {
    const keys = new Set([...keyOf.values()].flatMap((k) => [k.key, k.file]));
    const missing = SET.queries.flatMap((q) => q.relevant.filter((r) => !keys.has(r)).map((r) => `${q.q}: ${r}`));
    expect(missing).toEqual([]);
    expect(SET.queries.length).toBeGreaterThanOrEqual(40);
  });

  it("finds the judged measures in the top 3 (precision@3 and MRR above the floor)", async () => {
    const perQuery: Array<{ q: string; kind: string; p3: number; rr: number }> = [];
    for (const j of SET.queries) {
      const { items } = await search(db, { q: j.q, publishedOnly: false, limit: 10, offset: 0 });
      const hit = items.map((h) => {
        const k = keyOf.get(h.measureId);
        return !!k && (j.relevant.includes(k.key) || j.relevant.includes(k.file));
      });
      const wholeDoc = j.relevant.every((r) => !r.includes("#"));
      const wanted = wholeDoc ? 3 : Math.min(3, j.relevant.length);
      const p3 = hit.slice(0, 3).filter(Boolean).length / wanted;
      const first = hit.indexOf(true);
      perQuery.push({ q: j.q, kind: j.kind, p3: Math.min(1, p3), rr: first < 0 ? 0 : 1 / (first + 1) });
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const p3 = mean(perQuery.map((x) => x.p3));
    const mrr = mean(perQuery.map((x) => x.rr));
    const kinds = [...new Set(perQuery.map((x) => x.kind))];
    const lines = kinds.map((k) => {
      const xs = perQuery.filter((x) => x.kind === k);
      return `  ${k.padEnd(10)} n=${String(xs.length).padStart(2)}  P@3 ${mean(xs.map((x) => x.p3)).toFixed(3)}  MRR ${mean(xs.map((x) => x.rr)).toFixed(3)}`;
    });
    const misses = perQuery.filter((x) => x.p3 < 1).map((x) => `${x.q} (P@3 ${x.p3.toFixed(2)}, RR ${x.rr.toFixed(2)})`);
    console.log(
      `search relevance: ${perQuery.length} queries  P@3 ${p3.toFixed(3)}  MRR ${mrr.toFixed(3)}\n${lines.join("\n")}\n  below 1: ${misses.join("; ") || "none"}`,
    );
    expect(p3).toBeGreaterThanOrEqual(FLOOR.precisionAt3);
    expect(mrr).toBeGreaterThanOrEqual(FLOOR.mrr);
  }, 120_000);
});
