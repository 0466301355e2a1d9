import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { seedImportWorld, type ImportWorld } from "../../test/support/office-import.js";
import { excelWorkbook, rawWorkbook, type CellInput } from "../../test/support/xlsx.js";
import type { Db } from "../store/db.js";
import { confirmAssignments, planAssignments, readAssignmentSheet, type AssignmentPlan } from "./assignment-import.js";
import { ImportError } from "./import-error.js";

describeEngines("分工导入: an office's 分工 sheet replaces a document's assignments", (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let worlds = 0;
  beforeAll(async () => {
    ({ db, close } = await engine.open());
  });
  afterAll(async () => close?.());

  const fresh = () => seedImportWorld(db, `assign-${++worlds}`);
  const sheet = (rows: CellInput[][], merges: string[] = []) =>
    excelWorkbook([{ name: "分工", rows: [["某某文件重点任务分工"], ["序号", "具体措施", "牵头单位", "配合单位"], ...rows], merges: ["A1:D1", ...merges] }]);
  const preview = async (w: ImportWorld, bytes: Uint8Array) => planAssignments(db, await readAssignmentSheet(bytes, "分工.xlsx"), w.documentId);
  const confirm = async (w: ImportWorld, bytes: Uint8Array, plan: AssignmentPlan, o: { skipRefused?: boolean; createBodies?: boolean } = {}) =>
    db.transaction(async (tx) =>
      confirmAssignments(tx, w.admin, await readAssignmentSheet(bytes, "分工.xlsx"), { documentId: w.documentId, planHash: plan.planHash, skipRefused: false, createBodies: false, ...o }),
    );
  const assignments = async (w: ImportWorld) =>
    (
      await db.query<{ path: string; body: string; role: string }>(
        `select array_to_string(m.path, '/') as path, b.name as body, t.role from task t join measure m on m.id = t.measure_id
         join responsible_body b on b.id = t.body_id where m.document_id = $1 order by m.ordinal, b.name`,
        [w.documentId],
      )
    ).rows.map((r) => `${r.path} ${r.body} ${r.role}`);
  const refusal = async (p: Promise<unknown>) => {
    const e = await p.then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  };

  it("previews the tasks added, changed and removed per measure, then replaces them, audited", async () => {
    const w = await fresh();
    const bytes = await sheet([
      ["1.", "提速5G网络建设", "省通信管理局", "省工业和信息化厅"],
      ["2.", "完善乡村信息基础设施", "省财政厅", ""],
    ]);
    const plan = await preview(w, bytes);
    expect(plan.counts).toEqual({ add: 0, change: 1, remove: 1, blocked: 0, keep: 2, unknownBodies: 0, refusedRows: 0 });
    expect(plan.unlisted).toBe(3);
    expect(plan.measures.map((m) => [m.label, m.rows, m.change.map((c) => `${c.name} ${c.from}→${c.to}`), m.remove.map((r) => r.name), m.keep.map((k) => k.name)])).toEqual([
      ["1.", [3], ["广东省工业和信息化厅 lead→supporting"], [], ["广东省通信管理局"]],
      ["2.", [4], [], ["广东省通信管理局"], ["广东省财政厅"]],
    ]);
    const before = await assignments(w);
    const r = await confirm(w, bytes, plan);
    expect(r).toMatchObject({ added: 0, changed: 1, removed: 1, kept: [], createdBodies: [] });
    expect(await assignments(w)).toEqual([
      "一/1 广东省工业和信息化厅 supporting",
      "一/1 广东省通信管理局 lead",
      "一/2 广东省财政厅 lead",
      // not listed in the sheet: as it was
      ...before.filter((a) => a.startsWith("二/1")),
    ]);
    const audits = await db.query<{ action: string }>(`select action from audit_entry where actor = $1 order by id`, [w.admin.name]);
    expect(audits.rows.map((a) => a.action)).toEqual(["task.update", "task.delete", "import.assignments"]);
    // confirming the same preview again is stale: the assignments it was made against are gone
    expect((await refusal(confirm(w, bytes, plan))).kind).toBe("conflict");
  });

  it("will not remove a task that has reports: refused whole, or kept with skipRefused while the rest is applied", async () => {
    const w = await fresh();
    await db.query(`insert into progress_report (task_id, report_date, text) values ($1, '2020-06-01', '已接入医疗机构')`, [w.task("二/1", "通信管理局")]);
    const bytes = await sheet([
      ["1.", "发展智慧医疗", "省卫生健康委", ""],
      ["2.", "完善乡村信息基础设施", "省财政厅", "省通信管理局、省工业和信息化厅"],
    ]);
    const plan = await preview(w, bytes);
    const health = plan.measures.find((m) => m.label === "1.")!;
    expect(health.remove).toEqual([
      { taskId: w.task("二/1", "通信管理局"), bodyId: w.bodyId("通信管理局"), name: "广东省通信管理局", role: "lead", blocked: "已有1 条进展报告，不能移除（如确需调整，请先处理这些记录）" },
    ]);
    const before = await assignments(w);
    const e = await refusal(confirm(w, bytes, plan));
    expect(e.kind).toBe("refused");
    expect(e.message).toMatch(/^「分工\.xlsx」有 1 处问题，未导入任何分工：第 3 行：广东省通信管理局（牵头）已有1 条进展报告，不能移除/);
    expect(await assignments(w)).toEqual(before);
    const r = await confirm(w, bytes, plan, { skipRefused: true });
    expect(r).toMatchObject({ kept: [w.task("二/1", "通信管理局")], added: 1, changed: 1 });
    expect(await assignments(w)).toContain("二/1 广东省通信管理局 lead");
    expect(await assignments(w)).toContain("一/2 广东省工业和信息化厅 supporting");
  });

  it("lists names no body answers to, and creates them only when asked", async () => {
    const w = await fresh();
    const bytes = await sheet([["2.", "", "省财政厅", "省数字经济推进办"]]);
    const plan = await preview(w, bytes);
    expect(plan.unknownBodies).toEqual([{ name: "省数字经济推进办", rows: [3] }]);
    expect(plan.measures[0]!.add).toEqual([{ bodyId: null, name: "省数字经济推进办", role: "supporting" }]);
    const e = await refusal(confirm(w, bytes, plan));
    expect(e.message).toMatch(/有 1 个系统里没有的单位（省数字经济推进办），请核对名称/);
    expect(await db.query(`select 1 from responsible_body where name like '%数字经济推进办%'`).then((r) => r.rows.length)).toBe(0);
    const r = await confirm(w, bytes, plan, { createBodies: true });
    expect(r.createdBodies.map((b) => b.name)).toEqual(["广东省数字经济推进办"]);
    expect(await assignments(w)).toContain("一/2 广东省数字经济推进办 supporting");
    const t = await db.query<{ written_as: string }>(`select written_as from task where body_id = $1`, [r.createdBodies[0]!.id]);
    expect(t.rows).toEqual([{ written_as: "省数字经济推进办" }]);
  });

  it("tells a repeated 序号 apart by its 具体措施, reads merged and blank-continued rows together, and names rows it cannot place", async () => {
    const w = await fresh();
    const bytes = await rawWorkbook({
      sheets: [
        {
          name: "分工",
          rows: [
            ["措施编号", "牵头单位", "配合单位", "措施内容"],
            ["1.", "省卫生健康委", "", "发展智慧医疗。推动医疗机构接入5G网络。"],
            [null, null, "省通信管理局"],
            ["1.", "省通信管理局", "", null],
            ["9.", "省财政厅"],
            ["2.", "省财政厅", "", "关于另一件事的措施"],
          ],
          merges: ["A2:A3", "D2:D3", "B2:B3"],
        },
      ],
    });
    const plan = await preview(w, bytes);
    expect(plan.measures.map((m) => [m.label, m.title, m.rows, m.change.map((c) => c.name), m.keep.map((k) => `${k.name} ${k.role}`)])).toEqual([
      ["1.", "发展智慧医疗", [2, 3], ["广东省通信管理局"], ["广东省卫生健康委 lead"]],
    ]);
    expect(plan.rowErrors).toEqual([
      { row: 4, errors: ["第 4 行：序号“1.”对应文件中的 2 条措施，请在“具体措施”中写明措施原文以便区分"] },
      { row: 5, errors: ["第 5 行：文件中找不到序号“9.”对应的措施"] },
      { row: 6, errors: ["第 6 行：“具体措施”与文件中序号“2.”的措施（完善乡村信息基础设施）不符"] },
    ]);
  });

  it("refuses a sheet without the header and one with only the header", async () => {
    const none = await excelWorkbook([{ rows: [["姓名", "单位"], ["张三", "省财政厅"]] }]);
    expect((await refusal(readAssignmentSheet(none, "名单.xlsx"))).message).toMatch(/^「名单\.xlsx」中找不到分工表的表头/);
    const empty = await excelWorkbook([{ rows: [["序号", "牵头单位", "配合单位"]] }]);
    expect((await refusal(readAssignmentSheet(empty, "空表.xlsx"))).message).toBe("「空表.xlsx」的分工表只有表头，没有分工行");
  });
});
