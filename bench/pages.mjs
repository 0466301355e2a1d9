// npm run bench:pages — time to interactive of the staff pages in Chromium at 10,000 and 100,000 tasks (a
// benchmark, not a test): the dashboard, a document's 任务分工表, the task list and the document view, cold (a
// fresh browser context) and warm (the same page again), with the time of the page's slowest API answer beside
// it, and each time as a ratio to the baseline measured in the same run: the login page, which loads the same code
// and asks the server for nothing, so that the ratio is what the page's own data and rows cost on top of the app
// starting. The kilobytes are the API answers' bodies the page read. Interactive: the page's rows (or the dashboard's figures) are drawn and the next frame comes. The store is
// the five examples with synthetic bodies sharing their measures; the embedded database (PGlite). Sizes:
// BENCH_TASKS=10000,100000.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { chromium } from "playwright-core";
import { DEFAULT_PARSE_LIMITS, ParsePool } from "../dist/jobs/parse-threads.js";
import { Jobs } from "../dist/jobs/queue.js";
import { createApp } from "../dist/server/app.js";
import { EXAMPLES_DIR, seedOnce } from "../dist/server/main.js";
import { serveWeb } from "../dist/server/static.js";
import { openStore } from "../dist/store/index.js";
import { ensureAdmin } from "../dist/track/users.js";

const SIZES = (process.env.BENCH_TASKS ?? "10000,100000").split(",").map(Number);
const PASSWORD = "Bench-Pages-Pw-7";
const TODAY = "2020-06-15";

/** Bodies enough that the examples' measures carry `tasks` tasks between them, due dates over two years. */
async function fill(db, tasks) {
  const measures = (await db.query(`select count(*)::int as n from measure`)).rows[0].n;
  const have = (await db.query(`select count(*)::int as n from task`)).rows[0].n;
  const bodies = Math.ceil((tasks - have) / measures) + 1;
  await db.query(`insert into responsible_body (name, level, region) select '压测单位' || g, '市', '压测' from generate_series(1, $1) g`, [bodies]);
  await db.query(
    `insert into task (measure_id, body_id, role, due_date)
     select m.id, b.id, 'supporting', date '2020-01-01' + ((m.id * 7 + b.id * 13) % 730)
     from measure m cross join (select id from responsible_body where name like '压测单位%') b
     order by b.id, m.id limit $1`,
    [tasks - have],
  );
  await db.query(`insert into progress_report (task_id, report_date, text, complete) select id, date '2020-05-01', '压测进展', id % 10 = 0 from task where id % 3 = 0`);
  await db.query(`analyze`);
}

async function start(tasks) {
  const dir = mkdtempSync(join(tmpdir(), "luoshi-bench-pages-"));
  const db = await openStore({ dataDir: join(dir, "data") });
  await ensureAdmin(db, PASSWORD);
  await seedOnce(db, EXAMPLES_DIR, () => {});
  await fill(db, tasks);
  const jobs = await Jobs.open({ db, store: { dataDir: join(dir, "data") }, log: () => {} });
  const pool = new ParsePool({ limits: DEFAULT_PARSE_LIMITS, threads: 1 });
  await jobs.work({ concurrency: 1, parse: pool.parse });
  await jobs.settled({ timeoutMs: 300_000 });
  const app = createApp({ db, jobs, now: () => new Date(`${TODAY}T08:00:00Z`), log: () => {} });
  const front = new Hono();
  front.use("*", serveWeb());
  front.all("*", (c) => app.fetch(c.req.raw));
  const server = await new Promise((done) => {
    const s = serve({ fetch: front.fetch, port: 0, hostname: "127.0.0.1" }, (info) => done({ s, url: `http://127.0.0.1:${info.port}` }));
  });
  const biggest = (await db.query(
    `select m.document_id as id, count(*)::int as n from task t join measure m on m.id = t.measure_id group by 1 order by 2 desc limit 1`,
  )).rows[0];
  return {
    url: server.url,
    db,
    document: biggest,
    stop: async () => {
      await new Promise((r) => server.s.close(r));
      await jobs.stop(1);
      await pool.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Milliseconds from navigation until `ready` holds and the next frame is drawn; the slowest API answer; the API's bytes. */
async function timePage(page, url, ready) {
  const t0 = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(ready, undefined, { timeout: 120_000, polling: 16 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  const ms = Date.now() - t0;
  const [api, bytes] = await page.evaluate(() => {
    const answers = performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/"));
    return [Math.max(0, ...answers.map((e) => e.responseEnd - e.startTime)), answers.reduce((n, e) => n + e.decodedBodySize, 0)];
  });
  return { ms, api: Math.round(api), kb: Math.round(bytes / 1024) };
}

const rowsDrawn = () => document.querySelectorAll(".ant-table-tbody tr.ant-table-row").length > 0;
const dashboardDrawn = () => window.__luoshiDashboardReady !== undefined;

const browser = await chromium.launch({ executablePath: process.env.LUOSHI_CHROMIUM ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
try {
  for (const tasks of SIZES) {
    const t = Date.now();
    const app = await start(tasks);
    const login = await fetch(`${app.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "admin", password: PASSWORD }) });
    const { token } = await login.json();
    console.log(`${tasks} tasks (store built in ${((Date.now() - t) / 1000).toFixed(0)} s); the largest document holds ${app.document.n} tasks`);
    const pages = [
      ["督查总览 /", "/", dashboardDrawn],
      [`任务分工表 /documents/${app.document.id}/tasks`, `/documents/${app.document.id}/tasks`, rowsDrawn],
      ["任务列表 /my", "/my", rowsDrawn],
      [`文件 /documents/${app.document.id}`, `/documents/${app.document.id}`, () => document.querySelectorAll("nav.outline .node").length > 0],
    ];
    const visit = async (path, ready, cookie) => {
      const ctx = await browser.newContext({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });
      // the cookies a login sets: the session, and the readable hint that someone is logged in
      if (cookie)
        await ctx.addCookies([
          { name: "luoshi_session", value: token, url: app.url },
          { name: "luoshi_signed_in", value: "1", url: app.url },
        ]);
      const page = await ctx.newPage();
      const cold = await timePage(page, `${app.url}${path}`, ready);
      const warm = await timePage(page, `${app.url}${path}`, ready);
      await ctx.close();
      return { cold, warm };
    };
    const base = await visit("/login", () => document.querySelector("form input") !== null, false);
    const ratio = (ms, b) => `${(ms / b).toFixed(1)}×`;
    console.log(`  ${"baseline: 登录页 /login".padEnd(34)} cold ${String(base.cold.ms).padStart(6)} ms                      warm ${String(base.warm.ms).padStart(6)} ms`);
    for (const [name, path, ready] of pages) {
      const { cold, warm } = await visit(path, ready, true);
      console.log(
        `  ${name.padEnd(34)} cold ${String(cold.ms).padStart(6)} ms ${ratio(cold.ms, base.cold.ms).padStart(5)} (slowest API ${cold.api} ms, ${cold.kb} KB)   ` +
          `warm ${String(warm.ms).padStart(6)} ms ${ratio(warm.ms, base.warm.ms).padStart(5)} (slowest API ${warm.api} ms)`,
      );
    }
    await app.stop();
  }
} finally {
  await browser.close();
}
