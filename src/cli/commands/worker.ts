/**
 * `luoshi worker`: runs upload and links jobs from the queue until stopped. Any number of these may run, on any
 * machines, against one PostgreSQL server; each parses in threads within the parse limits. Stopped with SIGINT
 * or SIGTERM, it lets the jobs in hand finish (for up to `--grace` seconds) and hands back the rest; killed
 * outright, its jobs go to another worker once its heartbeat is missed (LUOSHI_JOB_HEARTBEAT_SECONDS).
 */
import type { Command } from "commander";
import { ParsePool, parseLimitsFrom } from "../../jobs/parse-threads.js";
import { DEFAULT_WORKERS, Jobs, jobSettingsFrom, workerCount } from "../../jobs/queue.js";
import type { IngestJob } from "../../model/api.js";
import { describeStore, openStore } from "../../store/index.js";
import { parserUrl, storeFromOptions } from "./ingest.js";

interface WorkerFlags {
  data?: string;
  databaseUrl?: string;
  concurrency?: string;
  parseTimeout?: string;
  parseMemory?: string;
  parser?: string;
  grace: string;
}

/** One line per finished job, for a log. */
export function jobLine(job: IngestJob): string {
  const what =
    job.state === "done" && job.result
      ? `${job.result.status} document ${job.result.documentId}`
      : job.state === "failed"
        ? `failed (${job.error}): ${job.message}`
        : job.progress;
  return `luoshi: job ${job.id} ${job.source}: ${what}${job.attempts > 1 ? ` (attempt ${job.attempts})` : ""}`;
}

export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description("run upload and links jobs from the queue until stopped (several may run against one PostgreSQL server)")
    .option("--data <dir>", "PGlite data folder (default: $LUOSHI_DATA or ./luoshi-data); only while no server uses it")
    .option("--database-url <url>", "a PostgreSQL server (default: $DATABASE_URL)")
    .option("--concurrency <n>", "upload jobs run at once (default: $LUOSHI_WORKERS or 2)")
    .option("--parse-timeout <seconds>", "time one document may take to parse (default: $LUOSHI_PARSE_TIMEOUT_SECONDS or 60)")
    .option("--parse-memory <mb>", "heap one document's parse may use (default: $LUOSHI_PARSE_MEMORY_MB or 1024)")
    .option("--parser <module>", "a module exporting parseBytes(bytes, name) to parse with instead (testing, a reader of your own)")
    .option("--grace <seconds>", "on SIGINT/SIGTERM, how long jobs in hand may take to finish", "30")
    .action(async (o: WorkerFlags) => {
      const concurrency = workerCount(o.concurrency, "--concurrency") ?? workerCount(process.env.LUOSHI_WORKERS, "LUOSHI_WORKERS") ?? DEFAULT_WORKERS;
      if (concurrency < 1) throw new Error("--concurrency must be at least 1");
      const grace = Number(o.grace);
      if (!Number.isFinite(grace) || grace < 0) throw new Error(`--grace must be a number of seconds, not ${o.grace}`);
      const store = storeFromOptions(o);
      const log = (line: string) => process.stdout.write(`${line}\n`);
      const db = await openStore({ ...store, log });
      const pool = new ParsePool({ limits: parseLimitsFrom(process.env, o), threads: concurrency, parser: parserUrl(o.parser) });
      let jobs: Jobs | null = null;
      try {
        jobs = await Jobs.open({ db, store, settings: jobSettingsFrom(), log });
        await jobs.work({ concurrency, parse: pool.parse, onJob: (job) => log(jobLine(job)) });
        log(`luoshi: worker ${process.pid} on ${describeStore(store)}: ${concurrency} job(s) at once; parse limits ${pool.limits.timeoutSeconds} s, ${pool.limits.memoryMb} MB`);
        await new Promise<void>((stop) => {
          process.once("SIGINT", () => stop());
          process.once("SIGTERM", () => stop());
        });
        log(`luoshi: worker ${process.pid} stopping`);
      } finally {
        await jobs?.stop(grace);
        await pool.close();
        await db.close();
      }
    });
}
