// npm run bench:ingest — documents/s that ingest stores, on PostgreSQL with 1, 2 and 4 workers and on PGlite (the
// embedded default), against parsing alone (bytes → ParsedFile on one thread) measured in the same run, before
// and after the ingest runs. A worker is one pipeline: a worker thread parsing and preparing documents, and one
// connection storing them (PGlite has one connection: its workers only parse). "in turn" is ingestDocument in a
// loop, as `luoshi ingest` ran before: parse a document, then store it; "overlapped" is `luoshi ingest` now: the
// next document parsed on the same thread while one is stored.
//
// Documents: examples/seeds and the development corpus (../shared/corpus, or BENCH_CORPUS), over and over. Ingest
// stores the same bytes once, so every copy after the first gets an ending the parser ignores: an HTML comment
// after a page, a line of spaces and tabs (the copy number in binary) after a text; the run checks that a copy
// parses to the same structure. Each run stores into a fresh schema (PostgreSQL) or a fresh temporary folder
// (PGlite) for BENCH_SECONDS (default 6) of wall time, then finishes the documents in flight. PostgreSQL:
// BENCH_DATABASE_URL, else LUOSHI_TEST_DATABASE_URL, else DATABASE_URL; none: skipped. Wall time on a shared
// machine counts other processes' turns too: compare the ratios, which are measured side by side.
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
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
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

/** Copies of the documents, one after the other, until the time is up. */
function* timed(deadline) {
  for (let k = 0; ; k++) {
    for (const doc of docs) {
      if (performance.now() >= deadline) return;
      const bytes = copyOf(doc, k);
      yield { name: doc.name, read: async () => bytes };
    }
  }
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs `body(deadline)` (it returns the documents it finished) and measures documents/s over the wall time. */
async function measure(body) {
  const cpu = cpuMs();
  const start = performance.now();
  const { done, failed = 0, server = null } = await body(start + SECONDS * 1000);
  const seconds = (performance.now() - start) / 1000;
  const perDoc = (ms) => ms / Math.max(1, done);
  return { rate: done / seconds, cpuPerDoc: perDoc(cpuMs() - cpu), serverPerDoc: server === null ? null : perDoc(server), failed };
}

async function parseAlone() {
  return measure(async (deadline) => {
    let done = 0;
    for (const s of timed(deadline)) {
      await parseBytes(await s.read(), s.name);
      done++;
    }
    return { done };
  });
}

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

async function inTurn(db, deadline) {
  let done = 0;
  let failed = 0;
  for (const s of timed(deadline)) {
    try {
      if ((await ingestDocument(db, parseBytes, await s.read(), s.name, SYSTEM)).status === "stored") done++;
    } catch {
      failed++;
    }
  }
  return { done, failed };
}

async function pipelined(db, deadline, prepare, connections) {
  let done = 0;
  let failed = 0;
  for await (const o of ingestPipelined(db, timed(deadline), { actor: SYSTEM, prepare, depth: 2 * connections, connections })) {
    if (o.result?.status === "stored") done++;
    else failed++;
  }
  return { done, failed };
}

const onThisThread = (bytes, name) => prepareIngest(parseBytes, bytes, name);

/** The runs on one engine; `open` gives a fresh, empty store. */
async function runs(engine, open, workerCounts, connectionsOf) {
  const out = [];
  const run = async (label, body) => {
    const { db, close, serverCpuMs } = await open();
    try {
      const r = await measure(async (deadline) => {
        const counts = await body(db, deadline);
        // read before the pool lets its connections go
        const server = serverCpuMs ? await serverCpuMs() : null;
        return { ...counts, server };
      });
      out.push({ engine, label, ...r });
    } finally {
      await close();
    }
  };
  await run("in turn: parse, then store", (db, deadline) => inTurn(db, deadline));
  await run("overlapped on one thread (luoshi ingest)", (db, deadline) => pipelined(db, deadline, onThisThread, 1));
  for (const n of workerCounts) {
    const pool = workerPool(n);
    try {
      await pool.warm();
      await run(`${n} worker${n > 1 ? "s" : ""}`, (db, deadline) => pipelined(db, deadline, pool.prepare, connectionsOf(n)));
    } finally {
      await pool.close();
    }
  }
  return out;
}

// The CPU time of this run's PostgreSQL backends, read from /proc when the server runs on this machine (else
// null): PostgreSQL's share of the work is most of storing a document.
const APP = `luoshi-bench-ingest-${process.pid}`;
function procCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in ticks of 1/100 s (USER_HZ)
  } catch {
    return null;
  }
}
async function backendsCpuMs(db) {
  const r = await db.query(`select pid from pg_stat_activity where application_name = $1`, [APP]);
  const each = r.rows.map((row) => [row.pid, procCpuMs(row.pid)]);
  return each.some(([, ms]) => ms === null) ? null : new Map(each);
}

async function postgresStore(k) {
  const schema = `bench_ingest_${process.pid}_${k}`;
  const db = await openStore({ databaseUrl: PG_URL, schema, applicationName: APP });
  const start = await backendsCpuMs(db);
  return {
    db,
    serverCpuMs: async () => {
      const end = await backendsCpuMs(db);
      if (!start || !end) return null;
      let ms = 0;
      for (const [pid, t] of end) ms += t - (start.get(pid) ?? 0);
      return ms;
    },
    close: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

async function pgliteStore() {
  const dir = mkdtempSync(join(tmpdir(), "luoshi-bench-ingest-"));
  const db = await openStore({ dataDir: dir });
  return {
    db,
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
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
console.log(`${availableParallelism()} cores; ${SECONDS} s of wall time per run; ratio = documents/s ÷ parsing alone's\n`);

const before = await parseAlone();
const results = [];
if (PG_URL) {
  let k = 0;
  results.push(...(await runs("PostgreSQL", () => postgresStore(k++), [1, 2, 4], (n) => n)));
} else {
  process.stderr.write("bench: PostgreSQL skipped: set BENCH_DATABASE_URL (or LUOSHI_TEST_DATABASE_URL / DATABASE_URL)\n");
}
results.push(...(await runs("PGlite", pgliteStore, [1], () => 1)));
const after = await parseAlone();
const base = (before.rate + after.rate) / 2;

const ms = (v) => (v === null || v === undefined ? "–" : v.toFixed(1)).padStart(9);
const row = (engine, label, r, ratio) =>
  `${engine.padEnd(11)}${label.padEnd(42)}${r.rate.toFixed(1).padStart(8)} docs/s${ratio.padStart(8)}${ms(r.cpuPerDoc)}${ms(r.serverPerDoc)}${r.failed ? `  (${r.failed} failed)` : ""}`;
console.log(`${"".padEnd(60)}${"ratio".padStart(9)}${"CPU ms/doc: here".padStart(17)}${"server".padStart(9)}`);
console.log(row("", "parsing alone, one thread (before)", before, ""));
console.log(row("", "parsing alone, one thread (after)", after, ""));
for (const r of results) console.log(row(r.engine, r.label, r, `${(r.rate / base).toFixed(2)}x`));
console.log(`\nCPU ms/doc: this process's CPU time (all its threads; PGlite runs here) and its PostgreSQL backends' (from`);
console.log(`/proc, when the server runs on this machine), per document stored.`);
