/**
 * The supervision loop in Chromium, as three users: a supervisor sends a 督办通知 on an overdue task; the body's
 * editor finds it in its inbox, acknowledges the task, reports with a PDF attached and asks to close; the
 * supervisor returns it with a reason; the editor reports again; the supervisor approves and closes it. The
 * dashboard, the document's task table and the audit log show each step; an editor of another body can read
 * none of it. Every page is also looked at 390 px wide. Screenshots go to test-output/e2e/loop-*.png.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { passwordOf } from "../support/api.js";
import { closeBrowser, sharedBrowser } from "../support/formats.js";
import { ADMIN_PASSWORD, apiCall, apiLogin, explainPage, HAVE_CHROMIUM, SHOTS, startWebServer, type WebServer } from "./harness.js";

const TODAY = "2020-06-15";
const PDF = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

// evaluated in the page, not in Node
declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };

interface TaskJson {
  id: number;
  bodyId: number;
  documentId: number;
  status: string;
  measureLabel: string;
}

describe.skipIf(!HAVE_CHROMIUM)("supervision loop (Chromium, three users)", () => {
  let server: WebServer;
  let browser: Browser;
  let admin: string;
  let task: TaskJson;
  let otherTask: TaskJson;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `loop-${name}.png`), fullPage: true });
  /** a logged-in page of one user, on a clock fixed at TODAY like the server's */
  const open = async (username: string, password: string, width = 1280): Promise<Page> => {
    const ctx = await browser.newContext({ locale: "zh-CN", viewport: { width, height: 900 } });
    contexts.push(ctx);
    await ctx.clock.setFixedTime(new Date(`${TODAY}T10:00:00+08:00`));
    await ctx.addCookies([{ name: "luoshi_session", value: await apiLogin(server.url, username, password), url: server.url }]);
    const page = await ctx.newPage();
    page.on("pageerror", (e) => errors.push(`${username}: ${e.message}`));
    return page;
  };
  const go = (p: Page, path: string) => p.goto(server.url + path, { waitUntil: "domcontentloaded" });
  const noSidewaysScroll = async (p: Page) => expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  beforeAll(async () => {
    server = await startWebServer({ today: TODAY });
    admin = await apiLogin(server.url, "admin", ADMIN_PASSWORD);
    const bodies = await apiCall<{ items: Array<{ id: number; name: string }> }>(server.url, admin, `/api/bodies?q=${encodeURIComponent("通信管理局")}`);
    const comms = bodies.items.find((b) => b.name === "广东省通信管理局")!.id;
    const overdue = await apiCall<{ items: TaskJson[] }>(server.url, admin, `/api/tasks?body=${comms}&status=overdue`);
    task = overdue.items[0]!;
    otherTask = (await apiCall<{ items: TaskJson[] }>(server.url, admin, "/api/tasks?pageSize=200")).items.find((t) => t.bodyId !== comms)!;
    for (const [username, role, bodyIds] of [["duban", "supervisor", undefined], ["comms", "editor", [comms]], ["other", "editor", [otherTask.bodyId]]] as const) {
      await apiCall(server.url, admin, "/api/users", { json: { username, password: passwordOf(username), role, bodyIds } });
    }
    browser = await sharedBrowser();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail")
      for (const c of contexts)
        for (const p of c.pages()) {
          await explainPage(p, ctx.task.name);
          await shot(p, `FAIL-${ctx.task.name.slice(0, 30)}`).catch(() => {});
        }
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await closeBrowser();
    await server?.stop();
  });

  it("walks the loop: notice, inbox, acknowledge, report with a PDF, return, report again, approve and close", async () => {
    const supervisor = await open("duban", passwordOf("duban"));
    const editor = await open("comms", passwordOf("comms"));

    // 1. the supervisor urges the overdue task with a text and a new time limit
    await go(supervisor, `/tasks/${task.id}`);
    await supervisor.getByRole("heading", { name: "发送督办通知" }).waitFor();
    const form = supervisor.locator('[data-testid="notice-form"]');
    await form.getByLabel("督办内容").fill("该任务已逾期，请于6月30日前报送整改情况。");
    await form.getByLabel("办理时限").fill("2020年6月30日");
    await form.getByLabel("办理时限").press("Enter");
    await form.getByRole("button", { name: "发送督办通知" }).click();
    await supervisor.getByText(/督办通知已发送/).waitFor();
    await supervisor.locator('[data-testid="notice"]').first().waitFor();
    expect(await supervisor.locator('[data-testid="notice"]').first().innerText()).toContain("2020年6月30日");
    await shot(supervisor, "01-supervisor-sends-notice");

    // 2. the editor finds it in the inbox, unread, and the task among those to acknowledge
    await go(editor, "/inbox");
    await editor.getByRole("heading", { name: "待办消息" }).waitFor();
    const notice = editor.locator('[data-testid="inbox-notices"] [data-testid="notice"]').first();
    await notice.waitFor();
    expect(await notice.innerText()).toContain("该任务已逾期");
    expect(await notice.innerText()).toContain("未读");
    await editor.locator('[data-testid="to-acknowledge"]').getByText(task.measureLabel).first().waitFor();
    await editor.locator('[data-testid="reminders"]').getByText("已逾期").first().waitFor();
    await shot(editor, "02-editor-inbox");

    // 3. opens the task (the notice is read), acknowledges it, reports with a PDF and asks to close
    await notice.getByRole("link", { name: `任务 ${task.id}` }).click();
    await editor.getByRole("button", { name: /签\s*收/ }).click();
    await editor.getByText("已签收").first().waitFor();
    await editor.getByLabel("进展情况").fill("已完成整改，附整改报告。");
    await editor.locator('input[type="file"]').setInputFiles({ name: "整改报告.pdf", mimeType: "application/pdf", buffer: Buffer.from(PDF) });
    await editor.locator(".ant-upload-list-item-done").first().waitFor();
    await editor.getByRole("checkbox", { name: "申请办结" }).check();
    await editor.getByRole("button", { name: /报\s*送/ }).click();
    await editor.getByText("已报送并申请办结，等待审核").waitFor();
    await editor.locator('[data-testid="report"]').first().getByText("整改报告.pdf").waitFor();
    expect(await editor.locator('[data-testid="task-status"]').innerText()).toContain("待审核");
    await shot(editor, "03-editor-reports-with-pdf");

    // 4. the supervisor sees the receipt and the report awaiting review, and returns it with a reason
    await go(supervisor, "/inbox");
    await supervisor.locator('[data-testid="pending-reviews"]').getByText("已完成整改，附整改报告。").waitFor();
    await shot(supervisor, "04-supervisor-inbox");
    await go(supervisor, `/tasks/${task.id}`);
    await supervisor.getByText(/comms .* 已读/).first().waitFor();
    await supervisor.getByRole("button", { name: /^退\s*回$/ }).click();
    await supervisor.getByLabel("退回理由（报送单位可见）").fill("缺少验收材料，请补充后重新报送。");
    await supervisor.getByRole("dialog").getByRole("button", { name: /退\s*回/ }).click();
    await supervisor.getByText("退回理由：缺少验收材料").waitFor();
    await shot(supervisor, "05-supervisor-returns");

    // 5. the editor sees the reason and reports again
    await go(editor, `/tasks/${task.id}`);
    await editor.getByText("退回理由：缺少验收材料，请补充后重新报送。").waitFor();
    expect(await editor.locator('[data-testid="report"][data-review="returned"]').count()).toBe(1);
    await editor.getByLabel("进展情况").fill("已补充验收材料，申请办结。");
    await editor.getByRole("checkbox", { name: "申请办结" }).check();
    await editor.getByRole("button", { name: /报\s*送/ }).click();
    await editor.getByText("已报送并申请办结，等待审核").waitFor();
    await shot(editor, "06-editor-reports-again");

    // 6. the supervisor approves: 销号, after the due date: 逾期办结
    await go(supervisor, `/tasks/${task.id}`);
    await supervisor.getByRole("button", { name: "通过并销号" }).click();
    // 销号 is asked once more, saying what it does
    const confirm = supervisor.locator(".ant-popconfirm");
    await confirm.getByText("销号后任务视为办结，记入审计日志").waitFor();
    await confirm.getByRole("button", { name: /^销\s*号$/ }).click();
    await supervisor.getByText("已通过，任务已销号").waitFor();
    await supervisor.locator('[data-testid="task-status"]').getByText("逾期办结").waitFor();
    await supervisor.locator('[data-testid="history"]').getByText("审核通过，销号").waitFor();
    await shot(supervisor, "07-supervisor-closes");

    // 7. the dashboard, the document's task table and the audit log show it
    await go(supervisor, "/");
    await supervisor.locator('[data-testid="status-counts"] [data-count="done_late"]').waitFor();
    await supervisor.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('[data-testid="status-counts"] [data-count="done_late"]')?.textContent?.includes("1 项"));
    await shot(supervisor, "08-dashboard");
    await go(supervisor, `/documents/${task.documentId}/tasks`);
    await supervisor.locator(`a[href="/tasks/${task.id}"]`).first().waitFor();
    const row = supervisor.locator("tr", { has: supervisor.locator(`a[href="/tasks/${task.id}"]`) }).first();
    expect(await row.innerText()).toContain("逾期办结");
    expect(await row.innerText()).toContain(`${task.measureLabel} `); // the label as written (5.), not the path
    await row.locator('[data-status="done_late"]').scrollIntoViewIfNeeded();
    await supervisor.screenshot({ path: join(SHOTS, "loop-09-task-table.png") });
    const log = await apiCall<{ items: Array<{ action: string; actor: string }> }>(server.url, admin, `/api/audit?entity=task&entityId=${task.id}`);
    const steps = log.items.map((e) => `${e.actor}:${e.action}`).reverse();
    expect(steps).toEqual(["comms:task.acknowledge", "comms:report.close_request", "duban:report.return", "comms:report.close_request", "duban:task.close"]);
    const sent = await apiCall<{ items: Array<{ after: { taskIds: number[] } }> }>(server.url, admin, "/api/audit?action=notice.send");
    expect(sent.items[0]!.after.taskIds).toEqual([task.id]);
    writeFileSync(join(SHOTS, "loop-audit.json"), JSON.stringify({ task: task.id, steps, notice: sent.items[0] }, null, 2));
    // the audit page names each step in words, as officials read it
    await go(supervisor, `/admin/audit?document=${task.documentId}`);
    const table = supervisor.locator(".ant-table-tbody");
    for (const words of ["发送督办通知", "签收任务", "申请办结", "退回报送", "审核通过并销号"]) await table.getByText(words, { exact: true }).first().waitFor();
    expect(await table.innerText()).not.toMatch(/\b(task|report|notice)\.[a-z_]+/);
    await shot(supervisor, "09b-audit-page");
  }, 180_000);

  it("keeps an editor of another body out, by the page and by the API", async () => {
    const other = await open("other", passwordOf("other"));
    await go(other, `/tasks/${task.id}`);
    await other.getByText(`任务 ${task.id} 不存在`).waitFor();
    const api = async (path: string) => (await other.request.get(server.url + path)).status();
    expect(await api(`/api/tasks/${task.id}`)).toBe(404);
    expect(await api(`/api/tasks/${task.id}/reports`)).toBe(404);
    expect(await api(`/api/tasks?body=${task.bodyId}`)).toBe(403);
    const detail = await apiCall<{ progressReports: Array<{ attachments: Array<{ id: number }> }>; notices: Array<{ id: number }> }>(server.url, admin, `/api/tasks/${task.id}`);
    expect(await api(`/api/attachments/${detail.progressReports[0]!.attachments[0]!.id}`)).toBe(404);
    expect((await other.request.post(`${server.url}/api/notices/${detail.notices[0]!.id}/read`)).status()).toBe(404);
    await go(other, "/inbox");
    await other.getByRole("heading", { name: "待办消息" }).waitFor();
    expect(await other.locator('[data-testid="inbox-notices"] [data-testid="notice"]').count()).toBe(0);
    await shot(other, "10-other-body-refused");
  });

  it("serves every page of the loop at phone width without sideways scroll, navigation reachable", async () => {
    for (const [user, paths] of [
      ["comms", ["/inbox", `/tasks/${task.id}`, "/", "/my", "/documents"]],
      ["duban", ["/inbox", `/tasks/${task.id}`, "/", `/documents/${task.documentId}/tasks`, `/documents/${task.documentId}`]],
    ] as const) {
      const p = await open(user, passwordOf(user), 390);
      for (const path of paths) {
        await go(p, path);
        await p.locator("h1").first().waitFor();
        await p.waitForLoadState("networkidle");
        await noSidewaysScroll(p);
        await shot(p, `390-${user}-${path.replace(/\W+/g, "-").replace(/^-|-$/g, "") || "dashboard"}`);
      }
      // every page of the menu can be reached from the phone
      await p.getByRole("button", { name: "打开导航菜单" }).click();
      await p.getByRole("menuitem", { name: "待办消息" }).click();
      await p.waitForURL(/\/inbox$/);
    }
    expect(errors).toEqual([]);
  }, 180_000);
});
