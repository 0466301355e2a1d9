/**
 * The dashboard over 10,000 tasks, in Chromium: how long until it shows its data and answers input (printed
 * and written to test-output/e2e/dashboard-10k.json, not asserted), and no API answer carries more than one
 * page of rows.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeBrowser, sharedBrowser } from "../support/formats.js";
import { ADMIN_PASSWORD, apiLogin, HAVE_CHROMIUM, SHOTS, startWebServer, type WebServer } from "./harness.js";

const TASKS = 10_000;
/** the largest page any list route serves */
const MAX_PAGE = 200;

declare const window: { __luoshiDashboardReady?: number; requestAnimationFrame(f: () => void): void };
declare const performance: { now(): number; getEntriesByType(t: string): Array<{ name: string; startTime: number; responseEnd: number }> };

describe.skipIf(!HAVE_CHROMIUM)("dashboard with 10,000 tasks (Chromium)", () => {
  let server: WebServer;
  let total = 0;

  beforeAll(async () => {
    server = await startWebServer({
      today: "2020-06-15",
      prepare: async (db) => {
        // synthetic bodies, each taking a share of every measure, due dates spread over two years
        await db.query(`insert into responsible_body (name, level, region) select '压测单位' || g, 'city', '压测' from generate_series(1, 80) g`);
        const have = (await db.query<{ n: number }>(`select count(*)::int as n from task`)).rows[0]!.n;
        await db.query(
          `insert into task (measure_id, body_id, role, due_date)
           select m.id, b.id, 'supporting', date '2020-01-01' + ((m.id * 7 + b.id * 13) % 730)
           from measure m cross join (select id from responsible_body where name like '压测单位%') b
           order by m.id, b.id limit $1`,
          [TASKS - have],
        );
        await db.query(
          `insert into progress_report (task_id, report_date, text, complete)
           select id, date '2020-05-01', '压测进展', id % 10 = 0 from task where id % 3 = 0`,
        );
        total = (await db.query<{ n: number }>(`select count(*)::int as n from task`)).rows[0]!.n;
      },
    });
  });
  afterAll(async () => {
    await closeBrowser();
    await server?.stop();
  });

  it("shows the dashboard; no answer holds more than a page of rows", async () => {
    expect(total).toBe(TASKS);
    const token = await apiLogin(server.url, "admin", ADMIN_PASSWORD);
    const browser = await sharedBrowser();
    const ctx = await browser.newContext({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });
    await ctx.addCookies([{ name: "luoshi_session", value: token, url: server.url }]);
    const page = await ctx.newPage();
    const rows: Array<{ url: string; rows: number }> = [];
    page.on("response", async (r) => {
      if (!r.url().includes("/api/") || !(r.headers()["content-type"] ?? "").includes("json")) return;
      const body = (await r.json().catch(() => null)) as Record<string, unknown> | null;
      if (!body) return;
      const counts = Object.values(body).filter(Array.isArray).map((a) => (a as unknown[]).length);
      rows.push({ url: r.url().replace(server.url, ""), rows: Math.max(0, ...counts) });
    });

    const measure = async () => {
      await page.goto(`${server.url}/`, { waitUntil: "commit" });
      await page.waitForFunction(() => window.__luoshiDashboardReady !== undefined, undefined, { timeout: 60_000 });
      const ready = await page.evaluate(() => window.__luoshiDashboardReady!);
      // interactive: the next frame after the data is drawn, once the main thread is free again
      const idle = await page.evaluate(() => new Promise<number>((r) => window.requestAnimationFrame(() => r(performance.now()))));
      const slowest = await page.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .map((e) => ({ name: e.name.replace(/^https?:\/\/[^/]+/, ""), startMs: Math.round(e.startTime), endMs: Math.round(e.responseEnd) }))
          .sort((a, b) => b.endMs - b.startMs - (a.endMs - a.startMs))
          .slice(0, 6),
      );
      return { readyMs: Math.round(ready), interactiveMs: Math.round(Math.max(ready, idle)), slowest };
    };
    const cold = await measure();
    const warm = await measure();
    await page.screenshot({ path: join(SHOTS, "14-dashboard-10k.png"), fullPage: false });
    // the overdue list's count is the full count, though only a page was sent
    const heading = await page.getByRole("heading", { name: /已逾期/ }).innerText();
    await ctx.close();

    const result = { tasks: total, cold, warm, heading, largestAnswerRows: Math.max(...rows.map((r) => r.rows)), requests: rows.length };
    writeFileSync(join(SHOTS, "dashboard-10k.json"), JSON.stringify({ ...result, answers: rows }, null, 2));
    console.log(`dashboard with ${total} tasks: cold ${cold.interactiveMs} ms, warm ${warm.interactiveMs} ms to interactive; largest answer ${result.largestAnswerRows} rows`);
    for (const r of rows) expect(r.rows, r.url).toBeLessThanOrEqual(MAX_PAGE);
  }, 180_000);
});
