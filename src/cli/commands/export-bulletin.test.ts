import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../../test/support/cli.js";
import { quarterScenario, storePlan } from "../../../test/support/bulletin.js";
import { openStore } from "../../store/index.js";

const HAN = /[\u4e00-\u9fff]/;

describe("luoshi export bulletin", () => {
  let dir: string;
  let data: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "luoshi-bulletin-cli-"));
    data = join(dir, "data");
    const db = await openStore({ dataDir: data });
    try {
      await quarterScenario(db, await storePlan(db));
    } finally {
      await db.close();
    }
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the DOCX and the PDF of a quarter where -o says", async () => {
    const docx = join(dir, "q3.docx");
    const r = await runCli(["export", "bulletin", "--period", "2026Q3", "--format", "docx", "-o", docx, "--data", data, "--today", "2026-11-27"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe("PK");
    const pdf = join(dir, "q3.pdf");
    expect((await runCli(["export", "bulletin", "--period", "2026Q3", "--format", "pdf", "-o", pdf, "--data", data])).code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
  }, 120_000);

  it("narrows to a body named as written, and gives the figures as JSON", async () => {
    const out = join(dir, "body.json");
    const r = await runCli(["export", "bulletin", "--period", "2026Q3", "--body", "广东省财政厅", "--format", "json", "-o", out, "--data", data, "--today", "2026-11-27"]);
    expect(r.code).toBe(0);
    const f = JSON.parse(readFileSync(out, "utf8"));
    expect(f.scope.bodyName).toBe("广东省财政厅");
    expect(f.tasks).toBe(3);
    expect(f.inPeriod).toMatchObject({ due: 1, pendingClose: 1 });
  });

  it("refuses what it cannot do in one Chinese line, and writes nothing", async () => {
    const before = readdirSync(dir).sort();
    for (const args of [
      ["--period", "2026Q5"],
      ["--from", "2026-09-30"],
      ["--period", "2026Q3", "--format", "xlsx"],
      ["--period", "2026Q3", "--body", "不存在的单位"],
      ["--period", "2026Q3", "--document", "999999"],
      ["--period", "2026Q3", "--document", "x1"],
      ["--period", "2026Q3", "--today", "2026-02-30"],
    ]) {
      const r = await runCli(["export", "bulletin", ...args, "-o", join(dir, "no.docx"), "--data", data]);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.err, args.join(" ")).toMatch(HAN);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
    expect(existsSync(join(dir, "no.docx"))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});
