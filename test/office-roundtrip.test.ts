/**
 * The 任务分工表 out and back in: the exporter's XLSX, filled in with another spreadsheet library as a body would
 * (values and text typed into the body's columns, merged cells left as they are, one row deleted, two rows of a
 * measure swapped), read back by the importer; the stored reports are what was written. A file with one bad row is
 * refused whole, naming the row and the problem, and records nothing.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ImportError } from "../src/office/import-error.js";
import { TASK_SHEET_NAME, TASK_TABLE_COLUMNS } from "../src/office/layout.js";
import { confirmProgress, planProgress, readProgressSheet } from "../src/office/progress-import.js";
import { gatherTaskTable } from "../src/office/task-table.js";
import { taskTableXlsx } from "../src/office/xlsx-export.js";
import type { Db } from "../src/store/db.js";
import { listReports } from "../src/track/tasks.js";
import { describeEngines } from "./support/engines.js";
import { seedImportWorld, type ImportWorld } from "./support/office-import.js";

const TODAY = "2020-06-15";
const HEADERS = Object.fromEntries(TASK_TABLE_COLUMNS.map((c) => [c.key, c.header]));

describeEngines("任务分工表 round trip: export, fill in as a body would, import", (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let w: ImportWorld;

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    w = await seedImportWorld(db);
  });
  afterAll(async () => close?.());

  const exported = async () =>
    taskTableXlsx(await gatherTaskTable(db, { filter: { documentId: w.documentId }, today: TODAY, now: new Date(`${TODAY}T08:00:00Z`) }));

  /** The exported sheet opened in exceljs, its columns found by header text as a person finds them. */
  async function open(bytes: Uint8Array) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(TASK_SHEET_NAME)!;
    let headerRow = 0;
    const col: Record<string, number> = {};
    ws.eachRow((row, r) => {
      if (headerRow) return;
      row.eachCell((cell, c) => {
        const key = Object.entries(HEADERS).find(([, h]) => h === String(cell.value ?? "").trim())?.[0];
        if (key) col[key] = c;
      });
      if (col.taskId && col.latest) headerRow = r;
    });
    const rowOf = (taskId: number) => {
      for (let r = headerRow + 1; r <= ws.rowCount; r++) if (Number(ws.getCell(r, col.taskId!).value) === taskId) return r;
      throw new Error(`no row for task ${taskId}`);
    };
    return { wb, ws, col, rowOf, headerRow };
  }

  const save = async (wb: ExcelJS.Workbook) => new Uint8Array(await wb.xlsx.writeBuffer());

  const reportCount = async () => (await db.query<{ n: number }>(`select count(*)::int as n from progress_report`)).rows[0]!.n;

  it("records what the body wrote, whatever rows it deleted or moved", async () => {
    const g5 = w.task("一/1", "通信管理局");
    const rural = w.task("一/2", "通信管理局");
    const ruralFinance = w.task("一/2", "财政厅");
    const health = w.task("二/1", "通信管理局");
    const { wb, ws, col, rowOf } = await open(await exported());
    // every per-measure column of a measure with two bodies is merged down its rows, as exported
    const merged = (ws.model as unknown as { merges: string[] }).merges;
    expect(merged.length).toBeGreaterThan(0);

    const fill = (taskId: number, latest: string, value: string | number | null, completion: string) => {
      const r = rowOf(taskId);
      ws.getCell(r, col.latest!).value = latest;
      if (value !== null) ws.getCell(r, col.value!).value = value;
      ws.getCell(r, col.completion!).value = completion;
    };
    fill(g5, "5G基站已建成4.9万座，用户2100万户", "5G基站：49000；5G用户数：2100万", "已完成");
    fill(rural, "自然村光纤通达率达到92%", "92%", "推进中");
    fill(ruralFinance, "已拨付奖补资金", null, "推进中");

    // the two rows of 一/2 swapped: their own cells change places, the measure's merged cells stay
    const a = rowOf(rural);
    const b = rowOf(ruralFinance);
    const own = TASK_TABLE_COLUMNS.filter((c) => !c.perMeasure).map((c) => col[c.key]!);
    for (const c of own) {
      const x = ws.getCell(a, c).value;
      ws.getCell(a, c).value = ws.getCell(b, c).value;
      ws.getCell(b, c).value = x;
    }
    // a row the body has nothing to say about, deleted
    ws.spliceRows(rowOf(health), 1);
    const bytes = await save(wb);

    const before = await reportCount();
    const sheet = await readProgressSheet(bytes, "进展（已填）.xlsx");
    const plan = await planProgress(db, w.admin, sheet, { today: TODAY });
    expect(plan.counts.refused, JSON.stringify(plan.rows.filter((r) => r.outcome === "refused"))).toBe(0);
    expect(plan.rows.filter((r) => r.outcome === "record").map((r) => r.taskId).sort()).toEqual([g5, rural, ruralFinance].sort());
    await db.transaction((tx) => confirmProgress(tx, w.admin, sheet, { today: TODAY, planHash: plan.planHash, skipRefused: false }));

    const latest = async (taskId: number) => (await listReports(db, taskId)).map((r) => ({ text: r.text, value: r.value, complete: r.complete, date: r.reportDate }));
    // two indicators: one report each, the request to close on the last
    const g5Reports = await latest(g5);
    expect(g5Reports).toHaveLength(2);
    expect(g5Reports).toEqual(
      expect.arrayContaining([
        { text: "5G基站已建成4.9万座，用户2100万户", value: 49000, complete: false, date: TODAY },
        { text: "5G基站已建成4.9万座，用户2100万户", value: 21_000_000, complete: true, date: TODAY },
      ]),
    );
    expect(await latest(rural)).toEqual([{ text: "自然村光纤通达率达到92%", value: 92, complete: false, date: TODAY }]);
    expect(await latest(ruralFinance)).toEqual([{ text: "已拨付奖补资金", value: null, complete: false, date: TODAY }]);
    expect(await latest(health)).toEqual([]);
    expect((await reportCount()) - before).toBe(4);
  });

  it("refuses a file with one bad row whole, naming the row and the problem, and records nothing", async () => {
    const measure = w.task("二/1", "通信管理局");
    const other = w.task("一/1", "工业和信息化厅");
    const { wb, ws, col, rowOf } = await open(await exported());
    ws.getCell(rowOf(other), col.latest!).value = "已完成年度部署";
    const bad = rowOf(measure);
    ws.getCell(bad, col.latest!).value = "接入医疗机构";
    ws.getCell(bad, col.value!).value = "很多";
    const bytes = await save(wb);

    const before = await reportCount();
    const sheet = await readProgressSheet(bytes, "进展.xlsx");
    const plan = await planProgress(db, w.admin, sheet, { today: TODAY });
    const refused = plan.rows.filter((r) => r.outcome === "refused");
    expect(refused.map((r) => r.row)).toEqual([bad]);
    const e = await db
      .transaction((tx) => confirmProgress(tx, w.admin, sheet, { today: TODAY, planHash: plan.planHash, skipRefused: false }))
      .then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(ImportError);
    expect((e as ImportError).message).toContain(`第 ${bad} 行`);
    expect((e as ImportError).message).toMatch(/数/);
    expect(await reportCount()).toBe(before);
  });
});
