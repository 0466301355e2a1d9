// node bench/reports.mjs [pg] — filing progress reports together (an Excel import's confirmation) against filing
// them one at a time, in the same run on the same store: 500 reports each way, each in one transaction, and the
// ratio together ÷ one by one. PGlite in memory; with `pg`, PostgreSQL at BENCH_DATABASE_URL or
// LUOSHI_TEST_DATABASE_URL (a scratch schema, dropped after). Needs `npx tsc -p tsconfig.build.json` first.
import { openStore } from "../dist/store/index.js";
import { SYSTEM } from "../dist/track/audit.js";
import { addReport, addReports } from "../dist/track/tasks.js";
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.LUOSHI_TEST_DATABASE_URL;
const pg = process.argv[2] === "pg";
if (pg && !PG_URL) throw new Error("set BENCH_DATABASE_URL or LUOSHI_TEST_DATABASE_URL");
const opts = pg ? { databaseUrl: PG_URL, schema: `bench_reports_${process.pid}` } : { dataDir: "memory" };
const db = await openStore(opts);
const doc = (await db.query(`insert into document (sha256, source_name, parsed, byte_size) values ('i', 'x', '{}', 0) returning id`)).rows[0].id;
await db.query(`insert into measure (document_id, ordinal, path, label, title) select $1, g, '{1}', '1', '措施' from generate_series(1, 500) g`, [doc]);
await db.query(`insert into responsible_body (name) select '单位' || g from generate_series(1, 4) g`);
await db.query(`insert into task (measure_id, body_id, role, due_date) select m.id, b.id, 'lead', '2024-12-31' from measure m cross join responsible_body b`);
const ids = (await db.query(`select id from task order by id limit 1000`)).rows.map((r) => r.id);
const items = ids.map((taskId) => ({ taskId, report: { reportDate: "2024-05-01", text: "进展" } }));
let t = performance.now();
await db.transaction(async (tx) => { for (const i of items.slice(0, 500)) await addReport(tx, SYSTEM, i.taskId, i.report, "2024-06-15"); });
const one = performance.now() - t;
t = performance.now();
await db.transaction((tx) => addReports(tx, SYSTEM, items.slice(500), "2024-06-15"));
const batch = performance.now() - t;
console.log(`${pg ? "PostgreSQL" : "PGlite"}: 500 reports one by one ${one.toFixed(0)} ms, 500 together ${batch.toFixed(0)} ms (${(batch / one).toFixed(3)}×)`);
await db.close();
if (opts.schema) { const { dropSchema } = await import("../dist/store/postgres.js"); await dropSchema(opts.databaseUrl, opts.schema); }
