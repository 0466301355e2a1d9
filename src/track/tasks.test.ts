import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Db } from "../store/index.js";
import { SYSTEM, type Actor } from "./audit.js";
import { addReport, addReports, assignTask, TrackError } from "./tasks.js";

const TODAY = "2024-06-15";

describe("reports filed together (an import) are checked and written as one at a time would be", () => {
  let db: Db;
  const tasks: number[] = [];
  let targetId = 0;
  let otherTarget = 0;
  const editor: Actor = { id: null, name: "填报员", role: "editor", bodyIds: [] };

  beforeAll(async () => {
    db = await openStore({ dataDir: "memory" });
    const doc = (await db.query<{ id: number }>(`insert into document (sha256, source_name, parsed, byte_size) values ('r', 'x', '{}', 0) returning id`)).rows[0]!.id;
    const measures: number[] = [];
    for (let i = 0; i < 2; i++)
      measures.push((await db.query<{ id: number }>(`insert into measure (document_id, ordinal, path, label, title) values ($1, $2, '{1}', '1', '措施') returning id`, [doc, i])).rows[0]!.id);
    targetId = (await db.query<{ id: number }>(`insert into target (measure_id, ordinal, text, value, unit, kind) values ($1, 0, '基站1000座', 1000, '座', 'target') returning id`, [measures[0]!])).rows[0]!.id;
    otherTarget = (await db.query<{ id: number }>(`insert into target (measure_id, ordinal, text, value, unit, kind) values ($1, 0, '目标', 5, '个', 'target') returning id`, [measures[1]!])).rows[0]!.id;
    for (const [i, m] of measures.entries()) {
      const body = (await db.query<{ id: number }>(`insert into responsible_body (name) values ($1) returning id`, [`单位${i}`])).rows[0]!.id;
      tasks.push((await assignTask(db, SYSTEM, m, body, "lead", "2024-12-31")).id);
    }
    editor.bodyIds = [(await db.query<{ body_id: number }>(`select body_id from task where id = $1`, [tasks[0]!])).rows[0]!.body_id];
  });
  afterAll(async () => db.close());

  it("writes every report in the order given, each audited, values and evidence as given", async () => {
    const reports = await db.transaction((tx) =>
      addReports(
        tx,
        SYSTEM,
        [
          { taskId: tasks[0]!, report: { reportDate: "2024-05-01", text: "完成 300 座", targetId, value: 300.5, evidence: ["https://example.org/a"] } },
          { taskId: tasks[1]!, report: { reportDate: "2024-05-02", text: "推进中" } },
          { taskId: tasks[0]!, report: { reportDate: "2024-06-01", text: "申请办结", complete: true } },
        ],
        TODAY,
      ),
    );
    expect(reports.map((r) => [r.taskId, r.text, r.value, r.complete, r.evidence])).toEqual([
      [tasks[0], "完成 300 座", 300.5, false, ["https://example.org/a"]],
      [tasks[1], "推进中", null, false, []],
      [tasks[0], "申请办结", null, true, []],
    ]);
    expect(reports[0]!.id).toBeLessThan(reports[1]!.id);
    expect(reports[1]!.id).toBeLessThan(reports[2]!.id);
    const log = await db.query<{ action: string; entity_id: string; after: { id: number } }>(
      `select action, entity_id, after from audit_entry where action like 'report.%' order by id`,
    );
    expect(log.rows.map((e) => [e.action, Number(e.entity_id), e.after.id])).toEqual([
      ["report.create", tasks[0], reports[0]!.id],
      ["report.create", tasks[1], reports[1]!.id],
      ["report.close_request", tasks[0], reports[2]!.id],
    ]);
  });

  it("writes none when one is refused, saying why as the form would", async () => {
    const before = (await db.query<{ n: number }>(`select count(*)::int as n from progress_report`)).rows[0]!.n;
    const refuse = async (items: Parameters<typeof addReports>[2], actor: Actor = SYSTEM) => {
      const err = await db.transaction((tx) => addReports(tx, actor, items, TODAY)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TrackError);
      return (err as TrackError).message;
    };
    const fine = { taskId: tasks[1]!, report: { reportDate: "2024-05-03", text: "好的一条" } };
    expect(await refuse([fine, { taskId: tasks[0]!, report: { reportDate: "2024-06-16", text: "明天" } }])).toBe("报送日期不能晚于今天");
    expect(await refuse([fine, { taskId: tasks[0]!, report: { reportDate: "2024-05-01", text: "别的目标", targetId: otherTarget, value: 1 } }])).toMatch(/不是本任务的量化目标/);
    expect(await refuse([fine, { taskId: tasks[0]!, report: { reportDate: "2024-05-01", text: "负数", targetId, value: -1 } }])).toBe("完成数值不能为负数");
    expect(await refuse([fine, { taskId: 999_999, report: { reportDate: "2024-05-01", text: "无此任务" } }])).toMatch(/不存在/);
    // an editor of the first task's body only
    expect(await refuse([{ taskId: tasks[0]!, report: { reportDate: "2024-05-01", text: "本单位" } }, fine], editor)).toMatch(/只有本单位/);
    expect((await db.query<{ n: number }>(`select count(*)::int as n from progress_report`)).rows[0]!.n).toBe(before);
  });

  it("refuses a task that is closed, as one report would be", async () => {
    const [close] = await db.transaction((tx) => addReports(tx, SYSTEM, [{ taskId: tasks[1]!, report: { reportDate: "2024-06-02", text: "办结", complete: true } }], TODAY));
    await db.query(`insert into report_review (report_id, task_id, decision, reviewer) values ($1, $2, 'approve', '督查')`, [close!.id, tasks[1]!]);
    const err = await db.transaction((tx) => addReport(tx, SYSTEM, tasks[1]!, { reportDate: "2024-06-03", text: "再报" }, TODAY)).catch((e: unknown) => e);
    expect((err as TrackError).message).toBe("任务已办结，不能再报送");
  });
});
