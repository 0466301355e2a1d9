import { mkdtempSync, writeFileSync, copyFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli as run } from "../../../test/support/cli.js";

const seeds = join(__dirname, "..", "..", "..", "examples", "seeds");

describe("luoshi parse", () => {
  afterEach(() => vi.restoreAllMocks());
  const dir = mkdtempSync(join(tmpdir(), "luoshi-parse-"));

  it("prints a readable summary: wrapper chain, outline, bodies with the lead, quantities", async () => {
    const r = await run(["parse", join(seeds, "003_fb2d7a1ed97e3020.txt")]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("穗工信〔2019〕6号");
    expect(r.out).toContain("→ 正文: 广州市扩大和升级信息消费实施意见(2019-2021年)");
    expect(r.out).toMatch(/二\.二\.7 发展智能车联网等消费\n\s+责任单位: 市工业和信息化局\(牵头\)、市交通运输局\(牵头\)/);
    expect(r.out).toContain("目标: 4万家以上 = 40000家 完成时限 2021-12-31");
  });

  it("prints only the exchange format with --json, an object for one file and an array for several", async () => {
    const one = await run(["parse", "--json", join(seeds, "002_7087236c6a8a085e.txt")]);
    const parsed = JSON.parse(one.out);
    expect(parsed.document.docNumber).toBe("粤府〔2018〕27号");
    expect(parsed.outline.length).toBeGreaterThan(30);
    const two = await run(["parse", "--json", join(seeds, "002_7087236c6a8a085e.txt"), join(seeds, "004_ef97969b2831a9fe.txt")]);
    const arr = JSON.parse(two.out);
    expect(arr.map((p: { source: string }) => p.source)).toEqual(["002_7087236c6a8a085e.txt", "004_ef97969b2831a9fe.txt"]);
  });

  it("parses every document in a folder, recursively", async () => {
    const folder = join(dir, "folder");
    mkdirSync(join(folder, "nested"), { recursive: true });
    copyFileSync(join(seeds, "000_e290fc68146139bf.txt"), join(folder, "a.txt"));
    copyFileSync(join(seeds, "001_6afff2a45804ebfd.txt"), join(folder, "nested", "b.txt"));
    writeFileSync(join(folder, "notes.json"), "{}");
    const r = await run(["parse", "--json", "--no-text", folder]);
    const arr = JSON.parse(r.out);
    expect(arr.map((p: { source: string }) => p.source)).toEqual(["a.txt", "b.txt"]);
    expect(arr[0].text).toBeUndefined();
  });

  it("reports a bad file in one line naming it, exits non-zero, and goes on with the others", async () => {
    const empty = join(dir, "empty.txt");
    writeFileSync(empty, "");
    const r = await run(["parse", "--json", empty, join(seeds, "002_7087236c6a8a085e.txt")]);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/empty\.txt: 空文件$/);
    expect(r.err).not.toMatch(/\bat .*\.(?:js|ts):\d+/);
    expect(JSON.parse(r.out)).toHaveLength(1);
  });

  it("names a missing file", async () => {
    const r = await run(["parse", join(dir, "missing.txt")]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/missing\.txt: 文件或文件夹不存在/);
  });

  it("warns about text with no structure and prints an empty outline", async () => {
    const plain = join(dir, "plain.txt");
    writeFileSync(plain, "这是一段普通文字，没有编号，也没有任何措施。\n第二段也没有。\n");
    const r = await run(["parse", "--json", plain]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).outline).toEqual([]);
    expect(r.err).toMatch(/plain\.txt: 注意：未找到编号的条目（如“一、”“（一）”“1\.”），没有可识别的措施/);
  });
});
