/**
 * The guard on real text nobody has annotated: the development corpus (../shared/corpus beside the checkout) must not
 * produce more anomalies, in total or of any kind, than the checked-in snapshot. Fewer is a gain: the test passes and
 * asks for the snapshot to be rewritten (`npm run corpus -- --update`) so the gain is kept.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_CORPUS, DEFAULT_SNAPSHOT } from "../src/cli/commands/corpus.js";
import { compareSnapshots, formatComparison, snapshotOf, surveyFolder, type Snapshot } from "../src/cli/survey.js";

const present = existsSync(DEFAULT_CORPUS);

describe("development corpus", () => {
  it("has no more anomalies than the snapshot, in total or of any kind", async (ctx) => {
    ctx.skip(!present, `${DEFAULT_CORPUS} is absent: the corpus guard needs the shared corpus beside the checkout`);
    const before = JSON.parse(readFileSync(DEFAULT_SNAPSHOT, "utf8")) as Snapshot;
    const now = snapshotOf(await surveyFolder(DEFAULT_CORPUS));
    const comparison = compareSnapshots(before, now);
    if (!comparison.worse && comparison.fallen.length) console.log(formatComparison(comparison));
    expect(comparison.worse, formatComparison(comparison)).toBe(false);
    // a file that disappears from the corpus is no gain of the parser's
    expect(now.totals.files).toBeGreaterThanOrEqual(before.totals.files);
  });
});
