/**
 * The browser tests' server: the real API (createApp) over a fresh PGlite folder, seeded like a first start,
 * serving the built web app at `/` — on a free loopback port. Also: building web/dist when it is missing,
 * and whether Debian's Chromium is here.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { DEFAULT_PARSE_LIMITS, ParsePool } from "../../src/jobs/parse-threads.js";
import { Jobs } from "../../src/jobs/queue.js";
import { OfficeThreads } from "../../src/office/render-threads.js";
import type { IngestJob } from "../../src/model/api.js";
import { createApp } from "../../src/server/app.js";
import { EXAMPLES_DIR, seedOnce } from "../../src/server/main.js";
import { serveWeb, WEB_DIST } from "../../src/server/static.js";
import type { Db } from "../../src/store/db.js";
import { openStore } from "../../src/store/index.js";
import { indexUnindexedMeasures } from "../../src/track/ingest.js";
import { ensureAdmin } from "../../src/track/users.js";
import { closeBrowser, sharedBrowser } from "../support/formats.js";

export const CHROMIUM = process.env["LUOSHI_CHROMIUM"] ?? "/usr/bin/chromium";
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const SHOTS = resolve(import.meta.dirname, "../../test-output/e2e");
export const ADMIN_PASSWORD = "E2e-Keeper-Pw-7";

/** web/dist, built once if missing (CI builds it in `npm ci` → prepare → build). */
export function ensureWebBuilt(): void {
  if (existsSync(join(WEB_DIST, "index.html"))) return;
  const r = spawnSync("npx", ["vite", "build", "web", "--logLevel", "warn"], { stdio: "inherit", cwd: resolve(import.meta.dirname, "../..") });
  if (r.status !== 0) throw new Error("vite build web failed");
}

export interface WebServer {
  url: string;
  db: Db;
  stop: () => Promise<void>;
}

/**
 * Starts the server. `prepare` runs on the store before it serves (bulk data for the dashboard test).
 * `today` fixes the server's clock so that statuses do not drift with the calendar.
 */
export async function startWebServer(opts: { today?: string; seed?: boolean; prepare?: (db: Db) => Promise<void> } = {}): Promise<WebServer> {
  ensureWebBuilt();
  mkdirSync(SHOTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), "luoshi-e2e-"));
  const db = await openStore({ dataDir: join(dir, "data") });
  await indexUnindexedMeasures(db);
  await ensureAdmin(db, ADMIN_PASSWORD);
  if (opts.seed !== false) await seedOnce(db, EXAMPLES_DIR, () => {});
  await opts.prepare?.(db);
  const now = opts.today ? () => new Date(`${opts.today}T08:00:00Z`) : undefined;
  // uploads go through the job queue and parse in threads, as on the real server; the examples' links are
  // computed before the pages are shown
  const store = { dataDir: join(dir, "data") };
  const jobs = await Jobs.open({ db, store, log: () => {} });
  const pool = new ParsePool({ limits: DEFAULT_PARSE_LIMITS, threads: 2 });
  await jobs.work({ concurrency: 2, parse: pool.parse });
  await jobs.settled({ timeoutMs: 120_000 });
  // downloads are written in a worker thread, as on the real server
  const office = new OfficeThreads();
  const app = createApp({ db, jobs, now, renderTaskTable: office.render, log: () => {} });
  // when app.ts mounts the web app itself, serve it as is; until then, put the web app in front of it
  const mounted = (await app.request("/")).headers.get("content-type")?.startsWith("text/html") ?? false;
  let fetch: (req: Request) => Response | Promise<Response> = app.fetch;
  if (!mounted) {
    const front = new Hono();
    front.use("*", serveWeb());
    front.all("*", (c) => app.fetch(c.req.raw));
    fetch = front.fetch;
  }
  return new Promise((done, fail) => {
    const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
      done({
        url: `http://127.0.0.1:${info.port}`,
        db,
        stop: () =>
          new Promise<void>((closed) =>
            server.close(() => {
              jobs
                .stop(1)
                .then(() => pool.close())
                .then(() => office.close())
                .then(() => db.close())
                .catch(() => {})
                .finally(() => {
                  rmSync(dir, { recursive: true, force: true });
                  closed();
                });
            }),
          ),
      });
    });
    server.on("error", fail);
  });
}

/** A session token for API calls made by the test itself (setup, not what is being tested). */
export async function apiLogin(url: string, username: string, password: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) });
  if (!r.ok) throw new Error(`login ${username}: ${r.status}`);
  return ((await r.json()) as { token: string }).token;
}

export async function apiCall<T>(url: string, token: string, path: string, init: { method?: string; json?: unknown } = {}): Promise<T> {
  const r = await fetch(`${url}${path}`, {
    method: init.method ?? (init.json ? "POST" : "GET"),
    headers: { authorization: `Bearer ${token}`, ...(init.json ? { "content-type": "application/json" } : {}) },
    body: init.json ? JSON.stringify(init.json) : undefined,
  });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** Follows an upload's job (setup through the API) until it is over. */
export async function followJob(url: string, token: string, id: string): Promise<IngestJob> {
  for (let i = 0; i < 600; i++) {
    const job = await apiCall<IngestJob>(url, token, `/api/jobs/${id}`);
    if (job.state === "done" || job.state === "failed") return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} is not over after a minute`);
}

/** Logs the page in as admin through the login form, as a person would. */
export async function loginAsAdmin(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/login`, { waitUntil: "domcontentloaded" });
  await page.getByLabel("用户名").fill("admin");
  await page.getByLabel("密码").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

/** A desktop page logged in as admin in a fresh context of the shared browser, collecting page errors. */
export async function openAdminPage(url: string): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const browser = await sharedBrowser();
  const ctx = await browser.newContext({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await loginAsAdmin(page, url);
  return { ctx, page, errors };
}

/** Closes what openAdminPage and startWebServer opened. */
export async function closeAdminPage(ctx: BrowserContext | undefined, server: WebServer | undefined): Promise<void> {
  await ctx?.close();
  await closeBrowser();
  await server?.stop();
}

/**
 * What a page shows when a test on it failed, written to the test's output: its address and the words of its
 * messages, alerts, open dialogs and form errors. CI keeps the log, not the screenshots, and a wait that timed out
 * says only what it waited for, not what the page said instead (保存失败：…, a form error, a dialog still open).
 */
export async function explainPage(p: Page, label: string): Promise<void> {
  const said = await p
    .locator(".ant-message-notice, .ant-alert, .ant-modal-wrap:not([style*='display: none']) .ant-modal, .ant-form-item-explain-error, .ant-popover:not(.ant-popover-hidden)")
    .allInnerTexts()
    .catch((e: Error) => [`（读不到页面：${e.message.split("\n")[0]}）`]);
  process.stderr.write(`[e2e ${label}] ${p.url()}\n${said.map((s) => `  · ${s.replace(/\s+/g, " ").trim()}`).join("\n") || "  （页面上没有提示、对话框或表单错误）"}\n`);
}
