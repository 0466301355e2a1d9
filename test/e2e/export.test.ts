/**
 * The download buttons in Debian's Chromium: the document's 任务分工表 and the task list download as Excel, Word and
 * CSV under their Chinese names, with the page's filters (an editor's list holds its own body's tasks only).
 * Screenshots of the buttons at 1280 and 390 px go to test-output/e2e/.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passwordOf } from "../support/api.js";
import { parseCsv, readXlsx } from "../support/office.js";
import { apiCall, apiLogin, ADMIN_PASSWORD, closeAdminPage, HAVE_CHROMIUM, openAdminPage, SHOTS, startWebServer, type WebServer } from "./harness.js";
import { sharedBrowser } from "../support/formats.js";

const TODAY = "2020-06-15";

describe.skipIf(!HAVE_CHROMIUM)("export buttons (Chromium)", () => {
  let server: WebServer;
  let ctx: BrowserContext;
  let page: Page;
  let errors: string[];
  let token: string;
  let document: { id: number; title: string };

  /** clicks a button and gives back the file the browser saved, with its name */
  const downloaded = async (p: Page, button: string) => {
    const [d] = await Promise.all([p.waitForEvent("download"), p.getByRole("button", { name: button }).click()]);
    const path = await d.path();
    return { name: d.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
  };

  beforeAll(async () => {
    server = await startWebServer({ today: TODAY });
    token = await apiLogin(server.url, "admin", ADMIN_PASSWORD);
    const docs = await apiCall<{ items: Array<{ id: number; title: string; tasks?: number }> }>(server.url, token, "/api/documents?pageSize=50");
    const withTasks = [];
    for (const d of docs.items) {
      const t = await apiCall<{ total: number }>(server.url, token, `/api/tasks?document=${d.id}&pageSize=1`);
      if (t.total > 0) withTasks.push(d);
    }
    document = withTasks[0]!;
    ({ ctx, page, errors } = await openAdminPage(server.url));
  });
  afterAll(async () => closeAdminPage(ctx, server));

  it("downloads the document's 任务分工表 as Excel and Word under its Chinese name", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}/documents/${document.id}/tasks`, { waitUntil: "domcontentloaded" });
    await page.getByRole("columnheader", { name: "牵头单位" }).waitFor();
    await page.screenshot({ path: join(SHOTS, "export-task-table-1280.png") });
    const xlsx = await downloaded(page, "导出 Excel");
    expect(xlsx.name).toBe(`${document.title}任务分工表.xlsx`);
    const x = await readXlsx(xlsx.bytes);
    const sheet = await x.sheet("任务分工表");
    expect(sheet.text("A3")).toBe("序号");
    expect(sheet.text("A1")).toBe(`${document.title}任务分工表`);
    const docx = await downloaded(page, "导出 Word");
    expect(docx.name).toBe(`${document.title}任务分工表.docx`);
    expect(Buffer.from(docx.bytes.slice(0, 2)).toString()).toBe("PK");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId("export-buttons").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "export-task-table-390.png") });
    expect(errors).toEqual([]);
  });

  it("downloads an editor's task list as CSV with the page's filters: its own body's tasks only", async () => {
    const tasks = await apiCall<{ items: Array<{ bodyId: number; bodyName: string }> }>(server.url, token, `/api/tasks?document=${document.id}&pageSize=200`);
    const body = tasks.items[0]!;
    const username = "export-e2e-editor";
    await apiCall(server.url, token, "/api/users", { json: { username, password: passwordOf(username), role: "editor", bodyIds: [body.bodyId] } });
    const browser = await sharedBrowser();
    const editorCtx = await browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    try {
      const p = await editorCtx.newPage();
      await p.goto(`${server.url}/login`, { waitUntil: "domcontentloaded" });
      await p.getByLabel("用户名").fill(username);
      await p.getByLabel("密码").fill(passwordOf(username));
      await p.getByRole("button", { name: /登\s*录/ }).click();
      await p.waitForURL((u) => !u.pathname.startsWith("/login"));
      await p.goto(`${server.url}/my`, { waitUntil: "domcontentloaded" });
      await p.getByTestId("export-buttons").waitFor();
      await p.locator(".ant-table-row").first().waitFor();
      await p.screenshot({ path: join(SHOTS, "export-my-tasks-1280.png") });
      const csv = await downloaded(p, "导出 CSV");
      expect(csv.name).toBe(`任务分工表（${body.bodyName}）.csv`);
      const [header, ...rows] = parseCsv(new TextDecoder().decode(csv.bytes).replace(/^\uFEFF/, ""));
      const col = header!.indexOf("填报单位");
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r[col]))).toEqual(new Set([body.bodyName]));
      await p.setViewportSize({ width: 390, height: 844 });
      await p.getByTestId("export-buttons").scrollIntoViewIfNeeded();
      await p.screenshot({ path: join(SHOTS, "export-my-tasks-390.png") });
    } finally {
      await editorCtx.close();
    }
  });
});
