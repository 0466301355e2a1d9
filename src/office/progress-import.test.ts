import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { seedImportWorld, type ImportWorld } from "../../test/support/office-import.js";
import { excelWorkbook, hiddenSheetRows, rawWorkbook, sharedStringsOf, type CellInput } from "../../test/support/xlsx.js";
import type { Db } from "../store/db.js";
import type { Actor } from "../track/audit.js";
import { listReports } from "../track/tasks.js";
import { ImportError } from "./import-error.js";
import { HIDDEN_SHEET_NAME, TASK_SHEET_NAME } from "./layout.js";
import { confirmProgress, planProgress, readProgressSheet, type ProgressPlan } from "./progress-import.js";

const TODAY = "2020-06-15";
const HEADER = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限", "量化目标", "填报单位", "最新进展", "完成数值", "完成情况", "状态", "任务编号"];

interface Line {
  label?: string;
  measure?: string;
  body?: string;
  latest?: CellInput;
  value?: CellInput;
  completion?: CellInput;
  taskId?: CellInput;
}

const line = (l: Line): CellInput[] => [l.label, "", l.measure, "", "", "", "", l.body, l.latest, l.value, l.completion, "", l.taskId];

describeEngines("进展导入: a filled 任务分工表 back into progress reports", (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let w: ImportWorld;
  let n = 0;

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    w = await seedImportWorld(db);
  });
  afterAll(async () => close?.());

  const reportCount = async () => (await db.query<{ n: number }>(`select count(*)::int as n from progress_report`)).rows[0]!.n;
  const tasksOf = {
    get g5() {
      return w.task("一/1", "通信管理局");
    },
    get rural() {
      return w.task("一/2", "通信管理局");
    },
    get ruralFinance() {
      return w.task("一/2", "财政厅");
    },
    get health() {
      return w.task("二/1", "通信管理局");
    },
  };

  /** A workbook of the table under a merged title row, as an export looks (exceljs: shared strings). */
  const workbook = async (lines: Line[], extra: { hidden?: CellInput[][]; header?: string[] } = {}) =>
    excelWorkbook([
      { name: TASK_SHEET_NAME, rows: [[`任务分工表（第 ${++n} 份）`], extra.header ?? HEADER, ...lines.map(line)], merges: ["A1:M1"] },
      ...(extra.hidden ? [{ name: HIDDEN_SHEET_NAME, rows: extra.hidden, state: "veryHidden" as const }] : []),
    ]);

  const preview = async (bytes: Uint8Array, actor: Actor = w.editor, opts: { documentId?: number } = {}) =>
    planProgress(db, actor, await readProgressSheet(bytes, "进展.xlsx"), { today: TODAY, ...opts });

  const confirm = async (bytes: Uint8Array, plan: ProgressPlan, actor: Actor = w.editor, skipRefused = false) =>
    db.transaction(async (tx) => confirmProgress(tx, actor, await readProgressSheet(bytes, "进展.xlsx"), { today: TODAY, planHash: plan.planHash, skipRefused }));

  const refusedBy = async (p: Promise<unknown>): Promise<ImportError> => {
    const e = await p.then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  };

  it("previews, then records exactly what the rows say: text, the value against the measure's target, 已完成 as a request to close", async () => {
    const bytes = await workbook([
      { label: "2.", body: "省通信管理局", latest: "已完成92%的自然村光纤通达", value: "92%", completion: "推进中", taskId: tasksOf.rural },
      { label: "1.", body: "省通信管理局", latest: "5G基站已建成4.9万座，目标完成", value: "5G基站：4.9万；5G用户数：2100万", completion: "已完成", taskId: tasksOf.g5 },
      // nothing filled in: not a row to report, not an error
      { label: "1.", body: "省通信管理局", completion: "推进中", taskId: tasksOf.health },
    ]);
    const before = await reportCount();
    const plan = await preview(bytes);
    expect(plan.counts).toEqual({ record: 2, unchanged: 0, refused: 0, empty: 1, reports: 3 });
    expect(await reportCount()).toBe(before);
    const [rural, g5] = plan.rows;
    expect(rural).toMatchObject({ row: 3, taskId: tasksOf.rural, matchedBy: "taskId", outcome: "record", errors: [] });
    expect(rural!.records).toEqual([
      { reportDate: TODAY, text: "已完成92%的自然村光纤通达", targetId: expect.any(Number), target: "自然村光纤通达率 95%", value: 92, unit: "%", complete: false },
    ]);
    expect(g5!.records.map((r) => [r.target, r.value, r.complete])).toEqual([
      ["5G基站 4.8万座", 49000, false],
      ["5G用户数 2000万", 21000000, true],
    ]);

    const result = await confirm(bytes, plan);
    expect(result).toMatchObject({ recorded: 3, unchanged: 0, skipped: [] });
    expect(await reportCount()).toBe(before + 3);
    const stored = await listReports(db, tasksOf.g5);
    expect(stored.map((r) => ({ text: r.text, value: r.value, complete: r.complete, date: r.reportDate, review: r.review, by: r.reportedBy }))).toEqual([
      { text: "5G基站已建成4.9万座，目标完成", value: 49000, complete: false, date: TODAY, review: null, by: w.editor.id },
      { text: "5G基站已建成4.9万座，目标完成", value: 21000000, complete: true, date: TODAY, review: null, by: w.editor.id },
    ]);
    // every report is audited as the form's are, and the import once
    const audits = await db.query<{ action: string; n: number }>(
      `select action, count(*)::int as n from audit_entry where action in ('report.create', 'report.close_request', 'import.progress') and actor = $1 group by action order by action`,
      [w.editor.name],
    );
    expect(audits.rows).toEqual([
      { action: "import.progress", n: 1 },
      { action: "report.close_request", n: 1 },
      { action: "report.create", n: 2 },
    ]);

    // the same file again records nothing new: a preview shows its rows unchanged, the old confirmation is stale
    const again = await preview(bytes);
    expect(again.rows.map((r) => r.outcome)).toEqual(["unchanged", "unchanged"]);
    const stale = await refusedBy(confirm(bytes, plan));
    expect(stale.kind).toBe("conflict");
    expect(await reportCount()).toBe(before + 3);
  });

  it("refuses a file with one bad row whole, naming the row and the problem; with skipRefused the good rows are recorded", async () => {
    const bytes = await workbook([
      { label: "2.", body: "省通信管理局", latest: "完成光纤通达95%", value: 95, taskId: tasksOf.rural },
      { label: "1.", body: "省通信管理局", latest: "推进中", value: "约5万", taskId: tasksOf.health },
    ]);
    const plan = await preview(bytes);
    expect(plan.rows[1]).toMatchObject({ row: 4, outcome: "refused" });
    expect(plan.rows[1]!.errors).toEqual(["第 4 行：该措施没有量化目标，“完成数值”无处记录，请清空该格或写入“最新进展”"]);
    const before = await reportCount();
    const e = await refusedBy(confirm(bytes, plan));
    expect(e.kind).toBe("refused");
    expect(e.message).toMatch(/^「进展\.xlsx」有 1 行有误，未导入任何内容：第 4 行/);
    expect(e.details).toEqual({ rows: [{ row: 4, errors: plan.rows[1]!.errors }] });
    expect(await reportCount()).toBe(before);

    const r = await confirm(bytes, plan, w.editor, true);
    expect(r).toMatchObject({ recorded: 1, skipped: [4], rows: [{ row: 3, taskId: tasksOf.rural }] });
    expect(await reportCount()).toBe(before + 1);
  });

  it("reads the same rows from Excel's shared strings and WPS's inline strings, and from reordered columns", async () => {
    const rows = [
      ["进展填报表"],
      ["任务编号", "最新进展", "填报单位", "序号", "完成数值"],
      [tasksOf.rural, "通达率达到93%", "省通信管理局", "2.", 93],
    ];
    const { sheetXml, sharedStrings } = sharedStringsOf(rows as CellInput[][], ["A1:E1"]);
    const excel = await rawWorkbook({ sheets: [{ name: "Sheet1", xml: sheetXml }], sharedStrings });
    const wps = await rawWorkbook({ sheets: [{ name: "Sheet1", rows: rows as CellInput[][], merges: ["A1:E1"] }] });
    const a = await preview(excel);
    const b = await preview(wps);
    expect(a.rows).toEqual(b.rows);
    expect(a.headerRow).toBe(2);
    expect(a.columns).toEqual({ 序号: "D", 填报单位: "C", 最新进展: "B", 完成数值: "E", 任务编号: "A" });
    expect(a.rows[0]!.records[0]).toMatchObject({ text: "通达率达到93%", value: 93 });
  });

  it("matches rows by 序号 + 填报单位 when the 任务编号 column was deleted: through the hidden sheet, or the document's measures", async () => {
    const header = HEADER.slice(0, -1);
    const lines: Line[] = [
      // 1. is in both chapters: the body and the 具体措施 text tell them apart
      { label: "1.", measure: w.measureText("二/1"), body: "省通信管理局", latest: "接入医疗机构120家" },
      { label: "2.", body: "广东省财政厅", latest: "下达补助资金" },
    ];
    const hidden = hiddenSheetRows(w.documentId, [
      { taskId: tasksOf.g5, label: "1.", body: "广东省通信管理局", measure: w.measureText("一/1") },
      { taskId: tasksOf.health, label: "1.", body: "广东省通信管理局", measure: w.measureText("二/1") },
      { taskId: tasksOf.ruralFinance, label: "2.", body: "广东省财政厅", measure: w.measureText("一/2") },
    ]);
    const withHidden = await preview(await workbook(lines, { header, hidden }), w.admin);
    expect(withHidden.rows.map((r) => [r.row, r.taskId, r.matchedBy, r.errors])).toEqual([
      [3, tasksOf.health, "hiddenSheet", []],
      [4, tasksOf.ruralFinance, "hiddenSheet", []],
    ]);
    // no hidden sheet (copied into a fresh workbook): the page's document and its bodies' names decide
    const bare = await workbook(lines.map((l) => ({ ...l, body: l.body === "广东省财政厅" ? "省财政厅" : l.body })), { header });
    const byLabel = await preview(bare, w.admin, { documentId: w.documentId });
    expect(byLabel.rows.map((r) => [r.taskId, r.matchedBy, r.errors])).toEqual([
      [tasksOf.health, "label", []],
      [tasksOf.ruralFinance, "label", []],
    ]);
    // without a document to look in, such rows cannot be matched
    const lost = await preview(bare, w.admin);
    expect(lost.rows[0]!.errors).toEqual(["第 3 行：缺少“任务编号”，也无法确定表格属于哪份文件，请在该文件的任务分工表页面导入"]);
    // a label that repeats, for a body on both measures, without the text to tell them apart
    const ambiguous = await preview(await workbook([{ label: "1.", body: "省通信管理局", latest: "进展" }], { header }), w.admin, { documentId: w.documentId });
    expect(ambiguous.rows[0]!.errors).toEqual(["第 3 行：序号“1.”、填报单位“省通信管理局”对应 2 项任务，无法确定，请保留“任务编号”列"]);
  });

  it("reads merged 序号 and 具体措施 cells into every row of the measure", async () => {
    const bytes = await excelWorkbook([
      {
        rows: [
          ["任务分工表"],
          HEADER.slice(0, -1),
          line({ label: "2.", measure: w.measureText("一/2"), body: "省财政厅", latest: "资金已下达" }).slice(0, -1),
          line({ body: "省通信管理局", latest: "通达率94%" }).slice(0, -1),
        ],
        merges: ["A1:L1", "A3:A4", "C3:C4"],
      },
    ]);
    const plan = await preview(bytes, w.admin, { documentId: w.documentId });
    expect(plan.rows.map((r) => [r.row, r.taskId, r.errors])).toEqual([
      [3, tasksOf.ruralFinance, []],
      [4, tasksOf.rural, []],
    ]);
  });

  it("refuses, row by row, what cannot be recorded", async () => {
    const bytes = await workbook([
      { body: "省通信管理局", latest: { formula: 'HYPERLINK("http://evil.example","点击")', result: "点击" }, taskId: tasksOf.rural },
      { body: "省通信管理局", latest: "进展", value: { formula: "cmd|' /C calc'!A0", result: 0 }, taskId: tasksOf.rural + 0 },
      { latest: "进展", value: -3, taskId: tasksOf.g5 },
      { latest: "进展", value: 40000, taskId: tasksOf.g5 },
      { latest: "进展", value: "光纤通达：90", taskId: tasksOf.rural },
      { latest: "进展", value: "基站数量：4.9万", taskId: tasksOf.g5 },
      { latest: "进展", completion: "差不多", taskId: tasksOf.health },
      { value: 5, taskId: tasksOf.health },
      { latest: "进展", taskId: "abc" },
      { latest: "进展", taskId: 999_999 },
      { measure: "改写过的措施内容", latest: "进展", taskId: tasksOf.health },
      { body: "省财政厅", latest: "进展", taskId: tasksOf.health },
    ]);
    const plan = await preview(bytes);
    const errors = Object.fromEntries(plan.rows.map((r) => [r.row, r.errors.join(" | ")]));
    expect(errors).toEqual({
      3: "第 3 行“最新进展”是公式，请粘贴为文本 | 第 3 行与第 4、7 行是同一任务（任务编号 " + tasksOf.rural + "），请合并为一行",
      4: "第 4 行“完成数值”是公式，请粘贴为数值 | 第 4 行与第 3、7 行是同一任务（任务编号 " + tasksOf.rural + "），请合并为一行",
      5: "第 5 行：该措施有 2 个量化指标，“完成数值”请按“指标：数值”填写，用分号隔开（5G基站；5G用户数） | 第 5 行与第 6、8 行是同一任务（任务编号 " + tasksOf.g5 + "），请合并为一行",
      6: "第 6 行：该措施有 2 个量化指标，“完成数值”请按“指标：数值”填写，用分号隔开（5G基站；5G用户数） | 第 6 行与第 5、8 行是同一任务（任务编号 " + tasksOf.g5 + "），请合并为一行",
      7: "第 7 行与第 3、4 行是同一任务（任务编号 " + tasksOf.rural + "），请合并为一行",
      8: "第 8 行“完成数值”中的指标“基站数量”不是该措施的量化目标（可填：5G基站、5G用户数） | 第 8 行与第 5、6 行是同一任务（任务编号 " + tasksOf.g5 + "），请合并为一行",
      9: "第 9 行“完成情况”应填写“已完成”或“推进中”，而不是“差不多”" + " | 第 9 行与第 10、13、14 行是同一任务（任务编号 " + tasksOf.health + "），请合并为一行",
      10: "第 10 行：“最新进展”为空，请写明进展情况（只填数值或完成情况不能报送） | 第 10 行：该措施没有量化目标，“完成数值”无处记录，请清空该格或写入“最新进展” | 第 10 行与第 9、13、14 行是同一任务（任务编号 " + tasksOf.health + "），请合并为一行",
      11: "第 11 行“任务编号”“abc”不是有效的编号",
      12: "第 12 行：任务编号 999999 不存在，或不是您所在单位的任务，不能填报",
      13: "第 13 行“具体措施”与导出时不同：措施内容不能在表中修改，请恢复原文或清空该格 | 第 13 行与第 9、10、14 行是同一任务（任务编号 " + tasksOf.health + "），请合并为一行",
      14: "第 14 行“填报单位”“省财政厅”与任务编号 " + tasksOf.health + " 的单位“广东省通信管理局”不一致 | 第 14 行与第 9、10、13 行是同一任务（任务编号 " + tasksOf.health + "），请合并为一行",
    });
    expect(plan.counts.refused).toBe(12);
  });

  it("names at most five other rows of a task given many times", async () => {
    const plan = await preview(await workbook(Array.from({ length: 8 }, (_, i) => ({ latest: `第${i}次`, taskId: tasksOf.health }))));
    expect(plan.rows[0]!.errors).toEqual([`第 3 行与第 4、5、6、7、8 等 7 行是同一任务（任务编号 ${tasksOf.health}），请合并为一行`]);
    expect(plan.rows[7]!.errors).toEqual([`第 10 行与第 3、4、5、6、7 等 7 行是同一任务（任务编号 ${tasksOf.health}），请合并为一行`]);
  });

  it("checks a value's number, unit and sign against the target, one row per task", async () => {
    const cases: Array<[CellInput, number, string]> = [
      ["约4万", tasksOf.rural, "第 3 行“完成数值”“约4万”不是数字"],
      ["90个", tasksOf.rural, "第 3 行“完成数值”的单位“个”与目标“自然村光纤通达率 95%”的单位“%”不同"],
      ["5G基站：4.9万座；5G用户数：-1", tasksOf.g5, "第 3 行“完成数值”中“5G用户数”的值不能为负数"],
      ["5G基站：50%", tasksOf.g5, "第 3 行“完成数值”中“5G基站”的值是百分数，而目标“5G基站 4.8万座”不是"],
    ];
    for (const [value, taskId, message] of cases) {
      const plan = await preview(await workbook([{ latest: "进展", value, taskId }]));
      expect(plan.rows[0]!.errors, String(value)).toEqual([message]);
    }
  });

  it("takes the report's day from 填报日期 (text or a date serial) and refuses a day after today", async () => {
    const header = [...HEADER, "填报日期"];
    const cells = (date: CellInput, latest: string) => [...line({ latest, taskId: tasksOf.rural }), date];
    const make = (date: CellInput, latest: string) => excelWorkbook([{ rows: [header, cells(date, latest)] }]);
    expect((await preview(await make("2020年6月1日", "六月初进展"))).rows[0]!.records[0]!.reportDate).toBe("2020-06-01");
    expect((await preview(await make("2020/5/31", "五月底进展"))).rows[0]!.records[0]!.reportDate).toBe("2020-05-31");
    expect((await preview(await make(new Date(Date.UTC(2020, 4, 20)), "五月进展"))).rows[0]!.records[0]!.reportDate).toBe("2020-05-20");
    expect((await preview(await make("2020-07-01", "未来进展"))).rows[0]!.errors).toEqual(["第 2 行“填报日期”2020-07-01 晚于今天"]);
    expect((await preview(await make("下周", "进展"))).rows[0]!.errors).toEqual(["第 2 行“填报日期”“下周”不是有效日期（如 2024-06-30 或 2024年6月30日）"]);
  });

  it("refuses another body's task to an editor, and lets the admin report it", async () => {
    const bytes = await workbook([{ label: "2.", body: "省财政厅", latest: "财政厅的进展", taskId: tasksOf.ruralFinance }]);
    const before = await reportCount();
    const plan = await preview(bytes, w.editor);
    expect(plan.rows[0]!.errors).toEqual(["第 3 行：任务编号 " + tasksOf.ruralFinance + " 不存在，或不是您所在单位的任务，不能填报"]);
    expect(plan.rows[0]!.task).toBeNull();
    expect((await refusedBy(confirm(bytes, plan, w.editor))).kind).toBe("refused");
    // read access opened to all editors: the task is shown, the report still refused
    const open = await planProgress(db, w.editor, await readProgressSheet(bytes, "进展.xlsx"), { today: TODAY, scope: {} });
    expect(open.rows[0]!.errors).toEqual(["第 3 行：“广东省财政厅”不是您所在单位，不能代为填报"]);
    expect(await reportCount()).toBe(before);
    const byAdmin = await preview(bytes, w.admin);
    expect(byAdmin.rows[0]!.outcome).toBe("record");
    await confirm(bytes, byAdmin, w.admin);
    expect(await reportCount()).toBe(before + 1);
  });

  it("refuses reports on a closed task", async () => {
    const task = tasksOf.ruralFinance;
    const r = await db.query<{ id: number }>(`insert into progress_report (task_id, report_date, text, complete) values ($1, '2020-06-01', '已完成', true) returning id`, [task]);
    await db.query(`insert into report_review (report_id, task_id, decision, reviewer) values ($1, $2, 'approve', 'test')`, [r.rows[0]!.id, task]);
    const plan = await preview(await workbook([{ latest: "补充进展", taskId: task }]), w.otherEditor);
    expect(plan.rows[0]!.errors).toEqual(["第 3 行：任务已办结，不能再报送进展"]);
  });

  it("plans any cells a sheet may hold without failing: every row recorded, unchanged, or refused with its reasons (seeded)", async () => {
    const ids = [tasksOf.g5, tasksOf.rural, tasksOf.health, tasksOf.ruralFinance];
    const text = fc.oneof(
      fc.constantFrom("", "已完成", "推进中", "5G基站：4.9万；5G用户数：2000万", "92%", "-1", "１２３", "2020年6月1日", "=1+1", "省通信管理局", "1.", "（一）", "\u0000", "x".repeat(30000)),
      fc.string({ maxLength: 30 }),
    );
    const cell: fc.Arbitrary<CellInput> = fc.oneof(text, fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.record({ formula: fc.constantFrom("1+1", "SUM(A1:A2)"), result: fc.option(fc.integer(), { nil: undefined }) }));
    const id: fc.Arbitrary<CellInput> = fc.oneof(fc.constantFrom(...ids), cell, fc.integer({ min: -5, max: 3_000_000_000 }));
    const row = fc.tuple(cell, cell, cell, cell, cell, cell, id).map((cells): CellInput[] => [...cells]);
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 6 }), async (rows) => {
        const bytes = await rawWorkbook({ sheets: [{ name: TASK_SHEET_NAME, rows: [["序号", "填报单位", "最新进展", "完成数值", "完成情况", "填报日期", "任务编号"], ...rows] }] });
        const plan = await preview(bytes, w.admin, { documentId: w.documentId });
        for (const r of plan.rows) {
          expect(r.outcome === "refused").toBe(r.errors.length > 0);
          for (const e of r.errors) expect(e).toMatch(new RegExp(`^第 ${r.row} 行`));
          for (const rec of r.records) expect(rec.reportDate <= TODAY && rec.text.length > 0).toBe(true);
        }
      }),
      { seed: 20_200_615, numRuns: 60 },
    );
  });

  it("refuses a file exported by a newer version, and a sheet without the table's header", async () => {
    const newer = await excelWorkbook([
      { rows: [HEADER, line({ latest: "x", taskId: tasksOf.g5 })] },
      { name: HIDDEN_SHEET_NAME, rows: [["版本", 99], ["任务编号"]], state: "hidden" },
    ]);
    const e = await refusedBy(readProgressSheet(newer, "新版.xlsx"));
    expect(e.message).toMatch(/^「新版\.xlsx」由较新版本的系统导出（表格格式 99）/);
    const other = await excelWorkbook([{ rows: [["姓名", "电话"], ["张三", "123"]] }]);
    const f = await refusedBy(readProgressSheet(other, "通讯录.xlsx"));
    expect(f.kind).toBe("unreadable");
    expect(f.message).toMatch(/^「通讯录\.xlsx」中找不到任务分工表的表头/);
  });
});
