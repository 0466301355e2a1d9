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
import { prepareIngest } from "../../track/ingest.js";
import { ingestPipelined } from "../../track/ingest-pipeline.js";
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

async function readFileChecked(path: string): Promise<Uint8Array> {
  const st = await stat(path);
  if (!st.isFile()) throw new DocumentError(path, "not a regular file", "unsupported");
  if (st.size > MAX_FILE_BYTES) throw new DocumentError(path, `too large (${st.size} bytes)`, "too-large");
  return new Uint8Array(await readFile(path));
}

function problemOf(err: unknown): string {
  if (err instanceof DocumentError) return err.problem;
  const code = (err as NodeJS.ErrnoException).code;
  return code ? `cannot read (${code})` : `not stored: ${(err as Error).message.split("\n")[0]}`;
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
  if (showBar) bar.start(files.length, 0, { rate: "0.0", file: basename(files[0] ?? "").slice(0, 40) });
  const actor = cliActor();
  // a file is read and parsed while the one before it is being stored
  const sources = files.map((path) => ({ path, name: basename(path), read: () => readFileChecked(path) }));
  const prepare = (bytes: Uint8Array, name: string) => prepareIngest(parseBytes, bytes, name);
  let done = 0;
  try {
    for await (const { source, result, error } of ingestPipelined(db, sources, { actor, published: opts.published, prepare })) {
      if (result?.status === "stored") summary.stored++;
      else if (result) summary.unchanged++;
      else summary.failed.push({ path: source.path, problem: problemOf(error) });
      done++;
      const secs = (Date.now() - started) / 1000;
      if (showBar) bar.update(done, { rate: secs > 0 ? (done / secs).toFixed(1) : "0.0", file: basename(files[done] ?? "").slice(0, 40) });
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
