/**
 * `luoshi jobs [ID…]`: upload jobs and what came of them — the given ones, or the newest (`--open`: those still
 * waiting or running). `--wait` waits until the given jobs (or every open one) are over, so a script can enqueue
 * (`luoshi ingest --enqueue --json`), disturb the workers, and read the final states.
 */
import type { Command } from "commander";
import { Jobs, jobSettingsFrom } from "../../jobs/queue.js";
import type { IngestJob } from "../../model/api.js";
import { openStore } from "../../store/index.js";
import { storeFromOptions } from "./ingest.js";
import { jobLine } from "./worker.js";

interface JobsFlags {
  data?: string;
  databaseUrl?: string;
  open?: boolean;
  limit: string;
  wait?: string | true;
  json?: boolean;
}

const over = (j: IngestJob) => j.state === "done" || j.state === "failed";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerJobs(program: Command): void {
  program
    .command("jobs")
    .description("list upload jobs (the given ids, or the newest) with their state, document or reason")
    .argument("[ids...]", "job ids (as `luoshi ingest --enqueue` or the upload printed them)")
    .option("--data <dir>", "PGlite data folder (default: $LUOSHI_DATA or ./luoshi-data)")
    .option("--database-url <url>", "a PostgreSQL server (default: $DATABASE_URL)")
    .option("--open", "only jobs still waiting or running")
    .option("--limit <n>", "how many of the newest", "50")
    .option("--wait [seconds]", "wait until the jobs are over (default: up to 600 s); exit code 2 if some are not")
    .option("--json", "one JSON object: {jobs: [...]}")
    .action(async (ids: string[], o: JobsFlags) => {
      const bad = ids.find((id) => !UUID.test(id));
      if (bad) throw new Error(`${bad}: not a job id (a UUID)`);
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new Error(`--limit must be a whole number of at least 1, not ${o.limit}`);
      const waitSeconds = o.wait === undefined ? 0 : o.wait === true ? 600 : Number(o.wait);
      if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw new Error(`--wait must be a number of seconds, not ${o.wait}`);
      const store = storeFromOptions(o);
      const db = await openStore(store);
      let jobs: Jobs | null = null;
      try {
        jobs = await Jobs.open({ db, store, settings: jobSettingsFrom() });
        const read = () => (ids.length ? jobs!.ingestJobs(ids) : jobs!.listIngestJobs({ open: o.open, limit }));
        const deadline = Date.now() + waitSeconds * 1000;
        let list = await read();
        while (waitSeconds > 0 && !list.every(over) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 500));
          list = await read();
        }
        const missing = ids.filter((id) => !list.some((j) => j.id === id));
        const views = list.map(({ createdBy: _owner, ...view }) => view);
        if (o.json) process.stdout.write(`${JSON.stringify({ jobs: views, missing })}\n`);
        else {
          for (const j of views) process.stdout.write(`${jobLine(j).replace(/^luoshi: job /, "")}\n`);
          for (const id of missing) process.stdout.write(`${id}: no such job\n`);
        }
        if (missing.length) process.exitCode = 1;
        else if (waitSeconds > 0 && !list.every(over)) process.exitCode = 2;
      } finally {
        await jobs?.stop();
        await db.close();
      }
    });
}
