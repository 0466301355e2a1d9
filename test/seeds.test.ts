/**
 * The five seed documents against their hand-checked answers (copied from the project's shared gold set into
 * test/gold). A guard against regressions, scored like the shared scorer: not a place to tune the parser.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseText } from "../src/parse/index.js";
import type { DocMeta, OutlineNode, ParsedFile } from "../src/model/exchange.js";

const norm = (s: string | null | undefined) => (s ?? "").normalize("NFKC").replace(/\s+/g, "");
const goldDir = join(__dirname, "gold");
const seedsDir = join(__dirname, "..", "examples", "seeds");

function agreement(gold: ParsedFile, pred: ParsedFile): { ok: number; n: number; misses: string[] } {
  let ok = 0;
  let n = 0;
  const misses: string[] = [];
  const check = (what: string, a: unknown, b: unknown) => {
    n++;
    if (JSON.stringify(a) === JSON.stringify(b)) ok++;
    else misses.push(`${what}: gold ${JSON.stringify(a)} got ${JSON.stringify(b)}`);
  };
  const metas: Array<[string, DocMeta, DocMeta | undefined]> = [
    ["document", gold.document, pred.document],
    ...gold.wrappers.map((w, i): [string, DocMeta, DocMeta | undefined] => [`wrapper${i}`, w, pred.wrappers[i]]),
  ];
  for (const [label, g, p] of metas) {
    check(`${label}.title`, norm(g.title), norm(p?.title));
    check(`${label}.docNumber`, norm(g.docNumber), norm(p?.docNumber));
    check(`${label}.issuers`, g.issuers.map(norm), (p?.issuers ?? []).map(norm));
    check(`${label}.date`, g.date, p?.date ?? null);
    check(`${label}.validUntil`, g.validUntil, p?.validUntil ?? null);
  }
  check("cites", gold.document.cites.length, pred.document.cites.length);
  const byPath = new Map(pred.outline.map((o) => [o.path.join("/"), o]));
  for (const g of gold.outline) {
    const p = byPath.get(g.path.join("/")) as OutlineNode | undefined;
    const where = g.path.join("/");
    check(`${where} title`, norm(g.title), norm(p?.title));
    check(`${where} units`, g.units.map(norm), (p?.units ?? []).map(norm));
    check(`${where} lead`, g.lead.map(norm), (p?.lead ?? []).map(norm));
    const qk = (q: { value: number; unit: string; kind: string; deadline: string | null }) =>
      `${q.value}|${norm(q.unit)}|${q.kind}|${q.kind === "target" ? q.deadline : ""}`;
    check(`${where} quantities`, g.quantities.map(qk).sort(), (p?.quantities ?? []).map(qk).sort());
  }
  check("outline size", gold.outline.length, pred.outline.length);
  return { ok, n, misses };
}

describe("seed documents", () => {
  const files = readdirSync(goldDir).filter((f) => f.endsWith(".json"));
  it("has the five answers", () => expect(files.length).toBe(5));
  for (const f of files) {
    it(`${f}: at least 95% of the checked facts agree with the answer`, () => {
      const gold = JSON.parse(readFileSync(join(goldDir, f), "utf8")) as ParsedFile;
      const text = readFileSync(join(seedsDir, gold.source), "utf8");
      const { ok, n, misses } = agreement(gold, parseText(text, { source: gold.source }));
      expect(misses.slice(0, 10), `${ok}/${n}`).toEqual(ok / n >= 0.95 ? misses.slice(0, 10) : []);
      expect(ok / n).toBeGreaterThanOrEqual(0.95);
    });
  }
});
