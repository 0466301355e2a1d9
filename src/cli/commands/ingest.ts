/**
 * `luoshi ingest PATH…`: parse and store documents (files, and folders recursively), one transaction per
 * document, with a progress bar (count, rate, ETA) and a summary: stored, unchanged, failed with reasons.
 */
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { userInfo } from "node:os";
import type { Command } from "commander";
import cliProgress from "cli-progress";
import { parseBytes } from "../../parse/index.js";
import { describeStore, openStore, storeOptionsFromEnv, type StoreOptions } from "../../store/index.js";
import { DocumentError } from "../../text/errors.js";
import { ingestDocument } from "../../track/ingest.js";
import { expandPaths } from "./parse.js";

/** Files larger than this are refused before they are read. */
const MAX_FILE_BYTES = 100 * 1024 * 1024;

export interface IngestSummary {
  stored: number;
  unchanged: number;
  failed: Array<{ path: string; problem: string }>;
}

function cliActor() {
  let user = "unknown";
  try {
    user = userInfo().username;
  } catch {
    /* no passwd entry */
  }
  return { id: null, name: `cli:${user}`, role: "system" as const };
}

export async function ingestPaths(
  paths: string[],
  store: StoreOptions,
  opts: { published?: boolean; progress?: boolean; out?: (s: string) => void } = {},
): Promise<IngestSummary> {
  const out = opts.out ?? ((s: string) => process.stdout.write(`${s}\n`));
  const summary: IngestSummary = { stored: 0, unchanged: 0, failed: [] };
  const files: string[] = [];
  for (const p of paths) {
    try {
      files.push(...(await expandPaths([p])));
    } catch (err) {
      summary.failed.push({ path: p, problem: err instanceof DocumentError ? err.problem : String(err) });
    }
  }
  const db = await openStore(store);
  const showBar = opts.progress ?? process.stderr.isTTY;
  const bar = new cliProgress.SingleBar(
    {
      format: "ingest [{bar}] {value}/{total} | {rate} docs/s | ETA {eta_formatted} | {file}",
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 20,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  if (showBar) bar.start(files.length, 0, { rate: "0.0", file: "" });
  const actor = cliActor();
  try {
    for (const [i, path] of files.entries()) {
      if (showBar) bar.update(i, { file: basename(path).slice(0, 40) });
      try {
        const st = await stat(path);
        if (!st.isFile()) throw new DocumentError(path, "not a regular file", "unsupported");
        if (st.size > MAX_FILE_BYTES) throw new DocumentError(path, `too large (${st.size} bytes)`, "too-large");
        const bytes = new Uint8Array(await readFile(path));
        const r = await ingestDocument(db, parseBytes, bytes, basename(path), actor, { published: opts.published });
        if (r.status === "stored") summary.stored++;
        else summary.unchanged++;
      } catch (err) {
        const problem =
          err instanceof DocumentError
            ? err.problem
            : (err as NodeJS.ErrnoException).code
              ? `cannot read (${(err as NodeJS.ErrnoException).code})`
              : `not stored: ${(err as Error).message.split("\n")[0]}`;
        summary.failed.push({ path, problem });
      }
      const secs = (Date.now() - started) / 1000;
      if (showBar) bar.update(i + 1, { rate: secs > 0 ? ((i + 1) / secs).toFixed(1) : "0.0" });
    }
  } finally {
    if (showBar) bar.stop();
    await db.close();
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  out(`${describeStore(store)}: stored ${summary.stored}, unchanged ${summary.unchanged}, failed ${summary.failed.length} (${files.length} files in ${secs} s)`);
  for (const f of summary.failed) out(`  failed: ${f.path}: ${f.problem}`);
  return summary;
}

export function registerIngest(program: Command): void {
  program
    .command("ingest")
    .description("parse and store documents (files and folders, recursively); the same bytes are stored once")
    .argument("<paths...>", "files or folders")
    .option("--data <dir>", "PGlite data folder (default: $LUOSHI_DATA or ./luoshi-data)")
    .option("--database-url <url>", "a PostgreSQL server (default: $DATABASE_URL)")
    .option("--unpublished", "store the documents as not visible to the public")
    .option("--no-progress", "no progress bar")
    .action(async (paths: string[], o: { data?: string; databaseUrl?: string; unpublished?: boolean; progress: boolean }) => {
      const store = storeFromOptions(o);
      const s = await ingestPaths(paths, store, { published: !o.unpublished, progress: o.progress ? undefined : false });
      if (s.failed.length) process.exitCode = 1;
    });
}

export function storeFromOptions(o: { data?: string; databaseUrl?: string }): StoreOptions {
  if (o.databaseUrl) return { databaseUrl: o.databaseUrl };
  if (o.data) return { dataDir: o.data };
  return storeOptionsFromEnv();
}
