/**
 * `luoshi align CHILD` without PARENT, through the built command on an embedded store (LUOSHI_DATA) and, when
 * LUOSHI_TEST_DATABASE_URL is set, on PostgreSQL (DATABASE_URL): it finds the parent among stored documents and
 * says which and why.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEEDS_DIR } from "./support/api.js";
import { LONG_PARENT_TEXT, TITLES_CHILD_TEXT } from "../src/link/testdata/titles.js";

const root = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "luoshi-align-"));
const seed = (n: string) => join(SEEDS_DIR, { "000": "000_e290fc68146139bf.txt", "001": "001_6afff2a45804ebfd.txt", "003": "003_fb2d7a1ed97e3020.txt" }[n]!);

function luoshi(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, "bin/luoshi.js"), ...args], {
    encoding: "utf8",
    timeout: 120_000,
    cwd: dir,
    env: { ...process.env, DATABASE_URL: "", LUOSHI_DATA: "", ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("luoshi align CHILD (parent from the store)", () => {
  const env = { LUOSHI_DATA: join(dir, "data") };
  beforeAll(() => {
    const r = luoshi(env, "ingest", "--no-progress", SEEDS_DIR);
    expect(r.code, r.err).toBe(0);
  });

  it("chooses the cited document and says so", () => {
    const r = luoshi(env, "align", seed("001"));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^parent chosen by citation: #\d+ 关于应对疫情影响进一步促进信息服务和消费的若干政策措施 .*文号 粤工信信软〔2020〕37号/);
    expect(r.out).toContain("measures: 25 in the child");
  });

  it("answers in JSON with the chosen parent", () => {
    const r = luoshi(env, "align", "--json", seed("003"));
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as { parent: { via: string; document: { docNumber: string } }; links: unknown[] };
    expect(j.parent.via).toBe("citation");
    expect(j.parent.document.docNumber).toBe("粤府〔2018〕27号");
    expect(j.links.length).toBeGreaterThan(10);
  });

  it("says why when no stored document fits, with a non-zero exit code", () => {
    const r = luoshi(env, "align", seed("000"));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/no parent found among 4 stored documents .*cites none of them.*similar enough/);
  });

  it.skipIf(!process.env.LUOSHI_TEST_DATABASE_URL)("uses DATABASE_URL", () => {
    const url = new URL(process.env.LUOSHI_TEST_DATABASE_URL!);
    // a database of its own, dropped afterwards
    const name = `luoshi_align_${process.pid}`;
    const pg = spawnSync("psql", [url.href, "-c", `create database ${name}`], { encoding: "utf8" });
    if (pg.status !== 0) return; // no psql here: the PGlite cases above stand
    const own = new URL(url.href);
    own.pathname = `/${name}`;
    try {
      expect(luoshi({ DATABASE_URL: own.href }, "ingest", "--no-progress", seed("000"), seed("001")).code).toBe(0);
      const r = luoshi({ DATABASE_URL: own.href }, "align", seed("001"));
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^parent chosen by citation/);
    } finally {
      spawnSync("psql", [url.href, "-c", `drop database if exists ${name}`]);
    }
  });
});

describe("luoshi align CHILD PARENT", () => {
  const child = join(dir, "city.txt");
  const parent = join(dir, "province.txt");
  beforeAll(() => {
    writeFileSync(child, TITLES_CHILD_TEXT);
    writeFileSync(parent, LONG_PARENT_TEXT);
  });

  it("lists the best candidates of a new measure in JSON, so that it can be linked by hand", () => {
    const r = luoshi({}, "align", "--json", child, parent);
    expect(r.code, r.err).toBe(0);
    type Link = { child: string[]; parents: unknown[]; candidates?: Array<{ path: string[]; score: number }> };
    const links = (JSON.parse(r.out) as { links: Link[] }).links;
    const fresh = links.find((l) => l.child.join("/") === "二/五")!;
    expect(fresh.parents).toEqual([]);
    expect(fresh.candidates!.length).toBe(3);
    expect(fresh.candidates![0]!.score).toBeGreaterThanOrEqual(fresh.candidates![1]!.score);
    // a linked measure lists its parents; candidates would repeat them
    expect(links.find((l) => l.child.join("/") === "一/一")!.candidates).toBeUndefined();
  });

  it("names them in the summary", () => {
    const r = luoshi({}, "align", child, parent);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/二\/五 举办城市马拉松和龙舟赛事\s+new \(needs over [\d.]+\), closest: \S+ .+ [\d.]+; /);
  });
});
