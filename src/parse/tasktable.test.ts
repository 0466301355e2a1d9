import { describe, expect, it } from "vitest";
import { parseTaskTables } from "./tasktable.js";

const rows = (s: string) => parseTaskTables(s, 0, s.length).map((r) => [r.number, r.name, r.units, r.lead, r.support]);

describe("parseTaskTables", () => {
  it("reads numbered rows with one bodies column", () => {
    const t = "任务分工表\n序号\t政策措施\t负责单位\n1\t提速 5G 网络建设\t省工业和信息化厅、通信管理局\n2\t完善乡村信息基础设施\t省财政厅";
    expect(rows(t)).toEqual([
      [1, "提速5G网络建设", "省工业和信息化厅、通信管理局", null, null],
      [2, "完善乡村信息基础设施", "省财政厅", null, null],
    ]);
  });
  it("reads lead and supporting columns and a cell wrapped over two lines", () => {
    const t = "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n3\t拓展应用场景\t市工业和信息化局\t市卫生健康局、市场监管\n局\t持续推进";
    expect(rows(t)).toEqual([[3, "拓展应用场景", "市工业和信息化局、市卫生健康局、市场监管局", "市工业和信息化局", "市卫生健康局、市场监管局"]]);
  });
  it("reads a table that names its measures without numbers", () => {
    const t = "重点任务\t牵头单位\t配合单位\n加快网络建设\t市工业和信息化局\t市住房城乡建设局\n推动产业集聚\t市发展改革委\t市科技局";
    expect(rows(t).map((r) => [r[1], r[3], r[4]])).toEqual([
      ["加快网络建设", "市工业和信息化局", "市住房城乡建设局"],
      ["推动产业集聚", "市发展改革委", "市科技局"],
    ]);
  });
  it("ends the table at the 公开方式 line", () => {
    const t = "序号\t措施\t责任单位\n1\t甲\t市财政局\n公开方式：主动公开\n2\t乙\t市税务局";
    expect(rows(t)).toHaveLength(1);
  });
});

describe("a task table numbered with the measures' own labels", () => {
  it("reads rows whose 序号 cell is （一） or 二、", () => {
    const t = "序号\t重点任务\t牵头单位\t配合单位\n（一）\t建设食堂\t甲局\t乙局\n二、\t培训护工\t丙局\t丁局";
    const rows = parseTaskTables(t, 0, t.length);
    expect(rows.map((r) => [r.number, r.name, r.lead, r.support])).toEqual([
      [1, "建设食堂", "甲局", "乙局"],
      [2, "培训护工", "丙局", "丁局"],
    ]);
  });
});
