/**
 * 建议责任单位 in the task-division table: a made-up document names its bodies in sentences (由X牵头, X负责, X会同Y);
 * the admin sees them as suggestions under each measure, confirms one into a task (it appears as 牵头单位 and in
 * the history) and dismisses another. Screenshots at desktop and 390px phone width: test-output/e2e/suggestions-*.png.
 */
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, apiLogin, closeAdminPage, followJob, HAVE_CHROMIUM, openAdminPage, SHOTS, startWebServer, type WebServer } from "./harness.js";

const DOC = [
  "关于推进社区养老服务的实施意见",
  "一、重点任务",
  "（一）建设社区食堂。由市民政局牵头，市财政局、市场监管局配合，2021年底前建成社区食堂50个。",
  "（二）培训护理人员。市人力资源社会保障局负责组织培训，各区人民政府要落实培训场地。",
  "（三）完善服务规范。市卫生健康委会同市医保局制定服务规范。（责任单位：市卫生健康委）",
  "示范市人民政府",
  "2021年3月1日",
].join("\n");

describe.skipIf(!HAVE_CHROMIUM)("suggested bodies in the web app (Chromium)", () => {
  let server: WebServer;
  let ctx: BrowserContext;
  let page: Page;
  let docId: number;
  let errors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    server = await startWebServer({ today: "2021-06-15", seed: false });
    const token = await apiLogin(server.url, "admin", ADMIN_PASSWORD);
    const form = new FormData();
    form.append("file", new File([DOC], "community-care.txt", { type: "text/plain" }));
    const r = await fetch(`${server.url}/api/documents`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
    expect(r.status).toBe(202);
    const job = await followJob(server.url, token, ((await r.json()) as { id: string }).id);
    expect(job.state).toBe("done");
    docId = job.result!.documentId;
    ({ ctx, page, errors } = await openAdminPage(server.url));
  });
  afterAll(() => closeAdminPage(ctx, server));

  it("shows the suggestions under each measure; an admin confirms one into a task and dismisses another", async () => {
    await page.goto(`${server.url}/documents/${docId}`, { waitUntil: "domcontentloaded" });
    expect(await page.locator('[data-testid="open-suggestions"]').innerText()).toContain("建议责任单位 6 项待确认");
    await page.goto(`${server.url}/documents/${docId}/tasks`, { waitUntil: "domcontentloaded" });
    const suggestions = page.locator('[data-testid="suggestions"]');
    await suggestions.first().waitFor();
    const text = (await suggestions.allInnerTexts()).join("\n");
    for (const name of ["市民政局", "市财政局", "市市场监管局", "市人力资源社会保障局", "各区人民政府", "市医保局"]) expect(text).toContain(name);
    // a body already tagged is a 责任单位, not a suggestion
    expect(text).not.toContain("市卫生健康委");
    await shot("suggestions-desktop");

    await page.getByRole("button", { name: "确认市民政局为责任单位" }).click();
    await page.getByText(/已确认：.*市民政局/).waitFor();
    await expect.poll(() => page.locator('[data-suggestion="市民政局"]').count()).toBe(0);
    await page.getByRole("row", { name: /建设社区食堂/ }).getByText("市民政局").first().waitFor();
    await page.locator('[data-testid="history"]').getByText(/新增分工/).first().waitFor();

    await page.getByRole("button", { name: "忽略建议市市场监管局" }).click();
    await page.getByText("已忽略建议：市市场监管局").waitFor();
    await expect.poll(() => page.locator('[data-suggestion="市市场监管局"]').count()).toBe(0);
    expect(await page.locator('[data-suggestion="市财政局"]').count()).toBe(1);
  });

  it("fits a 390px phone: the measure's dialog offers the suggestions with their buttons", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/documents/${docId}/tasks`, { waitUntil: "domcontentloaded" });
    await page.locator('[data-testid="suggestions"]').first().waitFor();
    await shot("suggestions-phone-table");
    await page.getByRole("button", { name: "调整第 2 条的分工" }).click();
    const dialog = page.getByRole("dialog");
    const item = dialog.locator('[data-testid="dialog-suggestions"] .ant-list-item', { hasText: "市财政局" });
    await item.waitFor();
    const ok = item.getByRole("button", { name: /确\s*认/ });
    const box = await ok.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await page.screenshot({ path: join(SHOTS, "suggestions-phone-dialog.png") });
    await ok.click();
    await page.getByText(/已确认：.*市财政局/).waitFor();
    await expect.poll(() => dialog.locator('[data-testid="dialog-suggestions"] .ant-list-item', { hasText: "市财政局" }).count()).toBe(0);
    expect(await dialog.getByText("配合").count()).toBeGreaterThan(0);
  });

  it("threw no errors in the page", () => {
    expect(errors).toEqual([]);
  });
});
