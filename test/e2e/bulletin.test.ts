/**
 * 督查通报 in Debian's Chromium: an admin picks a month, sees the server's figures and downloads the PDF and the
 * Word file under their Chinese names. Screenshots go to test-output/e2e/.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BulletinFigures } from "../../src/model/bulletin.js";
import { apiCall, apiLogin, ADMIN_PASSWORD, HAVE_CHROMIUM, openAdminPage, SHOTS, startWebServer, type WebServer } from "./harness.js";

describe.skipIf(!HAVE_CHROMIUM)("督查通报 page (Chromium)", () => {
  let server: WebServer;
  let ctx: BrowserContext;
  let page: Page;
  let errors: string[];
  let token: string;

  beforeAll(async () => {
    // the server's clock says 2020-10-15; the examples were stored before the quarter, as they would have been
    server = await startWebServer({
      today: "2020-10-15",
      prepare: async (db) => {
        await db.query(`update document set created_at = '2020-01-02T00:00:00Z'`);
        await db.query(`update task set created_at = '2020-01-02T00:00:00Z'`);
      },
    });
    token = await apiLogin(server.url, "admin", ADMIN_PASSWORD);
    ({ ctx, page, errors } = await openAdminPage(server.url));
  }, 180_000);
  afterAll(async () => {
    await ctx?.close();
    await server?.stop();
  });

  it("previews a month's figures as the API gives them and downloads both files", async () => {
    await page.goto(`${server.url}/`, { waitUntil: "domcontentloaded" });
    await page.getByRole("link", { name: "督查通报" }).click();
    await page.getByRole("heading", { name: "生成督查通报" }).waitFor();
    await page.getByText("月度", { exact: true }).click();
    const month = page.getByRole("textbox", { name: "期间" });
    await month.click();
    await month.fill("2020-09");
    await month.press("Enter");
    await page.getByRole("heading", { name: "关于2020年9月重点任务落实情况的督查通报" }).waitFor();
    const f = await apiCall<BulletinFigures>(server.url, token, "/api/bulletin?period=2020-09");
    const card = page.locator(".ant-card", { hasText: "累计（截至2020年9月30日）" }).last();
    await expect.poll(async () => (await card.innerText()).replace(/\s+/g, " ")).toContain(`到期任务 ${f.cumulative.due}`);
    expect(f.cumulative.due).toBeGreaterThan(0);
    await page.getByRole("cell", { name: f.bodies[0]!.bodyName, exact: true }).first().waitFor();
    await page.screenshot({ path: join(SHOTS, "bulletin-01-preview.png"), fullPage: false });

    const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载 PDF" }).click()]);
    expect(pdf.suggestedFilename()).toBe("2020年9月督查通报.pdf");
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe("%PDF-");
    const [docx] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载 Word（DOCX）" }).click()]);
    expect(docx.suggestedFilename()).toBe("2020年9月督查通报.docx");
    expect(readFileSync((await docx.path())!).subarray(0, 2).toString()).toBe("PK");
    expect(errors).toEqual([]);
  }, 180_000);
});
