import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEngines } from "../../../test/support/engines.js";
import type { Db } from "../../store/db.js";
import { bulletinFigures, rankBodies, ScopeError } from "./figures.js";
import { monthsBetween, parsePeriod, rangePeriod } from "./period.js";
import { afterQuarter, quarterScenario, storePlan, type Plan } from "../../../test/support/bulletin.js";

const TODAY = "2026-11-27";
const NOW = new Date("2026-11-27T08:00:00Z");
const Q3 = parsePeriod("2026Q3")!;

describe("periods", () => {
  it("reads a month, a quarter, a half year, a year and a range, with the names officials use", () => {
    expect(parsePeriod("2026Q3")).toEqual({ key: "2026Q3", from: "2026-07-01", to: "2026-09-30", label: "2026年第三季度" });
    expect(parsePeriod("2026-02")).toMatchObject({ from: "2026-02-01", to: "2026-02-28", label: "2026年2月" });
    expect(parsePeriod("2028-02")!.to).toBe("2028-02-29");
    expect(parsePeriod("2026H2")).toMatchObject({ from: "2026-07-01", to: "2026-12-31", label: "2026年下半年" });
    expect(parsePeriod("2026")).toMatchObject({ from: "2026-01-01", to: "2026-12-31", label: "2026年" });
    expect(rangePeriod("2026-07-01", "2026-09-30")!.label).toBe("2026年7月1日至2026年9月30日");
    for (const bad of ["2026Q5", "2026-13", "Q3", "2026-7-1", ""]) expect(parsePeriod(bad), bad).toBeNull();
    expect(rangePeriod("2026-09-30", "2026-07-01")).toBeNull();
    expect(rangePeriod("2026-02-30", "2026-03-01")).toBeNull();
    expect(monthsBetween("2025-11-15", "2026-02-01")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });

  it("ranks bodies by 按期率, then fewer overdue; equals share a rank", () => {
    const r = rankBodies([
      { bodyName: "丙", rate: 0.5, overdue: 1, due: 4 },
      { bodyName: "甲", rate: 0.5, overdue: 0, due: 2 },
      { bodyName: "乙", rate: 0.5, overdue: 0, due: 2 },
      { bodyName: "丁", rate: null, overdue: 0, due: 0 },
      { bodyName: "戊", rate: 1, overdue: 0, due: 1 },
    ]);
    expect(r.map((b) => [b.bodyName, b.rank])).toEqual([
      ["戊", 1],
      ["甲", 2], // by name (pinyin) within a rank
      ["乙", 2],
      ["丙", 4],
      ["丁", 5],
    ]);
  });
});

describeEngines("bulletin figures", (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let plan: Plan;
  const bodyOf = async (name: string) => (await db.query<{ id: number }>(`select id from responsible_body where name = $1`, [name])).rows[0]!.id;
  const q3 = () => bulletinFigures(db, Q3, {}, { today: TODAY, now: NOW });

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    plan = await storePlan(db);
    await quarterScenario(db, plan);
  });
  afterAll(async () => close?.());

  it("counts the quarter's tasks: due, on time, late, overdue, awaiting a closure, and the 按期率", async () => {
    const f = await q3();
    expect(f).toMatchObject({ asOf: "2026-09-30", statusDay: "2026-10-01", provisional: false, tasks: 7, storedLater: 0, atRisk: 1 });
    expect(f.inPeriod).toEqual({ due: 4, closedOnTime: 1, closedLate: 1, overdue: 1, pendingClose: 1, rate: 0.25 });
    // the one closed on time before the quarter counts in the dashboard's 按期率, not in the quarter's
    expect(f.cumulative).toEqual({ due: 5, closedOnTime: 2, closedLate: 1, overdue: 1, pendingClose: 1, rate: 0.4 });
    expect(f.byStatus).toMatchObject({ done: 2, done_late: 1, overdue: 1, at_risk: 1, pending_review: 2 });
  });

  it("ranks the bodies by 按期率, then overdue, showing due, on time, late and overdue per body", async () => {
    const f = await q3();
    expect(f.bodies.map((b) => [b.rank, b.bodyName, b.due, b.closedOnTime, b.closedLate, b.overdue, b.rate])).toEqual([
      [1, "广东省财政厅", 2, 1, 0, 0, 0.5],
      [1, "广东省通信管理局", 2, 1, 1, 0, 0.5],
      [3, "广东省发展改革委", 1, 0, 0, 1, 0],
    ]);
    expect(f.bodies.find((b) => b.bodyName === "广东省发展改革委")).toMatchObject({ tasks: 2, atRisk: 1, dueInPeriod: 1 });
  });

  it("lists the overdue tasks with their latest report as it stood at the end", async () => {
    const f = await q3();
    expect(f.overdue.total).toBe(1);
    expect(f.overdue.items).toEqual([
      expect.objectContaining({
        taskId: plan.task["三"],
        measureTitle: "开展营商环境评价",
        bodyName: "广东省发展改革委",
        dueDate: "2026-09-10",
        daysOverdue: 21,
        latestReport: { date: "2026-09-01", text: "已完成选址", review: "approved" },
      }),
    ]);
  });

  it("reads targets against the latest value approved by the end", async () => {
    const f = await q3();
    expect(f.targets).toMatchObject({ total: 1, reported: 1, reached: 0 });
    expect(f.targets.items.find((t) => t.targetId === plan.targetId)).toMatchObject({ indicator: "5G基站", targetValue: 1000, latestValue: 600, share: 0.6 });
  });

  it("puts the tasks in the months they are due, the twelve to the quarter's end", async () => {
    const f = await q3();
    expect(f.byDueMonth.map((m) => m.month)).toEqual(monthsBetween("2025-10-01", "2026-09-30"));
    expect(f.byDueMonth.find((m) => m.month === "2026-09")).toEqual({ month: "2026-09", total: 3, done: 1, overdue: 1 });
  });

  it("is the same after later reports, reviews, a backdated report, an extension, a transfer, a suspension and a new task", async () => {
    const before = await q3();
    const october = parsePeriod("2026-10")!;
    const octBefore = await bulletinFigures(db, october, {}, { today: TODAY, now: NOW });
    await afterQuarter(db, plan, bodyOf);
    const after = await q3();
    expect(after.storedLater).toBe(1); // the task stored on 10-10, told apart and not counted
    expect({ ...after, storedLater: 0 }).toEqual(before);
    // and the later records are not ignored: October sees them
    const oct = await bulletinFigures(db, october, {}, { today: TODAY, now: NOW });
    expect(oct.tasks).toBe(octBefore.tasks + 1);
    expect(oct.byStatus.suspended).toBe(1);
    expect(oct.overdue.items.map((o) => o.dueDate)).toEqual(["2026-09-01"]); // the new task; 三 was extended and closed
    expect(oct.bodies.find((b) => b.bodyName === "广东省通信管理局")!.tasks).toBe(4); // 一, 二, 四 (transferred), the new one
    expect(oct.targets.items.find((t) => t.targetId === plan.targetId)).toMatchObject({ latestValue: 1000, share: 1 });
  });

  it("keeps a document deleted after the period in that period's figures, not in later ones", async () => {
    const before = await q3();
    await db.query(`update document set deleted_at = '2026-11-01T00:00:00Z' where id = $1`, [plan.documentId]);
    try {
      expect({ ...(await q3()), storedLater: before.storedLater }).toEqual(before);
      expect((await bulletinFigures(db, parsePeriod("2026-11")!, {}, { today: TODAY, now: NOW })).tasks).toBe(0);
    } finally {
      await db.query(`update document set deleted_at = null where id = $1`, [plan.documentId]);
    }
  });

  it("reads a period that is not over as of today, marked provisional", async () => {
    const f = await bulletinFigures(db, parsePeriod("2026Q4")!, {}, { today: TODAY, now: NOW });
    expect(f).toMatchObject({ asOf: TODAY, statusDay: TODAY, provisional: true });
  });

  it("narrows to a body, a document or a region, and names them", async () => {
    const body = await bodyOf("广东省财政厅");
    const f = await bulletinFigures(db, Q3, { bodyId: body }, { today: TODAY, now: NOW });
    expect(f.scope).toMatchObject({ bodyId: body, bodyName: "广东省财政厅", label: "广东省财政厅" });
    expect(f.tasks).toBe(3);
    expect(f.bodies.map((b) => b.bodyName)).toEqual(["广东省财政厅"]);
    const d = await bulletinFigures(db, Q3, { documentId: plan.documentId }, { today: TODAY, now: NOW });
    expect(d.scope.label).toBe("《2026年重点任务分工方案》");
    expect(d.tasks).toBe(7);
    expect((await bulletinFigures(db, Q3, { region: "没有这个地区" }, { today: TODAY, now: NOW })).tasks).toBe(0);
    await expect(bulletinFigures(db, Q3, { documentId: 999_999 }, { today: TODAY })).rejects.toBeInstanceOf(ScopeError);
  });
});
