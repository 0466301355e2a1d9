// npm run bench:search — search latency on a large store: p50/p95/p99 for 1, 4 and 10 concurrent clients over the
// mixed query set of the relevance set (test/search-relevance.json) plus filtered queries, on PostgreSQL with
// 1,000,000 measures and on PGlite (the embedded default) with 100,000, and the slowest query by name.
//
// The store is the development corpus (../shared/corpus) ingested once and copied round-robin (bench/copy-store.mjs);
// its indexes are dropped during the copy and built after it, the search index last. A built store is kept and reused
// by the next run (PostgreSQL: schema bench_search_<n>; PGlite: bench-data/search-pglite-<n>); --rebuild builds anew.
//
// Settings: BENCH_DATABASE_URL (else LUOSHI_TEST_DATABASE_URL; none: PostgreSQL skipped), BENCH_PG_MEASURES
// (1000000), BENCH_PGLITE_MEASURES (100000), BENCH_SECONDS per client count (10), BENCH_DATA (bench-data),
// BENCH_ENGINES (postgres,pglite), BENCH_CORPUS (../shared/corpus). Loopback only; every loop is bounded in time.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { DEFAULT_CORPUS } from "../dist/cli/commands/corpus.js";
import { openStore } from "../dist/store/index.js";
import { mergePendingMeasures, rebuildSearchIndex } from "../dist/store/search-index.js";
import { search } from "../dist/track/search.js";
import { copyUntil, ingestFolder } from "./copy-store.mjs";

const CORPUS = process.env.BENCH_CORPUS ?? DEFAULT_CORPUS;
const REBUILD = process.argv.includes("--rebuild");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.LUOSHI_TEST_DATABASE_URL;
const DATA = resolve(process.env.BENCH_DATA ?? "bench-data");
const ENGINES = (process.env.BENCH_ENGINES ?? "postgres,pglite").split(",");
const SIZES = { postgres: Number(process.env.BENCH_PG_MEASURES ?? 1_000_000), pglite: Number(process.env.BENCH_PGLITE_MEASURES ?? 100_000) };
const CLIENTS = [1, 4, 10];
const log = (s) => process.stderr.write(`bench: ${s}\n`);

function storeOptions(engine, measures) {
  return engine === "postgres" ? { databaseUrl: PG_URL, schema: `bench_search_${measures}` } : { dataDir: `${DATA}/search-pglite-${measures}` };
}

async function built(db, measures) {
  const r = await db.query(`select to_regclass('bench_build') is not null as present`);
  if (!r.rows[0].present) return false;
  return (await db.query(`select measures from bench_build`)).rows[0]?.measures >= measures;
}

/** The store's secondary indexes, dropped before a bulk copy and made again after it (what a restore does). */
async function dropIndexes(db) {
  const { rows } = await db.query(
    `select i.indexname as name, i.indexdef as def from pg_indexes i
     where i.schemaname = current_schema() and i.tablename in ('measure', 'target', 'task')
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  );
  for (const r of rows) await db.exec(`drop index ${r.name}`);
  return rows.map((r) => r.def);
}

async function openBuilt(engine) {
  const measures = SIZES[engine];
  const opts = storeOptions(engine, measures);
  if (REBUILD) {
    if (engine === "pglite") rmSync(opts.dataDir, { recursive: true, force: true });
    else {
      const db = await openStore({ databaseUrl: PG_URL });
      await db.exec(`drop schema if exists ${opts.schema} cascade`);
      await db.close();
    }
  }
  if (engine === "pglite") mkdirSync(opts.dataDir, { recursive: true });
  const t0 = Date.now();
  const db = await openStore(opts);
  if (await built(db, measures)) {
    log(`${engine}: reusing the store of ${measures} measures (opened in ${((Date.now() - t0) / 1000).toFixed(0)} s; --rebuild to build anew)`);
    // a store built by an older version is upgraded on opening: its measures wait to be merged into the statistics
    const t1 = Date.now();
    const merged = await mergePendingMeasures(db, 20000);
    if (merged) {
      await db.exec("vacuum analyze");
      log(`${engine}: merged ${merged} pending measures into the search statistics in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
    }
    return db;
  }
  log(`${engine}: building ${measures} measures from ${CORPUS}…`);
  await ingestFolder(db, new URL(`file://${CORPUS}/`));
  const indexes = await dropIndexes(db);
  let last = 0;
  await copyUntil(db, measures, (done, copies) => {
    if (Date.now() - last > 30_000) {
      last = Date.now();
      log(`${engine}: copied ${done} of ${copies} documents (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
  });
  const t1 = Date.now();
  for (const def of indexes) await db.exec(def);
  const t2 = Date.now();
  await rebuildSearchIndex(db);
  const t3 = Date.now();
  await db.exec("vacuum analyze");
  await db.exec(`create table bench_build (measures integer not null, built_at timestamptz not null default now())`);
  await db.query(`insert into bench_build (measures) values ($1)`, [(await db.query(`select count(*)::int as n from measure`)).rows[0].n]);
  log(
    `${engine}: built in ${((Date.now() - t0) / 1000).toFixed(0)} s (copy ${((t1 - t0) / 1000).toFixed(0)} s, indexes ${((t2 - t1) / 1000).toFixed(0)} s, ` +
      `search index ${((t3 - t2) / 1000).toFixed(0)} s, vacuum analyze ${((Date.now() - t3) / 1000).toFixed(0)} s)`,
  );
  return db;
}

/** The relevance set's queries, and the same topics with each filter the API offers. */
async function mixedQueries(db) {
  const set = JSON.parse(readFileSync(new URL("../test/search-relevance.json", import.meta.url), "utf8"));
  const list = set.queries.map((q) => ({ name: q.q, filter: { q: q.q } }));
  const body = (await db.query(`select body_id as id from task group by body_id order by count(*) desc limit 1`)).rows[0]?.id;
  const doc = (await db.query(`select id from document where sha256 not like 'bench-%' order by id limit 1`)).rows[0]?.id;
  const region = (await db.query(`select region from document where region is not null group by region order by count(*) desc limit 1`)).rows[0]?.region;
  list.push({ name: "建设 kind=incentive", filter: { q: "建设", kind: "incentive" } });
  list.push({ name: "电网 year=2020", filter: { q: "电网", year: 2020 } });
  if (body) list.push({ name: `工作 body=${body}`, filter: { q: "工作", bodyId: body } });
  if (doc) list.push({ name: `加强 document=${doc}`, filter: { q: "加强", documentId: doc } });
  if (region) list.push({ name: `安全 region=${region}`, filter: { q: "安全", region } });
  list.push({ name: "网络 page 3", filter: { q: "网络", offset: 40 } });
  return list;
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runClients(db, queries, clients) {
  const all = [];
  const byQuery = new Map();
  const until = Date.now() + SECONDS * 1000;
  let errors = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c * 7; Date.now() < until; i++) {
        const q = queries[i % queries.length];
        const t = performance.now();
        try {
          await search(db, { publishedOnly: false, limit: 20, offset: 0, ...q.filter });
        } catch (err) {
          errors++;
          if (errors === 1) log(`error on ${q.name}: ${err.message}`);
        }
        const ms = performance.now() - t;
        all.push(ms);
        if (!byQuery.has(q.name)) byQuery.set(q.name, []);
        byQuery.get(q.name).push(ms);
      }
    }),
  );
  all.sort((a, b) => a - b);
  let worst = { name: "", ms: 0 };
  for (const [name, l] of byQuery) {
    const m = l.sort((a, b) => a - b)[Math.floor(l.length / 2)];
    if (m > worst.ms) worst = { name, ms: m };
  }
  return { clients, n: all.length, p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99), worst, errors };
}

const results = [];
for (const engine of ENGINES) {
  if (engine === "postgres" && !PG_URL) {
    log("postgres skipped: set BENCH_DATABASE_URL (or LUOSHI_TEST_DATABASE_URL)");
    continue;
  }
  const db = await openBuilt(engine);
  try {
    const queries = await mixedQueries(db);
    const measures = (await db.query(`select count(*)::int as n from measure`)).rows[0].n;
    // one pass first, so that every run measures a warm cache
    for (const q of queries) await search(db, { publishedOnly: false, limit: 20, offset: 0, ...q.filter });
    for (const clients of CLIENTS) {
      log(`${engine}: ${clients} client(s), ${SECONDS} s`);
      results.push({ engine, measures, queries: queries.length, ...(await runClients(db, queries, clients)) });
    }
  } finally {
    await db.close();
  }
}

const fmt = (n) => (Number.isFinite(n) ? n.toFixed(1) : "–");
console.log(`\nsearch bench: ${SECONDS} s per row, mixed query set, load average ${(await import("node:os")).loadavg()[0].toFixed(1)} on ${(await import("node:os")).cpus().length} cores`);
console.log(`${"engine".padEnd(10)}${"measures".padStart(10)}${"clients".padStart(9)}${"queries".padStart(9)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"p99 ms".padStart(9)}  slowest query (median ms)`);
for (const r of results) {
  console.log(
    `${r.engine.padEnd(10)}${String(r.measures).padStart(10)}${String(r.clients).padStart(9)}${String(r.n).padStart(9)}${fmt(r.p50).padStart(9)}${fmt(r.p95).padStart(9)}${fmt(r.p99).padStart(9)}  ${r.worst.name} (${fmt(r.worst.ms)})${r.errors ? `  ${r.errors} errors` : ""}`,
  );
}
const pg10 = results.find((r) => r.engine === "postgres" && r.clients === 10);
if (pg10) console.log(`aim: p95 under 50 ms with 10 clients on PostgreSQL: ${pg10.p95 < 50 ? "met" : "NOT met"} (${fmt(pg10.p95)} ms)`);
