// npm run bench:export — office files of a large store: the 任务分工表 of 10,000 tasks as XLSX, DOCX and CSV, each
// timed and its peak memory read, as ratios to a baseline measured in the same run: the same rows serialised as JSON.
//
// The store is the development corpus (../shared/corpus) ingested once, copied round-robin (bench/copy-store.mjs, with
// the copies' headings linked as the originals') and cut to exactly BENCH_TASKS tasks, a third of them with a report;
// it is kept in bench-data/export-pglite-<n> and reused (--rebuild builds anew). Each subject runs in a child process
// of its own, so that its peak resident memory (resourceUsage().maxRSS) is its own: the child opens the store, builds
// the rows (gather) and writes the file (render) BENCH_ROUNDS times; the median of each is reported.
//
// Then the server's side: the XLSX downloaded through the app (GET /api/tasks/export) while another request is sent
// every 5 ms, with the file written on the server's thread and in its office thread (office/render-threads.ts); the
// longest wait of those other requests is the time the server held everyone else, as a ratio to the longest wait
// with no export running.
//
// Another export joins by adding a subject to SUBJECTS: its name, how it reads the store (`gather`, the task table's
// rows by default) and how it writes the file (`render`, to bytes).
//
// Settings: BENCH_TASKS (10000), BENCH_ROUNDS (3), BENCH_DATA (bench-data), BENCH_CORPUS (../shared/corpus).
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_CORPUS } from "../dist/cli/commands/corpus.js";
import { taskTableCsv } from "../dist/office/csv.js";
import { taskTableDocx } from "../dist/office/docx-export.js";
import { gatherTaskTable } from "../dist/office/task-table.js";
import { taskTableXlsx } from "../dist/office/xlsx-export.js";
import { OfficeThreads } from "../dist/office/render-threads.js";
import { createApp } from "../dist/server/app.js";
import { openStore } from "../dist/store/index.js";
import { ensureAdmin } from "../dist/track/users.js";
import { copyUntil, ingestFolder } from "./copy-store.mjs";

const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DATA = resolve(process.env.BENCH_DATA ?? "bench-data");
const CORPUS = process.env.BENCH_CORPUS ?? DEFAULT_CORPUS;
const STORE = { dataDir: `${DATA}/export-pglite-${TASKS}` };
const TODAY = "2020-06-15";
const log = (s) => process.stderr.write(`bench: ${s}\n`);

const taskTable = (db) => gatherTaskTable(db, { filter: {}, today: TODAY, now: new Date(`${TODAY}T08:00:00Z`) });

/** what is measured; the first is the baseline */
const SUBJECTS = {
  json: { gather: taskTable, render: async (table) => new TextEncoder().encode(JSON.stringify(table)) },
  csv: { gather: taskTable, render: async (table) => taskTableCsv(table) },
  xlsx: { gather: taskTable, render: (table) => taskTableXlsx(table) },
  docx: { gather: taskTable, render: (table) => taskTableDocx(table) },
};

async function build() {
  if (process.argv.includes("--rebuild")) rmSync(STORE.dataDir, { recursive: true, force: true });
  const db = await openStore(STORE);
  try {
    const have = (await db.query(`select count(*)::int as n from task`)).rows[0].n;
    if (have === TASKS) return;
    if (have > 0) throw new Error(`${STORE.dataDir} holds ${have} tasks, not ${TASKS}: run with --rebuild`);
    const started = Date.now();
    const failed = await ingestFolder(db, new URL(`file://${resolve(CORPUS)}/`));
    const { measures, tasks } = (await db.query(`select (select count(*)::int from measure) as measures, (select count(*)::int from task) as tasks`)).rows[0];
    log(`ingested the corpus: ${measures} measures, ${tasks} tasks (${failed} files unreadable)`);
    if (tasks < TASKS) await copyUntil(db, Math.ceil((measures * TASKS * 1.05) / tasks));
    const seeds = (await db.query(`select id from document where sha256 not like 'bench-%' order by id`)).rows.map((r) => r.id);
    // the copies' measures under their headings, as in the originals (the copy leaves parent_id empty)
    await db.query(
      `update measure nm set parent_id = np.id
       from document d
       join document s on s.id = ($1::int[])[1 + (substring(d.sha256 from 7)::int % array_length($1::int[], 1))]
       join measure m on m.document_id = s.id
       join measure mp on mp.id = m.parent_id
       join measure np on np.document_id = d.id and np.ordinal = mp.ordinal
       where d.sha256 like 'bench-%' and nm.document_id = d.id and nm.ordinal = m.ordinal`,
      [seeds],
    );
    await db.query(`delete from task where id not in (select id from task order by id limit $1)`, [TASKS]);
    await db.query(`insert into progress_report (task_id, report_date, text) select id, date '2020-05-01', '已完成阶段性工作，正按计划推进。' from task where id % 3 = 0`);
    log(`store of ${TASKS} tasks built in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await db.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** In the child: gather and render ROUNDS times; prints one JSON line. */
async function child(name) {
  const db = await openStore(STORE);
  const gather = [];
  const render = [];
  let bytes = 0;
  let rows = 0;
  let heapPeak = 0;
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      const table = await SUBJECTS[name].gather(db);
      const t1 = performance.now();
      const out = await SUBJECTS[name].render(table);
      const t2 = performance.now();
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      gather.push(t1 - t0);
      render.push(t2 - t1);
      bytes = out.length;
      rows = table.rows?.length ?? 0;
    }
  } finally {
    await db.close();
  }
  process.stdout.write(`${JSON.stringify({ name, rows, bytes, gatherMs: median(gather), renderMs: median(render), maxRssMb: process.resourceUsage().maxRSS / 1024, heapPeakMb: heapPeak / 2 ** 20 })}\n`);
}

/**
 * In the child: the XLSX downloaded through the app ROUNDS times, the file written on this thread (`inline`) or in
 * the office thread (`thread`), while a light request (who am I, unauthenticated) goes every 5 ms; prints one JSON line.
 */
async function serving(mode) {
  const db = await openStore(STORE);
  const office = mode === "thread" ? new OfficeThreads() : null;
  const app = createApp({ db, now: () => new Date(`${TODAY}T08:00:00Z`), log: () => {}, ...(office ? { renderTaskTable: office.render } : {}) });
  const password = "Bench-Export-Pw-7";
  await ensureAdmin(db, password);
  const login = await app.request("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "admin", password }) });
  const { token } = await login.json();
  /** the longest wait of the light requests due every 5 ms until `until` settles */
  const probe = async (until) => {
    let done = false;
    let longest = 0;
    until.finally(() => (done = true));
    while (!done) {
      // from when the request was due, not when the blocked thread got round to sending it
      const due = performance.now() + 5;
      await new Promise((r) => setTimeout(r, 5));
      await app.request("/api/auth/me");
      longest = Math.max(longest, performance.now() - due);
    }
    return longest;
  };
  const idle = await probe(new Promise((r) => setTimeout(r, 1000)));
  const exports = [];
  const waits = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      const download = app.request("/api/tasks/export?format=xlsx", { headers: { authorization: `Bearer ${token}` } }).then(async (r) => {
        if (r.status !== 200) throw new Error(`export: ${r.status} ${await r.text()}`);
        return r.arrayBuffer();
      });
      waits.push(await probe(download));
      await download;
      exports.push(performance.now() - t0);
    }
  } finally {
    await office?.close();
    await db.close();
  }
  process.stdout.write(`${JSON.stringify({ mode, exportMs: median(exports), longestWaitMs: median(waits), idleWaitMs: idle })}\n`);
}

async function main() {
  if (process.argv[2] === "--child") return child(process.argv[3]);
  if (process.argv[2] === "--serving") return serving(process.argv[3]);
  if (!existsSync(resolve("dist/office/task-table.js"))) throw new Error("run npm run build first (npm run bench:export does)");
  await build();
  const results = [];
  for (const name of Object.keys(SUBJECTS)) {
    log(`${name} …`);
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--child", name], { encoding: "utf8", maxBuffer: 1 << 20, timeout: 1_800_000 });
    results.push(JSON.parse(out.trim().split("\n").at(-1)));
  }
  const base = results[0];
  const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
  console.log(`任务分工表 of ${base.rows} tasks, median of ${ROUNDS} rounds; ratios to ${base.name} (the same rows serialised as JSON)`);
  console.log("| file | size | render ms | gather+render ms | peak RSS MB | render ÷ json | total ÷ json | peak RSS ÷ json | size ÷ json |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    console.log(
      `| ${r.name} | ${(r.bytes / 2 ** 20).toFixed(2)} MB | ${r.renderMs.toFixed(0)} | ${(r.gatherMs + r.renderMs).toFixed(0)} | ${r.maxRssMb.toFixed(0)} | ` +
        `${ratio(r.renderMs, base.renderMs)} | ${ratio(r.gatherMs + r.renderMs, base.gatherMs + base.renderMs)} | ${ratio(r.maxRssMb, base.maxRssMb)} | ${ratio(r.bytes, base.bytes)} |`,
    );
  }
  const served = [];
  for (const mode of ["inline", "thread"]) {
    log(`the XLSX through the app, written ${mode === "inline" ? "on the server's thread" : "in the office thread"} …`);
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--serving", mode], { encoding: "utf8", maxBuffer: 1 << 20, timeout: 1_800_000 });
    served.push(JSON.parse(out.trim().split("\n").at(-1)));
  }
  console.log(`\nThe XLSX through the app (GET /api/tasks/export) while another request goes every 5 ms; median of ${ROUNDS} rounds`);
  console.log("| written | export ms | others' longest wait ms | ÷ longest wait with no export | export ÷ on the server's thread |");
  console.log("|---|---|---|---|---|");
  for (const r of served)
    console.log(
      `| ${r.mode === "inline" ? "on the server's thread" : "in the office thread"} | ${r.exportMs.toFixed(0)} | ${r.longestWaitMs.toFixed(0)} | ` +
        `${ratio(r.longestWaitMs, r.idleWaitMs)} | ${ratio(r.exportMs, served[0].exportMs)} |`,
    );
}

main().catch((err) => {
  console.error(`bench: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
