/**
 * `luoshi ingest PATH…`: parse and store documents (files, and folders recursively), one transaction per
 * document, with a progress bar (count, rate, ETA) and a summary: stored, unchanged, failed with reasons.
 * Documents are parsed in worker threads, several at once, each within the parse limits: one that runs too long
 * or needs too much memory is listed as failed with the reason while the rest go on. The links of the documents
 * stored are recomputed by a job (a server or `luoshi worker` runs it).
 *
 * `--enqueue` stores nothing itself: each file becomes an upload job for the workers, listed with its id.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { userInfo } from "node:os";
import type { Command } from "commander";
import cliProgress from "cli-progress";
import { defaultParseThreads, ParsePool, parseLimitsFrom, type ParseLimits } from "../../jobs/parse-threads.js";
import { Jobs, jobSettingsFrom } from "../../jobs/queue.js";
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
  /** with `enqueue`: the job of each file */
  queued: Array<{ path: string; job: string }>;
}

export interface IngestOptions {
  published?: boolean;
  progress?: boolean;
  out?: (s: string) => void;
  limits?: ParseLimits;
  /** documents parsed (and stored) at once */
  threads?: number;
  /** a parser module in place of the project's (file URL; see ParsePool) */
  parser?: string;
  /** queue each file as an upload job instead of storing it here */
  enqueue?: boolean;
}

/** Who acts from the command line, in the audit log: cli:<login name>. */
export function cliActor() {
  let user = "unknown";
  try {
    user = userInfo().username;
  } catch {
    /* no passwd entry */
  }
  return { id: null, name: `cli:${user}`, role: "system" as const };
}

function problemOf(err: unknown): string {
  if (err instanceof DocumentError) return err.problem;
  const code = (err as NodeJS.ErrnoException).code;
  return code ? `无法读取（${code}）` : `未入库：${(err as Error).message.split("\n")[0]}`;
}

async function readInput(path: string): Promise<Uint8Array> {
  const st = await stat(path);
  if (!st.isFile()) throw new DocumentError(path, "不是普通文件", "unsupported");
  if (st.size > MAX_FILE_BYTES) throw new DocumentError(path, `文件过大（${st.size} 字节，上限 ${MAX_FILE_BYTES / 1024 / 1024} MB）`, "too-large");
  return new Uint8Array(await readFile(path));
}

export async function ingestPaths(paths: string[], store: StoreOptions, opts: IngestOptions = {}): Promise<IngestSummary> {
  const out = opts.out ?? ((s: string) => process.stdout.write(`${s}\n`));
  const summary: IngestSummary = { stored: 0, unchanged: 0, failed: [], queued: [] };
  const files: string[] = [];
  for (const p of paths) {
    try {
      files.push(...(await expandPaths([p])));
    } catch (err) {
      summary.failed.push({ path: p, problem: err instanceof DocumentError ? err.problem : String(err) });
    }
  }
  const db = await openStore(store);
  const threads = Math.max(1, opts.threads ?? defaultParseThreads());
  const pool = opts.enqueue ? null : new ParsePool({ limits: opts.limits ?? parseLimitsFrom(), threads, parser: opts.parser });
  let jobs: Jobs | null = null;
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
  let done = 0;
  const one = async (path: string) => {
    if (showBar) bar.update(done, { file: basename(path).slice(0, 40) });
    try {
      const bytes = await readInput(path);
      if (jobs) {
        const job = await jobs.enqueueIngest({ bytes, name: basename(path), actor, published: opts.published ?? false });
        summary.queued.push({ path, job: job.id });
      } else {
        const r = await ingestDocument(db, pool!.parse, bytes, basename(path), actor, { published: opts.published });
        if (r.status === "stored") summary.stored++;
        else summary.unchanged++;
      }
    } catch (err) {
      summary.failed.push({ path, problem: problemOf(err) });
    }
    done++;
    const secs = (Date.now() - started) / 1000;
    if (showBar) bar.update(done, { rate: secs > 0 ? (done / secs).toFixed(1) : "0.0" });
  };
  try {
    if (opts.enqueue) jobs = await Jobs.open({ db, store, settings: jobSettingsFrom() });
    // as many documents in hand as there are parse threads: each one's time limit runs from its start
    let next = 0;
    const lane = async () => {
      while (next < files.length) await one(files[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(threads, files.length) }, lane));
    if (summary.stored > 0) {
      jobs ??= await Jobs.open({ db, store, settings: jobSettingsFrom() });
      await jobs.requestLinks();
    }
  } finally {
    if (showBar) bar.stop();
    await jobs?.stop();
    await pool?.close();
    await db.close();
  }
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  summary.failed.sort(byPath);
  summary.queued.sort(byPath);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (opts.enqueue) {
    out(`${describeStore(store)}：排队 ${summary.queued.length} 件，失败 ${summary.failed.length} 件（共 ${files.length} 个文件，用时 ${secs} 秒）`);
    for (const q of summary.queued) out(`  已排队：${q.job} ${q.path}`);
  } else {
    out(`${describeStore(store)}：入库 ${summary.stored} 件，此前已入库 ${summary.unchanged} 件，失败 ${summary.failed.length} 件（共 ${files.length} 个文件，用时 ${secs} 秒）`);
  }
  for (const f of summary.failed) out(`  失败：${f.path}：${f.problem}`);
  return summary;
}

interface IngestFlags {
  data?: string;
  databaseUrl?: string;
  publish?: boolean;
  progress: boolean;
  threads?: string;
  parseTimeout?: string;
  parseMemory?: string;
  parser?: string;
  enqueue?: boolean;
  json?: boolean;
}

export function registerIngest(program: Command): void {
  program
    .command("ingest")
    .description("parse and store documents (files and folders, recursively); the same bytes are stored once")
    .argument("<paths...>", "files or folders")
    .option("--data <dir>", "PGlite data folder (default: $LUOSHI_DATA or ./luoshi-data)")
    .option("--database-url <url>", "a PostgreSQL server (default: $DATABASE_URL)")
    .option("--publish", "make the documents visible to the public at once (by default they are private until an admin publishes them)")
    .option("--no-progress", "no progress bar")
    .option("--threads <n>", "documents parsed at once, each in a thread of its own (default: one per core, at most 4)")
    .option("--parse-timeout <seconds>", "time one document may take to parse (default: $LUOSHI_PARSE_TIMEOUT_SECONDS or 60)")
    .option("--parse-memory <mb>", "heap one document's parse may use (default: $LUOSHI_PARSE_MEMORY_MB or 1024)")
    .option("--parser <module>", "a module exporting parseBytes(bytes, name) to parse with instead (testing, a reader of your own)")
    .option("--enqueue", "queue each file as an upload job for the workers (`luoshi worker`, the server) instead of storing it here")
    .option("--json", "print the summary as JSON (with --enqueue: the job id of each file)")
    .action(async (paths: string[], o: IngestFlags) => {
      const store = storeFromOptions(o);
      const threads = o.threads === undefined ? undefined : Number(o.threads);
      if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) throw new Error(`--threads 须为不小于 1 的整数，而不是“${o.threads}”`);
      const s = await ingestPaths(paths, store, {
        published: o.publish ?? false,
        progress: o.progress && !o.json ? undefined : false,
        limits: parseLimitsFrom(process.env, o),
        threads,
        parser: parserUrl(o.parser),
        enqueue: o.enqueue,
        out: o.json ? () => {} : undefined,
      });
      if (o.json) process.stdout.write(`${JSON.stringify(s)}\n`);
      if (s.failed.length) process.exitCode = 1;
    });
}

/** A parser module named on the command line, as the file URL a thread imports. */
export function parserUrl(path: string | undefined): string | undefined {
  return path === undefined ? undefined : pathToFileURL(resolve(path)).href;
}

export function storeFromOptions(o: { data?: string; databaseUrl?: string }): StoreOptions {
  if (o.databaseUrl) return storeOptionsFromEnv(process.env, o.databaseUrl);
  if (o.data) return { dataDir: o.data };
  return storeOptionsFromEnv();
}
