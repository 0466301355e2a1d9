import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Db } from "../store/index.js";
import { SYSTEM } from "./audit.js";
import { BODIES_SHOWN, TASKS_SHOWN, taskDivisionPage } from "./task-division.js";
import { assignTask, getTasks } from "./tasks.js";

const TODAY = "2024-06-15";

describe("the 任务分工表 page: measures paged, each with its first tasks and all of them counted", () => {
  let db: Db;
  let documentId: number;
  const measures: number[] = [];
  const bodies: number[] = [];
  const tasksOfFirst: number[] = [];

  beforeAll(async () => {
    db = await openStore({ dataDir: "memory" });
    documentId = (
      await db.query<{ id: number }>(`insert into document (sha256, source_name, title, parsed, byte_size, doc_date) values ('d', 'x', '某市实施方案', '{}', 0, '2024-01-01') returning id`)
    ).rows[0]!.id;
    for (const [i, title] of ["加快建设基站", "推进数字乡村", "完善保障措施"].entries()) {
      const m = await db.query<{ id: number }>(
        `insert into measure (document_id, ordinal, path, label, title) values ($1, $2, $3, $4, $5) returning id`,
        [documentId, i, `{${i + 1}}`, `（${"一二三"[i]}）`, title],
      );
      measures.push(m.rows[0]!.id);
    }
    for (let i = 0; i < 14; i++) bodies.push((await db.query<{ id: number }>(`insert into responsible_body (name) values ($1) returning id`, [`单位${i}`])).rows[0]!.id);
    // the first measure is shared by twelve bodies, two of them leading; the second has one body; the third none
    for (let i = 0; i < 12; i++) {
      const t = await assignTask(db, SYSTEM, measures[0]!, bodies[i]!, i === 5 || i === 9 ? "lead" : "supporting", i % 3 === 0 ? "2024-03-01" : "2024-12-31");
      tasksOfFirst.push(t.id);
    }
    await assignTask(db, SYSTEM, measures[1]!, bodies[12]!, "lead", "2024-12-31");
    // reports: body 7 most recently, body 2 before it
    await db.query(`insert into progress_report (task_id, report_date, text, complete) values ($1, '2024-05-01', '进展', false), ($2, '2024-06-01', '进展', false)`, [
      tasksOfFirst[2]!,
      tasksOfFirst[7]!,
    ]);
  });
  afterAll(async () => db.close());

  it("shows the leads, then the most recently reported, and counts every task by its status", async () => {
    const page = await taskDivisionPage(db, { documentId, scope: {}, limit: 2, offset: 0, today: TODAY });
    expect(page.total).toBe(3);
    expect(page.items.map((r) => [r.no, r.measure.title])).toEqual([
      [1, "加快建设基站"],
      [2, "推进数字乡村"],
    ]);
    const first = page.items[0]!;
    expect(first.tasks).toHaveLength(TASKS_SHOWN);
    expect(first.tasks.slice(0, 2).map((t) => t.bodyName)).toEqual(["单位5", "单位9"]);
    expect(first.tasks.slice(2, 4).map((t) => t.bodyName)).toEqual(["单位7", "单位2"]);
    expect(first.taskCount).toBe(12);
    // the counts are the statuses the app derives for all twelve, not only for those shown
    const all = await getTasks(db, tasksOfFirst, TODAY);
    const expected: Record<string, number> = {};
    for (const t of all) expected[t.status] = (expected[t.status] ?? 0) + 1;
    expect(first.statusCounts).toEqual(expected);
    expect(expected.overdue).toBe(4);
    expect(page.items[1]!.taskCount).toBe(1);
  });

  it("names the first bodies of each role and counts them all", async () => {
    const page = await taskDivisionPage(db, { documentId, scope: {}, limit: 2, offset: 0, today: TODAY });
    const [first, second] = page.items;
    expect(first!.bodyCounts).toEqual({ lead: 2, supporting: 10 });
    const named = first!.measure.bodies;
    expect(named.filter((b) => b.role === "lead").map((b) => b.bodyName).sort()).toEqual(["单位5", "单位9"]);
    expect(named.filter((b) => b.role === "supporting")).toHaveLength(BODIES_SHOWN);
    expect(second!.bodyCounts).toEqual({ lead: 1, supporting: 0 });
    expect(second!.measure.bodies.map((b) => b.bodyName)).toEqual(["单位12"]);
  });

  it("numbers a later page from where it starts, and a measure without tasks has none", async () => {
    const page = await taskDivisionPage(db, { documentId, scope: {}, limit: 2, offset: 2, today: TODAY });
    expect(page.items.map((r) => [r.no, r.taskCount, r.tasks.length])).toEqual([[3, 0, 0]]);
  });

  it("shows and counts only the tasks the reader may see, and still lists every measure", async () => {
    const page = await taskDivisionPage(db, { documentId, scope: { bodyIds: [bodies[3]!] }, limit: 50, offset: 0, today: TODAY });
    expect(page.items).toHaveLength(3);
    expect(page.items[0]!.tasks.map((t) => t.bodyName)).toEqual(["单位3"]);
    expect(page.items[0]!.taskCount).toBe(1);
    expect(page.items[0]!.statusCounts).toEqual({ overdue: 1 });
    expect(page.items[1]!.taskCount).toBe(0);
  });
});
