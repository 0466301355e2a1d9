/**
 * The blind sets' harness: a made-up document read through the real reader (parseBytes: HTML is flattened and
 * traditional characters simplified there) and its answer written by hand from shared/gold/SCHEMA.md, each
 * expectation its own test so that a failure names the pattern that was missed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseBytes } from "../../src/parse/index.js";
import type { ParsedFile } from "../../src/model/exchange.js";

export type Q = [number, string, "target" | "incentive" | "other", string | null];
export interface NodeAnswer {
  title?: string;
  units?: string[];
  lead?: string[];
  qs?: Q[];
  maxes?: (number | undefined)[]; // the upper ends of ranges, one per quantity
}
export interface Answer {
  wrappers: Record<string, unknown>[];
  document: Record<string, unknown>;
  outline: string[]; // "path title", every node in reading order
  nodes: Record<string, NodeAnswer>;
}

// Through the reader, as the CLI reads a file: HTML is flattened and traditional characters are simplified there.
const load = (name: string): Promise<ParsedFile> =>
  parseBytes(new Uint8Array(readFileSync(join(__dirname, "..", "fixtures", name))), name);

export function blind(name: string, answer: Answer): void {
  describe(name, () => {
    let p: ParsedFile;
    beforeAll(async () => {
      p = await load(name);
    });
    const find = (path: string) => {
      const n = p.outline.find((o) => o.path.join("/") === path);
      if (!n) throw new Error(`no node ${path} in ${p.outline.map((o) => o.path.join("/")).join(", ")}`);
      return n;
    };
    it("wrappers", () => {
      expect(p.wrappers).toHaveLength(answer.wrappers.length);
      answer.wrappers.forEach((w, i) => expect(p.wrappers[i]).toMatchObject(w));
    });
    it("document", () => expect(p.document).toMatchObject(answer.document));
    it("outline", () => expect(p.outline.map((n) => `${n.path.join("/")} ${n.title}`)).toEqual(answer.outline));
    for (const [path, a] of Object.entries(answer.nodes)) {
      if (a.units) it(`${path} units/lead`, () => expect(find(path)).toMatchObject({ units: a.units, lead: a.lead ?? [] }));
      if (a.qs)
        it(`${path} quantities`, () =>
          expect(find(path).quantities.map((q) => [q.value, q.unit, q.kind, q.deadline])).toEqual(a.qs));
      if (a.maxes) it(`${path} range ends`, () => expect(find(path).quantities.map((q) => q.max)).toEqual(a.maxes));
    }
  });
}
