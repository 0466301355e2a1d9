// npm run bench:ingest — documents/s that ingest stores, on PostgreSQL with 1, 2 and 4 workers and on PGlite (the
// embedded default), against parsing alone (bytes → ParsedFile on one thread) measured in the same run. A worker is
// one pipeline: a worker thread parsing and preparing documents, and one connection storing them (PGlite has one
// connection: its worker only parses). "in turn" is ingestDocument in a loop, as `luoshi ingest` ran before: parse a
// document, then store it; "overlapped" is `luoshi ingest` now: the next document parsed on the same thread while
// one is stored.
//
// Documents: examples/seeds and the development corpus (../shared/corpus, or BENCH_CORPUS), over and over. Ingest
// stores the same bytes once, so every copy after the first gets an ending the parser ignores: an HTML comment
// after a page, a line of spaces and tabs (the copy number in binary) after a text; the run checks that a copy
// parses to the same structure. Each way of ingesting stores into a store of its own, fresh at the start: a schema
// (PostgreSQL: BENCH_DATABASE_URL, else LUOSHI_TEST_DATABASE_URL, else DATABASE_URL; none: skipped) or a temporary
// folder (PGlite). On a machine shared with others the load changes from minute to minute, so the runs take turns:
// BENCH_ROUNDS (default 3) rounds in which every run, parsing alone included, has BENCH_SECONDS (default 2) of wall
// time, then finishes the documents in flight; each figure sums its run's turns.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import pg from "pg";
import { parseBytes } from "../dist/parse/index.js";
import { openStore } from "../dist/store/index.js";
import { SYSTEM } from "../dist/track/audit.js";
import { ingestDocument, prepareIngest } from "../dist/track/ingest.js";
import { ingestPipelined } from "../dist/track/ingest-pipeline.js";

const here = dirname(fileURLToPath(import.meta.url));
const corpus = process.env.BENCH_CORPUS ?? join(here, "..", "..", "shared", "corpus");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.LUOSHI_TEST_DATABASE_URL ?? process.env.DATABASE_URL;

const load = (dir) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => /\.(txt|html?)$/.test(f)).sort().map((f) => ({ name: f, bytes: readFileSync(join(dir, f)) })) : [];
const docs = [...load(join(here, "..", "examples", "seeds")), ...load(corpus)];

/** The bytes of copy `k` of a document: distinct for every k, parsed alike. */
function copyOf(doc, k) {
  if (k === 0) return new Uint8Array(doc.bytes);
  const ending = /\.html?$/.test(doc.name) ? `\n<!-- ${k} -->\n` : `\n${k.toString(2).replace(/0/g, " ").replace(/1/g, "\t")}\n`;
  return new Uint8Array(Buffer.concat([doc.bytes, Buffer.from(ending)]));
}

/** Copies of the documents, one after the other, each run going on where its last turn stopped. */
function copies() {
  let k = 0;
  let i = 0;
  return {
    /** the next copies until `deadline` */
    *until(deadline) {
      while (performance.now() < deadline) {
        const bytes = copyOf(docs[i], k);
        yield { name: docs[i].name, read: async () => bytes };
        if (++i === docs.length) [i, k] = [0, k + 1];
      }
    },
  };
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Worker threads that prepare documents; each is given the next one when it has the fewest in hand. */
function workerPool(n) {
  const workers = Array.from({ length: n }, () => ({ thread: new Worker(new URL("./ingest-worker.mjs", import.meta.url)), pending: new Map() }));
  let next = 0;
  for (const w of workers) {
    w.thread.on("message", ({ id, prepared, error }) => {
      const p = w.pending.get(id);
      w.pending.delete(id);
      if (error) p.reject(new Error(error));
      else p.resolve(prepared);
    });
  }
  const send = (w, bytes, name) =>
    new Promise((resolve, reject) => {
      const id = next++;
      w.pending.set(id, { resolve, reject });
      w.thread.postMessage({ id, bytes, name });
    });
  return {
    prepare: (bytes, name) => send(workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a)), bytes, name),
    /** every thread parses every document once before the clock starts, as the main thread did */
    warm: () => Promise.all(workers.map(async (w) => {
      for (const d of docs) await send(w, copyOf(d, 0), d.name);
    })),
    close: () => Promise.all(workers.map((w) => w.thread.terminate())),
  };
}

// The CPU time of a store's PostgreSQL backends, read from /proc when the server runs on this machine (else null):
// PostgreSQL's share of the work is most of storing a document.
function procCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in ticks of 1/100 s (USER_HZ)
  } catch {
    return null;
  }
}

let stores = 0;
async function postgresStore() {
  const name = `bench_ingest_${process.pid}_${stores++}`;
  const db = await openStore({ databaseUrl: PG_URL, schema: name, applicationName: name });
  return {
    db,
    async serverCpuMs() {
      const r = await db.query(`select pid from pg_stat_activity where application_name = $1`, [name]);
      const each = r.rows.map((row) => [row.pid, procCpuMs(row.pid)]);
      return each.some(([, ms]) => ms === null) ? null : new Map(each);
    },
    async close() {
      await db.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${name} cascade`);
      await c.end();
    },
  };
}

async function pgliteStore() {
  const dir = mkdtempSync(join(tmpdir(), "luoshi-bench-ingest-"));
  const db = await openStore({ dataDir: dir });
  return {
    db,
    serverCpuMs: async () => null,
    async close() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Ingest as before the pipeline: parse a document, then store it. */
async function inTurn(db, sources) {
  let done = 0;
  for (const s of sources) {
    try {
      if ((await ingestDocument(db, parseBytes, await s.read(), s.name, SYSTEM)).status === "stored") done++;
    } catch {
      /* counted as not done */
    }
  }
  return done;
}

async function pipelined(db, sources, prepare, connections) {
  let done = 0;
  for await (const o of ingestPipelined(db, sources, { actor: SYSTEM, prepare, depth: 2 * connections, connections })) {
    if (o.result?.status === "stored") done++;
  }
  return done;
}

const onThisThread = (bytes, name) => prepareIngest(parseBytes, bytes, name);

/** A way of ingesting with a store of its own; `turn(deadline)` runs it until then and adds up what it did. */
function run(engine, label, { store, ingest }) {
  const totals = { engine, label, done: 0, offered: 0, seconds: 0, cpuMs: 0, serverMs: 0, serverKnown: true };
  const source = copies();
  return {
    totals,
    async turn(deadline) {
      const before = store ? await store.serverCpuMs() : null;
      const cpu = cpuMs();
      const start = performance.now();
      let offered = 0;
      const counted = (function* () {
        for (const s of source.until(deadline)) {
          offered++;
          yield s;
        }
      })();
      totals.done += await ingest(store?.db, counted);
      totals.seconds += (performance.now() - start) / 1000;
      totals.cpuMs += cpuMs() - cpu;
      totals.offered += offered;
      const after = store ? await store.serverCpuMs() : null;
      if (before && after) for (const [pid, ms] of after) totals.serverMs += ms - (before.get(pid) ?? 0);
      else totals.serverKnown = false;
    },
  };
}

if (!docs.length) throw new Error("no documents: examples/seeds is missing");
// a copy must parse to what the first parse gave, or the bench would store different documents
let unlike = 0;
for (const d of docs) {
  const { text: _a, ...first } = await parseBytes(copyOf(d, 0), d.name);
  const { text: _b, ...copy } = await parseBytes(copyOf(d, 5), d.name);
  if (JSON.stringify(first) !== JSON.stringify(copy)) unlike++;
}
console.log(`${docs.length} documents (seeds and ../shared/corpus), copies parsed alike: ${unlike === 0 ? "yes" : `NO, ${unlike} differ`}`);
console.log(`${availableParallelism()} cores; ${ROUNDS} rounds of ${SECONDS} s of wall time per run; ratio = documents/s ÷ parsing alone's\n`);

const pools = [];
const opened = [];
const runs = [
  run("", "parsing alone, one thread", {
    ingest: async (_db, sources) => {
      let done = 0;
      for (const s of sources) {
        await parseBytes(await s.read(), s.name);
        done++;
      }
      return done;
    },
  }),
];
try {
  const engines = [["PGlite", pgliteStore, [1], () => 1]];
  if (PG_URL) engines.unshift(["PostgreSQL", postgresStore, [1, 2, 4], (n) => n]);
  else process.stderr.write("bench: PostgreSQL skipped: set BENCH_DATABASE_URL (or LUOSHI_TEST_DATABASE_URL / DATABASE_URL)\n");
  for (const [engine, open, workerCounts, connectionsOf] of engines) {
    const fresh = async () => {
      const s = await open();
      opened.push(s);
      return s;
    };
    runs.push(run(engine, "in turn: parse, then store", { store: await fresh(), ingest: inTurn }));
    runs.push(run(engine, "overlapped on one thread (luoshi ingest)", { store: await fresh(), ingest: (db, src) => pipelined(db, src, onThisThread, 1) }));
    for (const n of workerCounts) {
      const pool = workerPool(n);
      pools.push(pool);
      await pool.warm();
      const ingest = (db, src) => pipelined(db, src, pool.prepare, connectionsOf(n));
      runs.push(run(engine, `${n} worker${n > 1 ? "s" : ""}`, { store: await fresh(), ingest }));
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const r of runs) await r.turn(performance.now() + SECONDS * 1000);
  }
} finally {
  await Promise.all(pools.map((p) => p.close()));
  for (const s of opened) await s.close();
}

const [parsing, ...ingests] = runs.map((r) => r.totals);
const rate = (t) => t.done / t.seconds;
const ms = (v) => (v === null ? "–" : v.toFixed(1)).padStart(9);
const row = (t, ratio) =>
  `${t.engine.padEnd(11)}${t.label.padEnd(42)}${rate(t).toFixed(1).padStart(8)} docs/s${ratio.padStart(8)}${ms(t.cpuMs / Math.max(1, t.done))}` +
  `${ms(t.engine && t.serverKnown ? t.serverMs / Math.max(1, t.done) : null)}${t.offered > t.done ? `  (${t.offered - t.done} not stored)` : ""}`;
console.log(`${"".padEnd(60)}${"ratio".padStart(9)}${"CPU ms/doc: here".padStart(17)}${"server".padStart(9)}`);
console.log(row(parsing, ""));
for (const t of ingests) console.log(row(t, `${(rate(t) / rate(parsing)).toFixed(2)}x`));
console.log(`\nCPU ms/doc: this process's CPU time (all its threads; PGlite runs here) and its PostgreSQL backends' (from`);
console.log(`/proc, when the server runs on this machine), per document stored.`);
