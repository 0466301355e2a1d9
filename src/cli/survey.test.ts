import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareSnapshots, failedReport, formatComparison, formatSurvey, snapshotJson, snapshotOf, surveyFolder, type FileReport } from "./survey.js";

const dir = mkdtempSync(join(tmpdir(), "luoshi-survey-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// a made-up notice: two measures, one naming two bodies, one with a count to reach
writeFileSync(
  join(dir, "a.txt"),
  "某县关于加强乡村道路养护的通知\n一、明确责任。（县交通局、县财政局）\n二、加快建设。到2025年底前，新建乡村道路50公里。\n",
);
// a text with no numbered measures has no outline
writeFileSync(join(dir, "c.txt"), "某县关于乡村道路养护情况的说明\n今年全县道路养护情况良好，群众满意。\n");
// an HTML page with no text at all is unreadable
writeFileSync(join(dir, "b.html"), "<html><body><script>var a = 1;</script></body></html>");

const report = (file: string, kinds: Array<FileReport["anomalies"][number]["kind"]>): FileReport => ({
  file,
  nodes: 1,
  bodies: 0,
  leads: 0,
  quantities: { target: 0, incentive: 0, other: 0 },
  warnings: 0,
  anomalies: kinds.map((kind) => ({ kind, where: "一", text: "x" })),
});

describe("surveyFolder", () => {
  it("parses every document, counts what it found, and reports an unreadable file without stopping", async () => {
    const reports = await surveyFolder(dir, "2026-01-01");
    expect(reports.map((r) => r.file)).toEqual(["a.txt", "b.html", "c.txt"]);
    const [a, b, c] = reports as [FileReport, FileReport, FileReport];
    expect([a.nodes, a.bodies, a.quantities.target, a.anomalies.length]).toEqual([2, 2, 1, 0]);
    expect(b.anomalies.map((x) => x.kind)).toEqual(["unreadable"]);
    expect(c.anomalies.map((x) => x.kind)).toEqual(["no-outline"]);
    const snap = snapshotOf(reports);
    expect([snap.totals.files, snap.totals.unreadable, snap.totals.anomalies, snap.totals.nodes]).toEqual([3, 1, 2, 2]);
    expect(formatSurvey(reports, snap)).toContain("c.txt  no-outline  document");
  });
});

describe("failedReport", () => {
  it("tells a parser that threw from a file that could not be read, in one line", () => {
    expect(failedReport("x.txt", new Error("boom\n    at somewhere")).anomalies).toEqual([{ kind: "crash", where: "file", text: "boom" }]);
  });
});

describe("compareSnapshots", () => {
  const before = snapshotOf([report("a.txt", ["title-long", "title-long"]), report("b.txt", ["unit-missing"])]);

  it("is worse when a kind grows even if the total does not, and names the file", () => {
    const after = snapshotOf([report("a.txt", ["title-long"]), report("b.txt", ["unit-missing", "outline-gap"])]);
    const c = compareSnapshots(before, after);
    expect([c.worse, c.grown.map((g) => g.what), c.worseFiles.map((f) => f.what)]).toEqual([true, ["outline-gap"], ["b.txt"]]);
    expect(formatComparison(c)).toContain("b.txt: 1 → 2 (outline-gap 0 → 1)");
  });

  it("is better, not worse, when counts only fall", () => {
    const after = snapshotOf([report("a.txt", ["title-long"]), report("b.txt", ["unit-missing"])]);
    const c = compareSnapshots(before, after);
    expect(c).toMatchObject({ worse: false, grown: [], fallen: [{ what: "total", before: 3, after: 2 }, { what: "title-long", before: 2, after: 1 }] });
    expect(formatComparison(c)).toMatch(/fell \(total 3 → 2, title-long 2 → 1\).*--update/);
    expect(compareSnapshots(before, before)).toMatchObject({ worse: false, fallen: [] });
  });

  it("reads back the snapshot it writes", () => {
    expect(JSON.parse(snapshotJson(before))).toEqual(before);
  });
});
