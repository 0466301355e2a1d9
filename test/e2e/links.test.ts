/**
 * The document view shows what a document implements and is implemented by: seed 001 implements seed 000
 * (found by the 文号 it cites), with a link there, per-measure links in the outline, coverage gaps and
 * cascades. Screenshots: test-output/e2e/links-*.png.
 */
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, apiCall, apiLogin, closeAdminPage, HAVE_CHROMIUM, openAdminPage, SHOTS, startWebServer, type WebServer } from "./harness.js";

describe.skipIf(!HAVE_CHROMIUM)("document links in the web app (Chromium)", () => {
  let server: WebServer;
  let ctx: BrowserContext;
  let page: Page;
  const ids: Record<string, number> = {};
  let errors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    server = await startWebServer({ today: "2020-06-15" });
    const token = await apiLogin(server.url, "admin", ADMIN_PASSWORD);
    const docs = await apiCall<{ items: Array<{ id: number; source: string }> }>(server.url, token, "/api/documents?pageSize=50");
    for (const d of docs.items) ids[d.source.slice(0, 3)] = d.id;
    ({ ctx, page, errors } = await openAdminPage(server.url));
  });
  afterAll(() => closeAdminPage(ctx, server));

  it("shows that seed 001 implements seed 000, links to it, and marks each measure", async () => {
    await page.goto(`${server.url}/documents/${ids["001"]}`, { waitUntil: "domcontentloaded" });
    const impl = page.locator('[data-testid="implements"]');
    await impl.waitFor();
    expect(await impl.innerText()).toContain("实施（上级文件）");
    const link = impl.getByRole("link", { name: "关于应对疫情影响进一步促进信息服务和消费的若干政策措施" });
    expect(await link.getAttribute("href")).toBe(`/documents/${ids["000"]}`);
    expect(await impl.innerText()).toContain("依据引用（文号 粤工信信软〔2020〕37号）");
    expect(await page.locator('[data-testid="measure-link"]').count()).toBeGreaterThan(20);
    await page.locator('[data-testid="measure-link"]').first().getByText(/落实上级 1\. 提速5G网络建设/).waitFor();
    await page.locator('[data-testid="gaps"]').first().waitFor();
    // the cited 文号 in the header is a link too
    expect(await page.getByRole("link", { name: /粤工信信软〔2020〕37号/ }).count()).toBeGreaterThan(0);
    await shot("links-001-implements-000");

    await link.click();
    await page.waitForURL(new RegExp(`/documents/${ids["000"]}$`));
    const by = page.locator('[data-testid="implemented-by"]');
    await by.waitFor();
    expect(await by.innerText()).toContain("被实施（下级文件）");
    expect(await by.getByRole("link").first().getAttribute("href")).toBe(`/documents/${ids["001"]}`);
    await shot("links-000-implemented-by-001");
  });

  it("shows 003 implementing 002 with its target cascades", async () => {
    await page.goto(`${server.url}/documents/${ids["003"]}`, { waitUntil: "domcontentloaded" });
    await page.locator('[data-testid="implements"]').getByRole("link", { name: /广东省扩大和升级信息消费实施方案/ }).waitFor();
    await page.locator('[data-testid="cascades"]').first().waitFor();
    await shot("links-003-implements-002");
  });

  it("threw no errors in the page", () => {
    expect(errors).toEqual([]);
  });
});
