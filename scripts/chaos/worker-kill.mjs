// kill -9 of a `luoshi worker` in the middle of upload jobs, `runs` times: every job still ends done (jobs lost
// 0), with its document stored whole (half documents 0) and once (duplicates 0). Uploads are queued by a server
// that parses none itself (LUOSHI_WORKERS=0), answered 202 with a job that GET /api/jobs/{id} reports.
// Runs where the command has a `worker` subcommand; says "skipped" otherwise.
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { compare, holdings, writeSeedVariants } from "./documents.mjs";
import { ADMIN_PASSWORD, BIN, call, hasCommand, ingest, login, sleep, start, startServer } from "./luoshi.mjs";

/** new uploads in each run, so that every kill finds work */
const PER_RUN = 2;

export async function workerKill({ cluster, work, runs, random, quick }) {
  if (!hasCommand("worker")) return { skipped: "no worker command" };
  const paths = writeSeedVariants(join(work, "worker-docs"), runs * PER_RUN, "worker");
  const refUrl = await cluster.createDb("worker_ref");
  const t0 = Date.now();
  await ingest(refUrl, paths.slice(0, 5)).exited;
  // how long a worker needs for a job, roughly: the reference ingest's time per document
  const perDocMs = (Date.now() - t0) / 5;
  await ingest(refUrl, paths.slice(5)).exited;
  const reference = await holdings(cluster, "worker_ref");

  const url = await cluster.createDb("worker_chaos");
  const server = await startServer(url, { LUOSHI_WORKERS: "0" });
  const worker = () => start([BIN, "worker", "--database-url", url]);
  try {
    const token = await login(server.base, "admin", ADMIN_PASSWORD);
    const jobs = [];
    let refused = 0;
    let midJob = 0;
    for (let i = 0; i < runs; i++) {
      for (const path of paths.slice(i * PER_RUN, (i + 1) * PER_RUN)) {
        const form = new FormData();
        form.append("file", new Blob([readFileSync(path)], { type: "text/plain" }), path.split("/").pop());
        const r = await call(server.base, "POST", "/api/documents", { token, form });
        if (r.status === 202) jobs.push(r.body.id);
        else refused++;
      }
      // the kill falls once the worker has taken up a job, a random part of a job's time later
      const w = worker();
      const batch = jobs.slice(-PER_RUN);
      const startBy = Date.now() + 60_000;
      while (Date.now() < startBy && w.proc.exitCode === null) {
        const states = await Promise.all(batch.map((id) => call(server.base, "GET", `/api/jobs/${id}`, { token })));
        if (states.some((r) => r.body?.state === "running" || r.body?.state === "done")) break;
        await sleep(50);
      }
      await sleep(random() * perDocMs);
      const running = await Promise.all(batch.map((id) => call(server.base, "GET", `/api/jobs/${id}`, { token })));
      if (running.some((r) => r.body?.state === "running")) midJob++;
      w.proc.kill("SIGKILL");
      await w.exited;
    }
    // one worker left running until every job is over (or the deadline)
    const last = worker();
    const deadline = Date.now() + (quick ? 120_000 : 300_000);
    let open = jobs;
    let states = {};
    while (open.length && Date.now() < deadline) {
      states = {};
      const next = [];
      for (const id of open) {
        const r = await call(server.base, "GET", `/api/jobs/${id}`, { token });
        const state = r.status === 200 ? r.body.state : `http ${r.status}`;
        if (state !== "done") next.push(id);
        states[state] = (states[state] ?? 0) + 1;
      }
      open = next;
      if (open.length && Object.keys(states).every((s) => s === "failed")) break;
      if (open.length) await sleep(1000);
    }
    last.proc.kill("SIGTERM");
    await last.exited;
    const c = compare(await holdings(cluster, "worker_chaos"), reference);
    const lost = open.length + refused;
    return {
      violated: lost > 0 || c.half > 0 || c.duplicates > 0,
      line:
        `worker kill -9 ×${runs}: half documents ${c.half}, duplicates ${c.duplicates}, jobs lost ${lost} ` +
        `(${jobs.length} jobs, ${midJob} kills while a job was running, ${c.whole} documents whole${lost ? `; not done: ${JSON.stringify(states)}, uploads not queued: ${refused}` : ""})`,
    };
  } finally {
    await server.stop();
  }
}
