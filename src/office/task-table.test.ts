import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TODAY } from "../../test/support/api.js";
import { describeEngines } from "../../test/support/engines.js";
import { FORMULAS, officeStore } from "../../test/support/office.js";
import type { Db } from "../store/db.js";
import { TrackError } from "../track/tasks.js";
import { gatherTaskTable, latestWithDate, measureRuns, measureText, type TaskTableFilter } from "./task-table.js";
import type { Scope } from "../track/scope.js";

describe("rows and runs", () => {
  it("groups consecutive rows of one measure", () => {
    const rows = [1, 1, 2, 3, 3, 3, 1].map((measureId) => ({ measureId }));
    expect(measureRuns(rows)).toEqual([[0, 1], [2, 2], [3, 5], [6, 6]]);
    expect(measureRuns([])).toEqual([]);
  });

  it("takes the label off the front of a measure's text, and falls back to the title", () => {
    expect(measureText({ label: "1.", title: "提速", text: "1. 提速5G网络建设。" })).toBe("提速5G网络建设。");
    expect(measureText({ label: "（一）", title: "标题", text: "" })).toBe("标题");
    expect(measureText({ label: "2.", title: "t", text: "不以编号开头" })).toBe("不以编号开头");
  });
});

describeEngines("the 任务分工表's rows", (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let sample: number;
  let hostile: number;
  const now = new Date("2020-06-15T08:00:00Z");
  const gather = (filter: TaskTableFilter, scope?: Scope) => gatherTaskTable(db, { filter, scope, today: TODAY, now });

  beforeAll(async () => {
    ({ db, close, sample, hostile } = await officeStore(engine));
  });
  afterAll(async () => close?.());

  it("has one row per task in reading order, lead first, with the measure's columns", async () => {
    const t = await gather({ documentId: hostile });
    expect(t.title).toBe("=关于单元格注入测试的若干措施任务分工表");
    expect(t.documentId).toBe(hostile);
    expect(t.rows.map((r) => [r.cells.label, r.cells.body])).toEqual([
      ["1.", "广东省工业和信息化厅"],
      ["1.", "广东省通信管理局"],
      ["2.", "广东省财政厅"],
      ["3.", "广东省财政厅"],
      ["4.", "广东省财政厅"],
      ["5.", "广东省通信管理局"],
    ]);
    const [a, b] = t.rows;
    expect(a!.cells.heading).toBe("=1+2重点任务");
    expect(a!.cells.measure.startsWith(FORMULAS[0])).toBe(true);
    expect(t.rows[2]!.cells.measure.startsWith(FORMULAS[1])).toBe(true);
    expect(t.rows[3]!.cells.measure.startsWith(FORMULAS[2])).toBe(true);
    expect(a!.cells.lead).toBe("广东省工业和信息化厅");
    expect(a!.cells.supporting).toBe("广东省通信管理局");
    expect(b!.cells.lead).toBe(a!.cells.lead);
    expect(t.rows[5]!.cells.targets).toBe("5G基站 4.8万座（2020年底前）");
    expect(t.rows[5]!.cells.due).toBe("2020年底前");
    expect(a!.cells.taskId).toBe(String(a!.taskId));
    expect(a!.cells.value + a!.cells.completion).toBe("");
  });

  it("shows the latest report that counts (a returned one does not) and the status in Chinese", async () => {
    const t = await gather({ documentId: hostile });
    expect(t.rows[0]!.cells.latest).toBe("=已完成选址，@进度过半");
    expect(t.rows[0]!.latestDate).toBe("2020-05-01");
    expect(latestWithDate(t.rows[0]!)).toBe("=已完成选址，@进度过半（2020年5月1日）");
    expect(t.rows[0]!.cells.status).toBe("已退回");
    expect(t.rows[1]!.cells.latest).toBe("");
    expect(latestWithDate(t.rows[1]!)).toBe("");
    expect(t.rows[1]!.cells.status).toBe("未开始");
  });

  it("gives a scoped reader only its own body's rows, still naming every body of the measure", async () => {
    const all = await gather({ documentId: hostile });
    const bodyId = (await db.query<{ body_id: number }>(`select body_id from task where id = $1`, [all.rows[1]!.taskId])).rows[0]!.body_id;
    const own = await gather({ documentId: hostile }, { bodyIds: [bodyId] });
    expect(own.rows.map((r) => r.cells.body)).toEqual(["广东省通信管理局", "广东省通信管理局"]);
    expect(own.rows[0]!.cells.lead).toBe("广东省工业和信息化厅");
    await expect(gather({ documentId: hostile, bodyId: bodyId + 1000 }, { bodyIds: [bodyId] })).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("filters by status, body and region, and names the filter in the title", async () => {
    const returned = await gather({ status: "returned" });
    expect(returned.rows).toHaveLength(1);
    expect(returned.title).toBe("任务分工表（已退回）");
    expect((await gather({ region: "广东" })).rows.length).toBeGreaterThan(6);
    expect((await gather({ region: "广州" })).rows).toEqual([]);
    await expect(gather({ region: "广东" }, { region: "广州" })).rejects.toMatchObject({ kind: "forbidden" });
    const dueSoon = await gather({ documentId: sample, dueBefore: "2020-10-01" });
    expect(dueSoon.rows.length).toBeGreaterThan(0);
    expect(dueSoon.subtitle).toContain("2020年10月1日前到期");
  });

  it("names the document in 重点任务 when the rows come from several documents", async () => {
    const t = await gather({});
    expect(new Set(t.rows.map((r) => r.documentId))).toEqual(new Set([sample, hostile]));
    const heading = t.rows.find((r) => r.documentId === hostile)!.cells.heading;
    expect(heading).toBe("《=关于单元格注入测试的若干措施》\n=1+2重点任务");
  });

  it("refuses a document that does not exist", async () => {
    const err = await gather({ documentId: 999_999 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrackError);
    expect((err as TrackError).kind).toBe("not-found");
    expect((err as TrackError).message).toContain("999999");
  });
});
