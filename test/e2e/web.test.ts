/**
 * The web app in Debian's Chromium against the real server: log in, upload a seed as DOCX (and a broken file),
 * see the outline and the bodies, assign a body, report progress as an editor and see the dashboard change,
 * send a report again after its answer was lost (stored once), change one's own password, search, read the public
 * page logged out, and a document full of markup shown as text.
 * A screenshot of every page goes to test-output/e2e/.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SEEDS_DIR } from "../support/api.js";
import { closeBrowser, docxOf, sharedBrowser } from "../support/formats.js";
import { ADMIN_PASSWORD, apiCall, apiLogin, explainPage, HAVE_CHROMIUM, SHOTS, startWebServer, type WebServer } from "./harness.js";

const TODAY = "2020-06-15";
const SEED = "004_ef97969b2831a9fe.txt";
const XSS = [
  "关于页面安全显示测试文本的通知",
  "测试〔2020〕9号",
  "各有关单位：",
  "一、安全显示",
  "（一）页面须把<script>window.__xss=1</script>显示为文字，由市信息中心牵头，2020年12月31日前完成。",
  "（二）<img src=x onerror=\"window.__xss=2\">与<b>粗体</b>都是文字，市网信办负责，建成示范点10个。",
  "测试市人民政府办公室",
  "2020年6月1日",
].join("\n");

// evaluated in the page, not in Node
declare const document: { querySelector(s: string): { scrollTop: number; textContent: string | null; getAttribute(n: string): string | null } | null };
declare const window: { __xss?: number };

if (!HAVE_CHROMIUM) console.warn("e2e: skipped — /usr/bin/chromium is missing (apt-get install -y chromium fonts-wqy-zenhei)");

describe.skipIf(!HAVE_CHROMIUM)("web app (Chromium)", () => {
  let server: WebServer;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let token: string;
  const errors: string[] = [];

  const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const go = (p: Page, path: string) => p.goto(server.url + path, { waitUntil: "domcontentloaded" });
  /** a browser of its own, logged in through the login page as `username` */
  const signIn = async (username: string, password: string) => {
    const ctx = await browser.newContext({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });
    const p = await ctx.newPage();
    p.on("pageerror", (e) => errors.push(e.message));
    await go(p, "/login");
    await p.getByLabel("用户名").fill(username);
    await p.getByLabel("密码").fill(password);
    await p.getByRole("button", { name: /登\s*录/ }).click();
    await p.getByRole("heading", { name: "督查总览" }).waitFor();
    return { ctx, p };
  };
  /** tasks closed (销号), on time or late */
  const doneCount = async (p: Page) => {
    let n = 0;
    for (const s of ["done", "done_late"]) n += Number((await p.locator(`[data-testid="status-counts"] [data-count="${s}"]`).innerText()).replace(/\D+/g, ""));
    return n;
  };

  beforeAll(async () => {
    server = await startWebServer({ today: TODAY });
    token = await apiLogin(server.url, "admin", ADMIN_PASSWORD);
    browser = await sharedBrowser();
    admin = await browser.newContext({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });
    page = await admin.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail")
      for (const p of admin.pages()) {
        await explainPage(p, ctx.task.name);
        await shot(p, `FAIL-${ctx.task.name.slice(0, 40)}`).catch(() => {});
      }
  });
  afterAll(async () => {
    await admin?.close();
    await closeBrowser();
    await server?.stop();
  });

  it("logs in and shows the dashboard", async () => {
    await go(page, "/");
    await page.waitForURL(/\/login/);
    await page.getByRole("heading", { name: "工作人员登录" }).waitFor();
    await shot(page, "01-login");
    await page.getByLabel("用户名").fill("admin");
    await page.getByLabel("密码").fill("wrong-password");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.getByText("用户名或密码错误").waitFor();
    await page.getByLabel("密码").fill(ADMIN_PASSWORD);
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.getByRole("heading", { name: "督查总览" }).waitFor();
    await page.locator('[data-testid="status-counts"]').waitFor();
    await page.locator("canvas").first().waitFor();
    expect(await doneCount(page)).toBeGreaterThanOrEqual(0);
    await shot(page, "02-dashboard");
  });

  it("uploads a seed as DOCX and a broken file; each file's outcome is shown", async () => {
    await go(page, "/documents");
    await page.getByRole("heading", { name: "上传文件" }).waitFor();
    const docx = await docxOf(readFileSync(join(SEEDS_DIR, SEED), "utf8"));
    await page.locator('.ant-upload input[type="file"]').setInputFiles([
      { name: "seed.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: docx },
      { name: "broken.docx", mimeType: "application/octet-stream", buffer: Buffer.from("this is not a zip file") },
      { name: "xss.txt", mimeType: "text/plain", buffer: Buffer.from(XSS, "utf8") },
    ]);
    // each upload is a job the page follows: its progress first, then the stored document or the reason
    await page.locator('[data-upload-state="working"]').first().waitFor();
    await page.locator('[data-upload-state="stored"]').nth(1).waitFor();
    await page.locator('[data-upload-state="error"]').waitFor();
    const failed = await page.locator('[data-upload-state="error"]').innerText();
    expect(failed).toContain("broken.docx");
    expect(failed).toContain("无法解析：未找到标题，也未找到编号的措施");
    await page.locator('[data-upload-state="uploading"], [data-upload-state="working"]').first().waitFor({ state: "detached" });
    expect(await page.locator('[data-upload-state="stored"]').first().getByRole("link", { name: "查看" }).count()).toBe(1);
    await shot(page, "03-documents-upload");
  });

  it("shows a document's outline beside its source, with bodies highlighted; the outline scrolls the source", async () => {
    const docs = await apiCall<{ items: Array<{ id: number; source: string }> }>(server.url, token, "/api/documents?pageSize=50");
    const id = docs.items.find((d) => d.source === "seed.docx")!.id;
    await go(page, `/documents/${id}`);
    await page.locator('[data-testid="source"] .hl').first().waitFor();
    const nodes = page.locator("nav.outline button.node");
    expect(await nodes.count()).toBeGreaterThan(3);
    expect(await page.locator('[data-testid="source"] .hl-lead, [data-testid="source"] .hl-body').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="source"] .hl-quantity, [data-testid="source"] .hl-time').count()).toBeGreaterThan(0);
    const src = page.locator('[data-testid="source"]');
    const before = await src.evaluate((e) => e.scrollTop);
    await nodes.nth((await nodes.count()) - 1).click();
    await page.waitForFunction((b) => (document.querySelector('[data-testid="source"]')?.scrollTop ?? 0) > b, before);
    await shot(page, "04-document-view");

    // publishing asks first, saying who will see the document; 不改 leaves it as it was
    const toggle = page.getByRole("switch", { name: "向公众公开" });
    const confirm = page.locator(".ant-popconfirm");
    expect(await toggle.getAttribute("aria-checked")).toBe("false");
    await toggle.click();
    await confirm.getByText("公开后公众可在政策公开专区看到此文件").waitFor();
    await confirm.getByRole("button", { name: /^不\s*改$/ }).click();
    expect(await toggle.getAttribute("aria-checked")).toBe("false");
    // gone before it is asked again: a click while it fades out lands on the leaving popup, not on the new one
    await confirm.getByText("公开后公众可在政策公开专区看到此文件").waitFor({ state: "hidden" });
    await toggle.click();
    await confirm.getByText("公开后公众可在政策公开专区看到此文件").waitFor();
    await confirm.getByRole("button", { name: /^公\s*开$/ }).click();
    await page.waitForFunction(() => document.querySelector('[role="switch"][aria-label="向公众公开"]')?.getAttribute("aria-checked") === "true");
    expect((await apiCall<{ published: boolean }>(server.url, token, `/api/documents/${id}`)).published).toBe(true);
  });

  it("shows the task-division table and audits an assignment in the history panel", async () => {
    const docs = await apiCall<{ items: Array<{ id: number; source: string }> }>(server.url, token, "/api/documents?pageSize=50");
    const id = docs.items.find((d) => d.source === "seed.docx")!.id;
    await go(page, `/documents/${id}/tasks`);
    await page.getByRole("columnheader", { name: "牵头单位" }).waitFor();
    for (const h of ["序号", "政策措施", "配合单位", "完成时限", "量化目标", "最新进展"]) await page.getByRole("columnheader", { name: h }).waitFor();
    await page.getByRole("button", { name: "调整第 1 条的分工" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("责任单位").click();
    await dialog.getByLabel("责任单位").fill("财政");
    // the first name found is offered (active) once the answer is in; Enter takes it. A click here failed now and
    // then with the CPU loaded: the list still stood open after it, with nothing chosen
    await page.locator(".ant-select-item-option-active", { hasText: "财政" }).waitFor();
    await dialog.getByLabel("责任单位").press("Enter");
    await expect.poll(() => dialog.locator(".ant-select").first().innerText(), { timeout: 10_000 }).toContain("财政");
    await dialog.getByRole("button", { name: /增\s*加/ }).click();
    await page.getByText(/分工已保存并记入审计日志|保存失败.*/).waitFor();
    expect(await page.getByText(/保存失败.*/).count()).toBe(0);
    await page.locator('[data-testid="history"]').getByText(/新增分工|调整分工/).first().waitFor();
    await dialog.waitFor({ state: "hidden" });
    await page.locator("h1").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "05-task-table.png") });
  });

  it("lets an editor report progress and ask to close; once an admin approves, the dashboard changes", async () => {
    const tasks = await apiCall<{ items: Array<{ id: number; bodyId: number; status: string; targets: unknown[] }> }>(
      server.url,
      token,
      "/api/tasks?pageSize=200",
    );
    const task = tasks.items.find((t) => t.status !== "done" && t.targets.length > 0) ?? tasks.items.find((t) => t.status !== "done")!;
    await apiCall(server.url, token, "/api/users", { json: { username: "editor1", password: "editor-password-1", role: "editor", bodyIds: [task.bodyId] } });

    await go(page, "/");
    await page.locator('[data-testid="status-counts"]').waitFor();
    const doneBefore = await doneCount(page);

    const ctx = await browser.newContext({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });
    const ed = await ctx.newPage();
    ed.on("pageerror", (e) => errors.push(e.message));
    await go(ed, "/my");
    await ed.getByLabel("用户名").fill("editor1");
    await ed.getByLabel("密码").fill("editor-password-1");
    await ed.getByRole("button", { name: /登\s*录/ }).click();
    await ed.getByRole("heading", { name: "我的任务" }).waitFor();
    await ed.locator(".ant-table-row").first().waitFor();
    await shot(ed, "06-my-tasks");
    await go(ed, `/tasks/${task.id}`);
    await ed.getByRole("heading", { name: "填报进展" }).waitFor();
    await ed.getByLabel("进展情况").fill("已完成全部建设任务，验收合格。");
    await ed.getByLabel(/完成数值/).fill("999999");
    await ed.getByLabel("佐证链接 1").fill("https://example.gov.cn/report/1");
    await ed.getByRole("checkbox", { name: "申请办结" }).check();
    await ed.getByRole("button", { name: /报\s*送/ }).click();
    await ed.getByText(/已报送并申请办结|报送失败/).waitFor();
    expect(await ed.getByText(/报送失败.*/).count()).toBe(0);
    await ed.locator('[data-testid="report"]').first().waitFor();
    expect(await ed.locator('[data-testid="report"]').first().innerText()).toContain("https://example.gov.cn/report/1");
    expect(await ed.locator('[data-testid="task-status"]').innerText()).toContain("待审核");
    await shot(ed, "07-task-report");
    await ctx.close();

    // not closed until it is approved (销号)
    await go(page, `/tasks/${task.id}`);
    await page.getByRole("button", { name: "通过并销号" }).click();
    // 销号 is asked once more, saying what it does
    const confirm = page.locator(".ant-popconfirm");
    await confirm.getByText("销号后任务视为办结，记入审计日志").waitFor();
    await confirm.getByRole("button", { name: /^销\s*号$/ }).click();
    await page.getByText("已通过，任务已销号").waitFor();
    await go(page, "/");
    await page.locator('[data-testid="status-counts"]').waitFor();
    await page.waitForFunction(
      (n) =>
        ["done", "done_late"].reduce(
          (sum, s) => sum + Number(document.querySelector(`[data-testid="status-counts"] [data-count="${s}"]`)?.textContent?.replace(/\D+/g, "")),
          0,
        ) === n,
      doneBefore + 1,
    );
    await shot(page, "08-dashboard-after-report");
  });

  it("stores a report once when its answer was lost and it is sent again", async () => {
    const tasks = await apiCall<{ items: Array<{ id: number; bodyId: number }> }>(server.url, token, "/api/tasks?pageSize=5");
    const task = tasks.items[0]!;
    await apiCall(server.url, token, "/api/users", { json: { username: "editor2", password: "Second-Editor-9", role: "editor", bodyIds: [task.bodyId] } });
    const { ctx, p: ed } = await signIn("editor2", "Second-Editor-9");
    // the first sending reaches the server, which stores the report, but its answer is lost on the way back
    const keys: string[] = [];
    await ed.route("**/api/tasks/*/reports", async (route) => {
      keys.push(route.request().headers()["idempotency-key"] ?? "");
      const answer = await route.fetch();
      if (keys.length === 1) await route.abort("connectionreset");
      else await route.fulfill({ response: answer });
    });
    await go(ed, `/tasks/${task.id}`);
    await ed.getByRole("heading", { name: "填报进展" }).waitFor();
    await ed.getByLabel("进展情况").fill("答复丢失后重发的进展。");
    await ed.getByRole("button", { name: /报\s*送/ }).click();
    await ed.getByText(/报送失败/).waitFor();
    await ed.getByRole("button", { name: /报\s*送/ }).click();
    await ed.getByText("进展已报送").waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    const stored = await apiCall<{ items: Array<{ text: string }> }>(server.url, token, `/api/tasks/${task.id}/reports`);
    expect(stored.items.filter((r) => r.text === "答复丢失后重发的进展。")).toHaveLength(1);
    await ctx.close();
  });

  it("lets a user change their own password, saying what the policy refuses", async () => {
    await apiCall(server.url, token, "/api/users", { json: { username: "supervisor2", password: "Watchful-Eye-42", role: "supervisor" } });
    const { ctx, p: sv } = await signIn("supervisor2", "Watchful-Eye-42");
    await sv.getByRole("button", { name: "修改密码" }).click();
    const dialog = sv.getByRole("dialog", { name: "修改密码" });
    await dialog.getByLabel("当前密码").fill("Watchful-Eye-42");
    await dialog.getByLabel("新密码", { exact: true }).fill("supervisor2-pass");
    await dialog.getByLabel("再次输入新密码").fill("supervisor2-pass");
    await dialog.getByRole("button", { name: /确认修改/ }).click();
    await dialog.getByText(/密码不符合要求：.*不能包含用户名/).waitFor();
    await shot(sv, "11-password-refused");
    await dialog.getByLabel("新密码", { exact: true }).fill("Quiet-Harbour-77");
    await dialog.getByLabel("再次输入新密码").fill("Quiet-Harbour-77");
    await dialog.getByRole("button", { name: /确认修改/ }).click();
    await dialog.getByText("密码已修改").waitFor();
    await ctx.close();
    expect(await apiLogin(server.url, "supervisor2", "Quiet-Harbour-77")).toBeTruthy();
  });

  it("searches with highlighted results", async () => {
    await go(page, "/search?q=" + encodeURIComponent("5G"));
    await page.locator('[data-testid="hit"]').first().waitFor();
    expect(await page.locator('[data-testid="hit"] mark.hit').count()).toBeGreaterThan(0);
    await shot(page, "09-search");
  });

  it("opens the public page logged out: documents, measures, incentives, search", async () => {
    const ctx = await browser.newContext({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });
    const pub = await ctx.newPage();
    pub.on("pageerror", (e) => errors.push(e.message));
    // a logged-out visitor is not asked who they are: no failed request, nothing in red in the console
    const consoleErrors: string[] = [];
    const failed: string[] = [];
    pub.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    pub.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    await go(pub, "/public");
    await pub.getByRole("heading", { name: "政策公开" }).waitFor();
    await pub.getByRole("heading", { name: "已公开文件" }).waitFor();
    await pub.locator(".ant-list-item a").first().waitFor();
    expect(await pub.getByRole("button", { name: "退出" }).count()).toBe(0);
    await shot(pub, "10-public");
    await pub.locator(".ant-list-item a").first().click();
    await pub.locator('[data-testid="public-measure"]').first().waitFor();
    await shot(pub, "11-public-document");
    await pub.getByLabel("检索政策").fill("补贴");
    await pub.getByLabel("检索政策").press("Enter");
    await pub.getByRole("heading", { name: /检索结果/ }).waitFor();
    await shot(pub, "12-public-search");
    await go(pub, "/login");
    await pub.getByLabel("用户名").waitFor();
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
    // staff pages send the public to the login page
    await go(pub, "/my");
    await pub.waitForURL(/\/login/);
    await ctx.close();
  });

  it("renders a document containing <script> and HTML as text", async () => {
    const docs = await apiCall<{ items: Array<{ id: number; source: string }> }>(server.url, token, "/api/documents?pageSize=50");
    const id = docs.items.find((d) => d.source === "xss.txt")!.id;
    await go(page, `/documents/${id}`);
    const src = page.locator('[data-testid="source"]');
    await src.getByText("<script>", { exact: false }).first().waitFor();
    const text = await src.innerText();
    expect(text).toContain("<script>window.__xss=1</script>");
    expect(text).toContain("<b>粗体</b>");
    expect(await src.locator("script, img, b").count()).toBe(0);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    await go(page, "/search?q=" + encodeURIComponent("粗体"));
    await page.locator('[data-testid="hit"]').first().waitFor();
    expect(await page.locator('[data-testid="hit"] b, [data-testid="hit"] img').count()).toBe(0);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    await go(page, `/documents/${id}`);
    await src.getByText("<script>", { exact: false }).first().waitFor();
    await shot(page, "13-document-markup-as-text");
  });

  it("threw no errors in the page", () => {
    expect(errors).toEqual([]);
  });
});
