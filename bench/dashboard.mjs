// npm run bench:dashboard — the dashboard's figures and a status-filtered task list at 10,000 and 100,000 tasks,
// counted by the database (status-sql.ts) against the way before it, measured in the same run on the same store:
// every task's facts read into the app and deriveStatus applied to each (the baseline). Prints medians and the
// ratio new ÷ baseline. Embedded PGlite always; PostgreSQL too when BENCH_DATABASE_URL or
// LUOSHI_TEST_DATABASE_URL is set (a scratch schema is made and dropped).
import { openStore } from "../dist/store/index.js";
import { dropSchema } from "../dist/store/postgres.js";
import { dashboard } from "../dist/track/dashboard.js";
import { listTasks } from "../dist/track/tasks.js";
import { loadApprovedValues, loadFacts, NO_FACTS, statusFacts } from "../dist/track/facts.js";
import { deriveStatus } from "../dist/track/status.js";
import { taskStatusQuery } from "../dist/track/status-sql.js";

const SIZES = (process.env.BENCH_TASKS ?? "10000,100000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.LUOSHI_TEST_DATABASE_URL;
const TODAY = "2020-06-15";
const FILTER = { today: TODAY, listSize: 10, bodyLimit: 20, bodyOffset: 0, targetLimit: 10 };

/** A store of `tasks` tasks: 80 bodies sharing measures of one document, targets, reports, reviews, suspensions. */
async function fill(db, tasks) {
  const measures = Math.ceil(tasks / 8);
  await db.query(`insert into responsible_body (name) select '压测单位' || g from generate_series(1, 80) g`);
  const doc = (await db.query(`insert into document (sha256, source_name, parsed, byte_size, doc_date) values ('bench', 'bench', '{}', 0, '2019-01-01') returning id`)).rows[0].id;
  await db.query(
    `insert into measure (document_id, ordinal, path, label, title) select $1, g, array[g::text], g::text, '措施' || g from generate_series(1, $2) g`,
    [doc, measures],
  );
  await db.query(`insert into target (measure_id, ordinal, text, value, unit, kind) select id, 0, '目标', 100, '个', 'target' from measure where id % 2 = 0`);
  await db.query(
    `insert into task (measure_id, body_id, role, due_date)
     select m.id, b.id, case when b.n = 1 then 'lead' else 'supporting' end, date '2019-06-01' + ((m.id * 7 + b.id * 13) % 730)
     from measure m cross join lateral (select id, row_number() over (order by id) as n from responsible_body
       where id % 10 = m.id % 10 order by id limit 8) b
     order by m.id, b.id limit $1`,
    [tasks],
  );
  await db.query(
    `insert into progress_report (task_id, report_date, text, complete, target_id, value)
     select t.id, date '2020-05-01' - (t.id % 90), '压测进展', t.id % 10 = 0, g.id, case when g.id is null then null else t.id % 120 end
     from task t left join target g on g.measure_id = t.measure_id where t.id % 3 = 0`,
  );
  await db.query(`insert into report_review (report_id, task_id, decision, reviewer)
    select id, task_id, case when id % 5 = 0 then 'return' else 'approve' end, '督查' from progress_report where id % 4 <> 0`);
  await db.query(`insert into task_event (task_id, kind, actor) select id, 'suspend', '管理员' from task where id % 97 = 0`);
  await db.query(`analyze`);
}

/** The dashboard's status counts as they were made before: every task's facts in the app, deriveStatus on each. */
async function baselineCounts(db) {
  const filtered = `select t.id, t.measure_id, t.due_date, coalesce(d.doc_date, t.created_at::date) as start
    from task t join measure m on m.id = t.measure_id join document d on d.id = m.document_id`;
  const rows = (await db.query(filtered)).rows;
  const ids = `select id from (${filtered}) ft`;
  const facts = await loadFacts(db, ids, []);
  const approved = await loadApprovedValues(db, ids, []);
  const targets = (await db.query(`select id, measure_id, value from target where kind = 'target'`)).rows;
  const of = new Map();
  for (const t of targets) of.set(t.measure_id, [...(of.get(t.measure_id) ?? []), t]);
  const counts = {};
  for (const r of rows) {
    const { status } = deriveStatus({
      due: r.due_date,
      start: r.start,
      ...statusFacts(facts.get(r.id) ?? NO_FACTS),
      targets: (of.get(r.measure_id) ?? []).map((t) => ({ target: t.value, latest: approved.get(`${r.id}:${t.id}`)?.value ?? null })),
      today: TODAY,
    });
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

/** The same counts by the database: the SQL twin of the rules over the same tasks. */
async function sqlCounts(db) {
  const tasks = `select t.id, t.measure_id, t.body_id, t.due_date, coalesce(d.doc_date, t.created_at::date) as start
    from task t join measure m on m.id = t.measure_id join document d on d.id = m.document_id`;
  const r = await db.query(`select status, count(*)::int as n from (${taskStatusQuery(tasks, "$1")}) s group by status`, [TODAY]);
  return Object.fromEntries(r.rows.map((x) => [x.status, x.n]));
}

async function median(f) {
  const times = [];
  let out;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    out = await f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], out };
}

async function run(engine, db, tasks) {
  await fill(db, tasks);
  const base = await median(() => baselineCounts(db));
  const counts = await median(() => sqlCounts(db));
  const dash = await median(() => dashboard(db, FILTER));
  const list = await median(() => listTasks(db, { status: "at_risk", limit: 50, offset: 0, today: TODAY }));
  const same = Object.entries(dash.out.byStatus).every(([s, n]) => (base.out[s] ?? 0) === n && (counts.out[s] ?? 0) === n);
  console.log(
    `${engine.padEnd(10)} ${String(tasks).padStart(7)} tasks: counts by status: baseline (facts into the app) ${base.ms.toFixed(0)} ms, ` +
      `in the database ${counts.ms.toFixed(0)} ms (${(counts.ms / base.ms).toFixed(2)}×); ` +
      `whole dashboard ${dash.ms.toFixed(0)} ms (${(dash.ms / base.ms).toFixed(2)}×; counts ${same ? "agree" : "DIFFER"}); ` +
      `task list filtered 有风险 ${list.ms.toFixed(0)} ms (${(list.ms / base.ms).toFixed(2)}×, ${list.out.total} found)`,
  );
}

for (const tasks of SIZES) {
  const db = await openStore({ dataDir: "memory" });
  await run("PGlite", db, tasks);
  await db.close();
  if (PG_URL) {
    const schema = `bench_dashboard_${process.pid}`;
    const pdb = await openStore({ databaseUrl: PG_URL, schema });
    try {
      await run("PostgreSQL", pdb, tasks);
    } finally {
      await pdb.close();
      await dropSchema(PG_URL, schema);
    }
  }
}
