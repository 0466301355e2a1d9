import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli as run } from "../../../test/support/cli.js";

describe("luoshi corpus", () => {
  const dir = mkdtempSync(join(tmpdir(), "luoshi-corpus-"));
  const docs = join(dir, "docs");
  const snapshot = join(dir, "snapshot.json");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => writeFileSync(join(docs, name), text);

  it("surveys any folder, goes on past an unreadable file, and guards the snapshot it wrote", async () => {
    mkdirSync(docs);
    write("a.txt", "某镇关于整治河道的通知\n一、摸清底数。（镇水利站）\n二、集中整治。\n");
    write("b.html", "<html><body></body></html>");

    const first = await run(["corpus", docs, "--snapshot", snapshot, "--update"]);
    expect(first.code).toBe(0);
    expect(first.out).toContain("b.html  unreadable  file");
    expect(JSON.parse(readFileSync(snapshot, "utf8")).totals).toMatchObject({ files: 2, unreadable: 1, anomalies: 1 });

    // a file with no outline is one anomaly more: worse than the snapshot, exit code 1, the file named
    write("c.txt", "某镇关于河道情况的说明\n河道总体情况良好。\n");
    const worse = await run(["corpus", docs, "--snapshot", snapshot]);
    expect(worse.code).toBe(1);
    expect(worse.err).toContain("c.txt: 0 → 1 (no-outline 0 → 1)");

    const json = await run(["corpus", docs, "--snapshot", snapshot, "--json"]);
    const summary = JSON.parse(json.out);
    expect([summary.totals.anomalies, summary.anomalies["no-outline"], summary.comparison.worse]).toEqual([2, 1, true]);
    expect(summary.reports.map((r: { file: string }) => r.file)).toEqual(["a.txt", "b.html", "c.txt"]);
  });

  it("refuses --update for another folder without a snapshot named for it", async () => {
    const r = await run(["corpus", dir, "--update"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("默认语料以外的文件夹用 --update 时，须用 --snapshot 指定快照文件");
  });
});
