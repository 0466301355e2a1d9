/**
 * The import dialogs in Debian's Chromium against the real server with the example documents: on a document's
 * 任务分工表, 导入进展 previews a filled table (a good row, a row with an unknown 任务编号 in red), refuses to confirm
 * until 跳过有误的行 is ticked, then records the good row; 导入分工 previews an office's sheet and applies it.
 * Screenshots: test-output/e2e/import-*.png.
 */
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { excelWorkbook } from "../support/xlsx.js";
import { ADMIN_PASSWORD, apiCall, apiLogin, closeAdminPage, HAVE_CHROMIUM, openAdminPage, SHOTS, startWebServer, type WebServer } from "./harness.js";

interface Task {
  id: number;
  measureLabel: string;
  measureId: number;
  bodyName: string;
  status: string;
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe.skipIf(!HAVE_CHROMIUM)("importing office files (Chromium)", () => {
  let server: WebServer;
  let ctx: BrowserContext;
  let page: Page;
  let errors: string[] = [];
  let token: string;
  let docId: number;
  let tasks: Task[];

  beforeAll(async () => {
    server = await startWebServer({ today: "2020-06-15" });
    token = await apiLogin(server.url, "admin", ADMIN_PASSWORD);
    const docs = await apiCall<{ items: Array<{ id: number; title: string | null }> }>(server.url, token, "/api/documents?pageSize=50");
    docId = docs.items.find((d) => d.title === "关于应对疫情影响进一步促进信息服务和消费的若干政策措施")!.id;
    tasks = (await apiCall<{ items: Task[] }>(server.url, token, `/api/tasks?document=${docId}&pageSize=200`)).items;
    ({ ctx, page, errors } = await openAdminPage(server.url));
  });
  afterAll(() => closeAdminPage(ctx, server));

  it("previews a filled 任务分工表, refuses until the bad row is skipped, then records the good row", async () => {
    const task = tasks.find((t) => !["done", "done_late", "suspended"].includes(t.status))!;
    const bytes = await excelWorkbook([
      {
        rows: [
          ["任务分工表（填报）"],
          ["序号", "填报单位", "最新进展", "完成数值", "完成情况", "任务编号"],
          [task.measureLabel, task.bodyName, "浏览器中导入的进展<script>alert(1)</script>", null, "推进中", task.id],
          ["9.", "某单位", "编号错误的行", null, null, 999999],
        ],
        merges: ["A1:F1"],
      },
    ]);
    await page.goto(`${server.url}/documents/${docId}/tasks`, { waitUntil: "domcontentloaded" });
    await page.getByRole("button", { name: "导入进展（Excel）" }).click();
    const dialog = page.getByRole("dialog", { name: "导入进展（Excel）" });
    await dialog.locator('input[type="file"]').setInputFiles({ name: "进展.xlsx", mimeType: XLSX, buffer: bytes });
    await dialog.getByText("将记录 1 行（1 条进展），无变化 0 行，有误 1 行").waitFor();
    await dialog.getByText("第 4 行：任务编号 999999 不存在").waitFor();
    // the text is shown as text, never run
    await dialog.getByText("<script>alert(1)</script>", { exact: false }).waitFor();
    const confirm = dialog.getByRole("button", { name: /确认导入/ });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.screenshot({ path: join(SHOTS, "import-progress-preview.png") });
    await dialog.getByLabel(/跳过有误的行/).check();
    await confirm.click();
    await page.getByText("已导入 1 条进展，等待审核；跳过有误的第 4 行").waitFor();
    const reports = await apiCall<{ items: Array<{ text: string; review: unknown }> }>(server.url, token, `/api/tasks/${task.id}/reports`);
    expect(reports.items.at(-1)).toMatchObject({ text: "浏览器中导入的进展<script>alert(1)</script>", review: null });
    expect(errors).toEqual([]);
  });

  it("previews an office's 分工 sheet and applies it", async () => {
    const task = tasks[0]!;
    const measure = await apiCall<{ label: string; title: string; bodies: Array<{ bodyName: string; role: string }> }>(server.url, token, `/api/measures/${task.measureId}`);
    const leads = measure.bodies.filter((b) => b.role === "lead").map((b) => b.bodyName);
    // the same bodies, plus one the system knows from another measure, as 配合
    const other = tasks.find((t) => !measure.bodies.some((b) => b.bodyName === t.bodyName))!.bodyName;
    const supporting = [...measure.bodies.filter((b) => b.role === "supporting").map((b) => b.bodyName), other];
    const bytes = await excelWorkbook([{ rows: [["序号", "具体措施", "牵头单位", "配合单位"], [measure.label, measure.title, leads.join("、"), supporting.join("、")]] }]);
    await page.goto(`${server.url}/documents/${docId}/tasks`, { waitUntil: "domcontentloaded" });
    await page.getByRole("button", { name: "导入分工" }).click();
    const dialog = page.getByRole("dialog", { name: "导入分工（Excel）" });
    await dialog.locator('input[type="file"]').setInputFiles({ name: "分工.xlsx", mimeType: XLSX, buffer: bytes });
    await dialog.getByText(/^新增 1 项，调整 0 项，移除 0 项，不能移除 0 项/).waitFor();
    await dialog.screenshot({ path: join(SHOTS, "import-assignments-preview.png") });
    await dialog.getByRole("button", { name: /确认导入/ }).click();
    await page.getByText("已导入分工：新增 1 项，调整 0 项，移除 0 项").waitFor();
    const after = await apiCall<{ bodies: Array<{ bodyName: string; role: string }> }>(server.url, token, `/api/measures/${task.measureId}`);
    expect(after.bodies).toContainEqual(expect.objectContaining({ bodyName: other, role: "supporting" }));
    expect(errors).toEqual([]);
  });
});
