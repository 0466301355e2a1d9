/**
 * The administration pages in Debian's Chromium against the real server with the example documents: create a user
 * bound to a body and disable it; filter the audit log; correct a measure's target and read it on the public page;
 * delete a document and restore it from the recycle bin; and every admin page at 390 px phone width, reached through
 * the navigation drawer, without sideways scrolling. Screenshots: test-output/e2e/admin-*.png.
 */
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sharedBrowser } from "../support/formats.js";
import { ADMIN_PASSWORD, apiCall, apiLogin, closeAdminPage, explainPage, HAVE_CHROMIUM, openAdminPage, SHOTS, startWebServer, type WebServer } from "./harness.js";

interface Doc {
  id: number;
  title: string | null;
}
interface Measure {
  id: number;
  title: string;
  quantities: Array<{ id: number; indicator: string | null; value: number; unit: string; kind: string }>;
}

// evaluated in the page, not in Node
declare const document: { documentElement: { scrollWidth: number } };

describe.skipIf(!HAVE_CHROMIUM)("administration pages (Chromium)", () => {
  let server: WebServer;
  let ctx: BrowserContext;
  let page: Page;
  let errors: string[] = [];
  let token: string;
  let gd: Doc; // 粤工信信软〔2020〕37号
  const shot = (p: Page, name: string, fullPage = true) => p.screenshot({ path: join(SHOTS, `admin-${name}.png`), fullPage });
  const go = (p: Page, path: string) => p.goto(server.url + path, { waitUntil: "domcontentloaded" });

  beforeAll(async () => {
    server = await startWebServer({ today: "2020-06-15" });
    token = await apiLogin(server.url, "admin", ADMIN_PASSWORD);
    const docs = await apiCall<{ items: Doc[] }>(server.url, token, "/api/documents?pageSize=50");
    gd = docs.items.find((d) => d.title === "关于应对疫情影响进一步促进信息服务和消费的若干政策措施")!;
    ({ ctx, page, errors } = await openAdminPage(server.url));
    await page.setViewportSize({ width: 1280, height: 900 });
  });
  afterEach(async (t) => {
    if (t.task.result?.state === "fail") {
      await explainPage(page, t.task.name);
      await shot(page, `FAIL-${t.task.name.slice(0, 30)}`).catch(() => {});
    }
  });
  afterAll(() => closeAdminPage(ctx, server));

  it("creates a user bound to a body, then disables it", async () => {
    await go(page, "/admin/users");
    await page.getByRole("heading", { name: "用户管理" }).waitFor();
    await page.getByRole("button", { name: "新建用户" }).click();
    const dialog = page.getByRole("dialog", { name: "新建用户" });
    await dialog.getByLabel("用户名").fill("tongxin");
    await dialog.getByLabel("姓名").fill("省通信管理局填报员");
    // an editor by default: bind the body
    const picker = dialog.getByLabel("绑定责任单位");
    await picker.click();
    await picker.fill("广东省通信管理局");
    // taken with Enter once the answer offers it, as in the 调整分工 dialog (a click on a found name was lost now and
    // then with the CPU loaded)
    await page.locator(".ant-select-item-option-active", { hasText: /^广东省通信管理局$/ }).waitFor();
    await picker.press("Enter");
    await page.keyboard.press("Escape");
    await dialog.getByRole("button", { name: /创\s*建/ }).click();
    const shown = page.locator('[data-testid="shown-password"]');
    await shown.waitFor();
    const password = (await shown.innerText()).trim();
    expect(password.length).toBeGreaterThanOrEqual(10);
    await shot(page, "users-password-shown", false);
    await page.getByRole("button", { name: "我已记下" }).click();
    const row = page.getByRole("row", { name: /tongxin/ });
    await row.getByText("广东省通信管理局").waitFor();
    await shot(page, "users-created");
    // the new user logs in with the password shown once
    expect((await apiLogin(server.url, "tongxin", password)).length).toBeGreaterThan(10);

    await row.getByRole("button", { name: "停用tongxin" }).click();
    await page.getByRole("tooltip").getByRole("button", { name: /停\s*用/ }).click();
    await row.getByText("已停用").waitFor();
    const users = await apiCall<{ items: Array<{ username: string; disabled: boolean; bodyIds: number[] }> }>(server.url, token, "/api/users");
    const u = users.items.find((x) => x.username === "tongxin")!;
    expect(u.disabled).toBe(true);
    expect(u.bodyIds).toHaveLength(1);
    await expect(apiLogin(server.url, "tongxin", password)).rejects.toThrow(/401/);
  });

  it("creates a supervisor limited to a region", async () => {
    await go(page, "/admin/users");
    await page.getByRole("button", { name: "新建用户" }).click();
    const dialog = page.getByRole("dialog", { name: "新建用户" });
    await dialog.getByLabel("用户名").fill("jiangmen-duban");
    await dialog.getByLabel("角色").click();
    await page.locator(".ant-select-item-option", { hasText: "督查人员" }).click();
    await dialog.getByLabel("限定地区").fill("江门市");
    await dialog.getByRole("button", { name: /创\s*建/ }).click();
    await page.locator('[data-testid="shown-password"]').waitFor();
    await page.getByRole("button", { name: "我已记下" }).click();
    await page.getByRole("row", { name: /jiangmen-duban/ }).getByText("江门市").waitFor();
    const users = await apiCall<{ items: Array<{ username: string; role: string; region: string | null }> }>(server.url, token, "/api/users");
    expect(users.items.find((x) => x.username === "jiangmen-duban")).toMatchObject({ role: "supervisor", region: "江门市" });
  });

  it("filters the audit log by who, what and document", async () => {
    await go(page, "/admin/audit");
    await page.getByRole("heading", { name: "审计日志" }).waitFor();
    const table = page.locator('[data-testid="audit-table"]');
    await table.locator(".ant-table-row").first().waitFor();
    await page.getByLabel("操作", { exact: true }).click();
    await page.locator(".ant-select-item-option", { hasText: "新建用户" }).click();
    await page.waitForURL(/action=user\.create/);
    await expect.poll(async () => (await table.locator(".ant-table-row").allInnerTexts()).join("\n")).toContain("tongxin");
    const actions = await table.locator(".ant-table-row td:nth-child(3)").allInnerTexts();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(["新建用户"]));
    await page.getByLabel("操作人").click();
    await page.locator(".ant-select-item-option", { hasText: /^system$/ }).click();
    await page.waitForURL(/actor=system/);
    // the first admin was made by the system, tongxin by admin
    await expect.poll(async () => (await table.locator(".ant-table-row").allInnerTexts()).join("\n")).not.toContain("tongxin");
    expect(await table.locator(".ant-table-row").count()).toBe(1);
    await shot(page, "audit-filtered");

    await go(page, `/admin/audit?document=${gd.id}`);
    await table.locator(".ant-table-row").first().waitFor();
    const objects = await table.locator(".ant-table-row td:nth-child(4)").allInnerTexts();
    // the object named in words: the document by its title (the entries of this document here are its own)
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.every((o) => o === `文件：${gd.title}`)).toBe(true);
  });

  it("corrects a measure's target, and the public page shows the corrected value", async () => {
    const measures = await apiCall<{ items: Measure[] }>(server.url, token, `/api/measures?document=${gd.id}&pageSize=200`);
    const m = measures.items.find((x) => x.title === "提速5G网络建设")!;
    const target = m.quantities.find((q) => q.indicator === "5G基站")!;
    expect(target.value).toBe(48000);
    await go(page, `/documents/${gd.id}/review?measure=${m.id}`);
    const quantities = page.locator('[data-testid="review-quantities"]');
    await quantities.getByText("4.8万座").waitFor();
    await quantities.getByRole("button", { name: "校正5G基站" }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("指标名称").fill("5G宏基站");
    await dialog.getByLabel("数值", { exact: true }).fill("-5");
    await dialog.getByText("数值不能为负数").waitFor();
    await dialog.getByLabel("数值", { exact: true }).fill("50000");
    await dialog.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByText("已保存，记入审计日志").waitFor();
    await quantities.getByText("5G宏基站").waitFor();
    await quantities.getByText("5万座").waitFor();
    await shot(page, "review-corrected");

    const pub = await ctx.browser()!.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 900 } });
    const p = await pub.newPage();
    p.on("pageerror", (e) => errors.push(e.message));
    await go(p, `/public/documents/${gd.id}`);
    const tags = p.locator('[data-testid="public-quantity"]');
    await tags.first().waitFor();
    const texts = await tags.allInnerTexts();
    expect(texts).toContain("量化目标：5G宏基站 5万座（2020年9月30日前）");
    expect(texts.join("\n")).not.toContain("4.8万座");
    // a cap is written as a cap; a lapsed policy is marked
    await p.getByRole("tab", { name: "奖补政策" }).click();
    await p.locator('[data-testid="incentive-amount"]', { hasText: "奖励 最高1000万元" }).waitFor();
    await p.locator("article h2").getByText("已失效").waitFor();
    await shot(p, "public-corrected");
    await pub.close();

    const log = await apiCall<{ items: Array<{ before: { value: number }; after: { value: number; indicator: string } }> }>(
      server.url,
      token,
      `/api/audit?action=target.update&entity=target&entityId=${target.id}`,
    );
    expect(log.items[0]!.before.value).toBe(48000);
    expect(log.items[0]!.after).toMatchObject({ value: 50000, indicator: "5G宏基站" });
  });

  it("deletes a document into the recycle bin and restores it", async () => {
    await go(page, "/documents");
    const row = page.getByRole("row", { name: /2017年广东省信息化发展工作要点/ });
    await row.getByRole("button", { name: /删除2017年广东省信息化发展工作要点/ }).click();
    await page.getByRole("tooltip").getByRole("button", { name: /删\s*除/ }).click();
    await page.getByText(/已删除《2017年广东省信息化发展工作要点》/).waitFor();
    await expect.poll(() => page.getByRole("row", { name: /2017年广东省信息化发展工作要点/ }).count()).toBe(0);
    await go(page, "/admin/trash");
    const bin = page.getByRole("row", { name: /2017年广东省信息化发展工作要点/ });
    await bin.waitFor();
    await shot(page, "trash");
    await bin.getByRole("button", { name: /恢复/ }).click();
    await page.getByRole("tooltip").getByRole("button", { name: /恢\s*复/ }).click();
    await page.getByText(/已恢复《2017年广东省信息化发展工作要点》/).waitFor();
    const docs = await apiCall<{ items: Doc[] }>(server.url, token, "/api/documents?pageSize=50");
    expect(docs.items.map((d) => d.title)).toContain("2017年广东省信息化发展工作要点");
  });

  it("fits a 390px phone: the navigation opens in a drawer, and no admin page scrolls sideways", async () => {
    const phone = await (await sharedBrowser()).newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
    const p = await phone.newPage();
    p.on("pageerror", (e) => errors.push(e.message));
    await go(p, "/login");
    await p.getByLabel("用户名").fill("admin");
    await p.getByLabel("密码").fill(ADMIN_PASSWORD);
    await p.getByRole("button", { name: /登\s*录/ }).click();
    await p.waitForURL((u) => !u.pathname.startsWith("/login"));
    await p.getByRole("button", { name: "打开导航菜单" }).click();
    await p.getByRole("dialog").getByRole("link", { name: "用户管理" }).click();
    await p.getByRole("heading", { name: "用户管理" }).waitFor();
    await p.getByRole("row", { name: /tongxin/ }).waitFor();
    for (const [path, heading] of [
      ["/admin/users", "用户管理"],
      ["/admin/bodies", "责任单位"],
      ["/admin/audit", "审计日志"],
      ["/admin/trash", "回收站"],
      [`/documents/${gd.id}/review`, "校正解析结果"],
      ["/", "督查总览"],
      ["/documents", "政策文件"],
    ] as const) {
      await go(p, path);
      await p.getByRole("heading", { name: heading, exact: true }).waitFor();
      await p.waitForLoadState("networkidle");
      expect(await p.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      await shot(p, `phone-${path.split("/").filter(Boolean).join("-") || "dashboard"}`);
    }
    // the document list is one short entry a document, not a nine-column table squeezed to a few characters a cell
    await go(p, "/documents");
    const entries = p.locator('[data-testid="document-list"] .ant-list-item');
    await entries.first().waitFor();
    for (const box of await Promise.all((await entries.all()).map((e) => e.boundingBox()))) expect(box!.height).toBeLessThan(180);
    expect(await p.locator(".ant-table").count()).toBe(0);
    // an entry names the issuing authorities, a joint document's first and how many in all
    const issuers = (await apiCall<{ issuers: string[] }>(server.url, token, `/api/documents/${gd.id}`)).issuers;
    expect(issuers.length).toBeGreaterThan(2);
    expect(await entries.filter({ hasText: gd.title! }).innerText()).toContain(`${issuers[0]}等 ${issuers.length} 个机关`);
    // a dialog's long title (调整分工：and the measure's heading) wraps short of the close button
    await go(p, `/documents/${gd.id}/tasks`);
    await p.getByRole("button", { name: /调整第 \d+ 条的分工/ }).first().click();
    const dialog = p.getByRole("dialog");
    const title = dialog.locator(".ant-modal-title");
    await title.waitFor();
    // a measure's heading can run to a sentence: the layout is tried with one whatever this one's length
    await title.evaluate((e) => (e.textContent = `调整分工：${"（一）加快推进新型基础设施建设".repeat(3)}`));
    // once the dialog has zoomed in: several lines
    await expect.poll(async () => (await title.boundingBox())!.height).toBeGreaterThan(30);
    await shot(p, "phone-assign-dialog", false);
    const [t, x] = [await title.boundingBox(), await dialog.locator(".ant-modal-close").boundingBox()];
    expect(t!.x + t!.width).toBeLessThanOrEqual(x!.x);
    await phone.close();
  });

  it("threw no errors in the page", () => {
    expect(errors).toEqual([]);
  });
});
