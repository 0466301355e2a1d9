import { describe, expect, it } from "vitest";
import { actionLabel, changesOf, formatValue } from "./audit-text";

describe("the audit log in words", () => {
  it("names the supervision loop's actions in Chinese, and shows an action it does not know as written", () => {
    expect(["task.acknowledge", "report.close_request", "report.return", "task.close", "notice.send"].map(actionLabel)).toEqual([
      "签收任务",
      "申请办结",
      "退回报送",
      "审核通过并销号",
      "发送督办通知",
    ]);
    expect(actionLabel("task.teleport")).toBe("task.teleport");
    expect(actionLabel("constructor")).toBe("constructor");
  });

  it("shows what a step of the loop adds to the record before it: a return's reason, a closure's date", () => {
    const before = { documentId: 5, status: "overdue" };
    expect(changesOf(before, { documentId: 5, reportId: 8, reason: "缺少验收材料" })).toEqual([{ field: "reason", label: "理由", before: null, after: "缺少验收材料" }]);
    // an approval without a reason shows no empty reason
    expect(changesOf(before, { documentId: 5, reportId: 9, reason: null, closedOn: "2020-06-15" })).toEqual([
      { field: "closedOn", label: "办结日期", before: null, after: "2020年6月15日" },
    ]);
  });

  it("lists only the fields a correction changed, in Chinese, with their values as people read them", () => {
    const before = { documentId: 3, measureId: 9, targetId: 12, value: 48000, deadline: "2020-09-30", kind: "target" };
    const after = { documentId: 3, measureId: 9, targetId: 12, value: 50000, deadline: "2020-12-31", kind: "target" };
    expect(changesOf(before, after)).toEqual([
      { field: "value", label: "数值", before: "48000", after: "50000" },
      { field: "deadline", label: "完成时限", before: "2020年9月30日", after: "2020年12月31日" },
    ]);
  });

  it("lists what a new record holds and what a removed one held", () => {
    expect(changesOf(null, { title: "提速5G网络建设", published: false })).toEqual([
      { field: "title", label: "标题", before: null, after: "提速5G网络建设" },
      { field: "published", label: "公开", before: null, after: "否" },
    ]);
    expect(changesOf({ role: "lead", bodyName: "市财政局" }, null)).toEqual([{ field: "role", label: "角色", before: "牵头", after: null }]);
  });

  it("names kinds, roles and empty values", () => {
    expect(formatValue("kind", "incentive")).toBe("奖补政策");
    expect(formatValue("role", "supervisor")).toBe("督查人员");
    expect(formatValue("indicator", null)).toBe("—");
    expect(formatValue("bodyIds", [])).toBe("—");
    expect(formatValue("cap", true)).toBe("是");
  });
});
