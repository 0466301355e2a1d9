// npm run bench:api — requests/s and p95 latency of task listing and search with 100,000 measures loaded,
// on PGlite and on PostgreSQL, side by side. Loopback only, bounded in time: each endpoint runs BENCH_SECONDS
// (default 10) with BENCH_CONNECTIONS (default 10) connections. PostgreSQL: BENCH_DATABASE_URL, else
// LUOSHI_TEST_DATABASE_URL, else DATABASE_URL (a scratch schema is made and dropped); none: skipped.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import pg from "pg";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const MEASURES = Number(process.env.BENCH_MEASURES ?? 100_000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.LUOSHI_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const LOAD_TIMEOUT_MS = 15 * 60_000;
const QUERIES = ["5G基站", "智慧医疗", "信息消费", "网", "工业互联网", "光纤宽带", "数字政府", "人工智能", "粤工信信软〔2020〕37号"];

function startChild(engine, schema) {
  const child = spawn(process.execPath, [new URL("./api-server.mjs", import.meta.url).pathname, engine, String(MEASURES), schema ?? ""], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, BENCH_DATABASE_URL: PG_URL ?? "" },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${engine}: loading took longer than ${LOAD_TIMEOUT_MS / 60000} minutes`));
    }, LOAD_TIMEOUT_MS);
    createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      resolve({ child, info: JSON.parse(line) });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${engine}: bench server exited (${code})`));
    });
  });
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run(name, port, token, paths) {
  const latencies = [];
  let i = 0;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  const r = await instance;
  latencies.sort((a, b) => a - b);
  const ok = r["2xx"];
  const bad = r.non2xx + r.errors + r.timeouts;
  return { name, rps: ok / SECONDS, p50: percentile(latencies, 50), p95: percentile(latencies, 95), requests: ok, bad };
}

async function benchEngine(engine) {
  const schema = engine === "postgres" ? `bench_${process.pid}` : undefined;
  process.stderr.write(`bench: loading ${MEASURES} measures into ${engine}…\n`);
  const { child, info } = await startChild(engine, schema);
  try {
    process.stderr.write(`bench: ${engine}: ${info.measures} measures, ${info.tasks} tasks loaded in ${info.loadSeconds.toFixed(0)} s; ${SECONDS} s per endpoint\n`);
    const taskPaths = [];
    for (let p = 1; p <= 40; p++) taskPaths.push(`/api/tasks?page=${p}&pageSize=50`);
    for (const b of info.bodies) taskPaths.push(`/api/tasks?body=${b}&pageSize=50`);
    const searchPaths = QUERIES.map((q) => `/api/search?q=${encodeURIComponent(q)}&pageSize=20`);
    const tasks = await run("tasks", info.port, info.token, taskPaths);
    const search = await run("search", info.port, info.token, searchPaths);
    return { engine, measures: info.measures, tasks, search };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    if (schema && PG_URL) {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    }
  }
}

const results = [await benchEngine("pglite")];
if (PG_URL) results.push(await benchEngine("postgres"));
else process.stderr.write("bench: postgres skipped: set BENCH_DATABASE_URL (or LUOSHI_TEST_DATABASE_URL / DATABASE_URL)\n");

const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "–");
const col = (s, w) => String(s).padStart(w);
console.log(`\nAPI bench: ${MEASURES} measures, ${CONNECTIONS} connections, ${SECONDS} s per endpoint, 127.0.0.1`);
console.log(`${"endpoint".padEnd(10)}${results.map((r) => col(`${r.engine} req/s`, 16) + col(`p50 ms`, 9) + col(`p95 ms`, 9)).join("")}`);
for (const ep of ["tasks", "search"]) {
  console.log(`${ep.padEnd(10)}${results.map((r) => col(fmt(r[ep].rps), 16) + col(fmt(r[ep].p50), 9) + col(fmt(r[ep].p95), 9)).join("")}`);
}
const failures = results.flatMap((r) => ["tasks", "search"].filter((ep) => r[ep].bad > 0).map((ep) => `${r.engine} ${ep}: ${r[ep].bad} failed requests`));
for (const f of failures) console.log(`warning: ${f}`);
const pgSearch = results.find((r) => r.engine === "postgres")?.search;
if (pgSearch) console.log(`aim: search p95 under 50 ms on PostgreSQL: ${pgSearch.p95 < 50 ? "met" : "NOT met"} (${fmt(pgSearch.p95)} ms)`);
