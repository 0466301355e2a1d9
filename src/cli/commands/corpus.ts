/**
 * `luoshi corpus [FOLDER]`: parses every document of a folder nobody has annotated and prints what was found and the
 * anomalies no right answer has, against the checked-in snapshot of their counts (test/corpus-snapshot.json).
 * Exits 1 when the anomalies grew; `--update` rewrites the snapshot.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { compareSnapshots, formatComparison, formatSurvey, snapshotJson, snapshotOf, surveyFolder, type Snapshot } from "../survey.js";
import { DocumentError } from "../../text/errors.js";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
/** the development corpus sits beside the checkout */
export const DEFAULT_CORPUS = resolve(ROOT, "../shared/corpus");
export const DEFAULT_SNAPSHOT = resolve(ROOT, "test/corpus-snapshot.json");

interface CorpusOptions {
  json?: boolean;
  update?: boolean;
  snapshot?: string;
}

export function registerCorpus(program: Command): void {
  program
    .command("corpus")
    .description("survey a folder of documents: counts and anomalies per file, compared with the snapshot")
    .argument("[folder]", "documents to survey", DEFAULT_CORPUS)
    .option("--json", "print a machine-readable summary")
    .option("--update", "rewrite the snapshot with this run's counts")
    .option("--snapshot <file>", "the snapshot to compare with or rewrite (default: test/corpus-snapshot.json, for the default folder)")
    .action(async (folder: string, opts: CorpusOptions) => {
      if (!existsSync(folder)) throw new DocumentError(folder, "文件或文件夹不存在");
      // a snapshot describes one corpus: another folder is compared only with a snapshot named for it
      const snapshotPath = opts.snapshot ?? (resolve(folder) === DEFAULT_CORPUS ? DEFAULT_SNAPSHOT : undefined);
      if (opts.update && !snapshotPath) throw new DocumentError(folder, "默认语料以外的文件夹用 --update 时，须用 --snapshot 指定快照文件");
      const reports = await surveyFolder(folder);
      const now = snapshotOf(reports);
      const before = snapshotPath && !opts.update && existsSync(snapshotPath) ? (JSON.parse(readFileSync(snapshotPath, "utf8")) as Snapshot) : undefined;
      const comparison = before ? compareSnapshots(before, now) : undefined;
      if (opts.json) {
        process.stdout.write(JSON.stringify({ ...now, reports, comparison: comparison ?? null }, null, 2) + "\n");
      } else {
        process.stdout.write(formatSurvey(reports, now) + "\n");
      }
      if (opts.update && snapshotPath) {
        writeFileSync(snapshotPath, snapshotJson(now));
        process.stderr.write(`snapshot written: ${snapshotPath} (${now.totals.anomalies} anomalies)\n`);
      } else if (before && comparison) {
        process.stderr.write(`${formatComparison(comparison)}\n`);
        if (comparison.worse) process.exitCode = 1;
      }
    });
}
