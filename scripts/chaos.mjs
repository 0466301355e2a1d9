// `npm run chaos [-- --quick] [-- --seed N] [-- --only NAME,…]`: failure experiments on a private PostgreSQL
// cluster (a temporary folder, a free port of 127.0.0.1; never the shared server), one line per experiment
// with its figures:
//   ingest     kill -9 of `luoshi ingest` mid-run ×30            half documents 0, duplicates 0
//   worker     kill -9 of `luoshi worker` mid-job ×30            half documents 0, duplicates 0, jobs lost 0
//   restart    PostgreSQL restarted twice under 8 writers         server deaths 0, acknowledged writes lost 0
//   uploads    20 concurrent uploads naming the same new bodies   500s 0
//   passwords  500 concurrent wrong passwords                     guesses evaluated ≤ the limit
// --quick runs each with fewer repetitions (CI runs it: test/chaos.test.ts). Exits 1 when an experiment
// violated its invariant, 2 when the experiments could not run. Needs `npm run build` (npm run chaos does it)
// and PostgreSQL's server binaries (initdb, pg_ctl: Debian's postgresql package; PG_BIN to choose).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Cluster, findPgBin } from "./chaos/cluster.mjs";
import { ingestKill } from "./chaos/ingest-kill.mjs";
import { ADMIN_PASSWORD, killChildren, login, startServer } from "./chaos/luoshi.mjs";
import { pgRestart } from "./chaos/pg-restart.mjs";
import { concurrentUploads } from "./chaos/uploads.mjs";
import { wrongPasswords } from "./chaos/passwords.mjs";
import { workerKill } from "./chaos/worker-kill.mjs";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const seed = Number(args[args.indexOf("--seed") + 1]) || Date.now() % 1_000_000;
const only = args.includes("--only") ? new Set(args[args.indexOf("--only") + 1].split(",")) : null;
const runId = seed.toString(36);
const plan = quick
  ? { ingestRuns: 6, workerRuns: 6, restartSeconds: 12, uploadRounds: 1 }
  : { ingestRuns: 30, workerRuns: 30, restartSeconds: 30, uploadRounds: 3 };

/** deterministic for a seed (mulberry32), so that a run can be repeated */
function rng(s) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(seed);

const bin = findPgBin();
if (!bin) {
  console.log("chaos: skipped: no PostgreSQL server binaries (initdb) found; apt-get install postgresql, or set PG_BIN");
  process.exit(2);
}
const cluster = new Cluster(bin);
const work = mkdtempSync(join(tmpdir(), "luoshi-chaos-"));
// however the run ends, the children it started and the private cluster go with it
process.on("exit", () => {
  killChildren();
  cluster.stop();
  rmSync(work, { recursive: true, force: true });
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(130));

const results = [];
async function experiment(name, fn) {
  if (only && !only.has(name)) return;
  const t0 = Date.now();
  let r;
  try {
    r = await fn();
  } catch (err) {
    r = { violated: true, line: `${name}: could not run: ${err.message}` };
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(0);
  console.log(r.skipped ? `${name}: skipped: ${r.skipped}` : `${r.line} [${r.violated ? "VIOLATED" : "ok"}, ${secs} s]`);
  results.push(r);
}

try {
  await cluster.start();
} catch (err) {
  console.log(`chaos: could not start a private PostgreSQL cluster: ${err.message}`);
  process.exit(2);
}
console.log(`chaos: PostgreSQL ${cluster.version()} in ${cluster.data} on 127.0.0.1:${cluster.port}; seed ${seed}${quick ? "; quick" : ""}`);

await experiment("ingest", () => ingestKill({ cluster, work, runs: plan.ingestRuns, random }));
await experiment("worker", () => workerKill({ cluster, work, runs: plan.workerRuns, random, quick }));

// one server over one database for the API experiments; the examples give the writers tasks to report on
if (!only || ["restart", "uploads", "passwords"].some((n) => only.has(n))) {
  const db = "api_chaos";
  let server;
  try {
    server = await startServer(await cluster.createDb(db), { LUOSHI_SEED: "1" });
    const token = await login(server.base, "admin", ADMIN_PASSWORD);
    const ctx = { cluster, server, db, token, random, runId };
    await experiment("uploads", () => concurrentUploads({ ...ctx, rounds: plan.uploadRounds }));
    await experiment("restart", () => pgRestart({ ...ctx, seconds: plan.restartSeconds }));
    await experiment("passwords", () => wrongPasswords(ctx));
  } catch (err) {
    console.log(`api experiments: could not run: ${err.message} [VIOLATED]`);
    results.push({ violated: true });
  } finally {
    await server?.stop();
  }
}

const violated = results.filter((r) => r.violated).length;
const ran = results.filter((r) => !r.skipped).length;
console.log(`chaos: ${ran} experiments run, ${violated} violated, ${results.length - ran} skipped`);
process.exit(violated ? 1 : 0);
