import { describe, expect, it } from "vitest";
import { contentDisposition, fileNameOf } from "./download.js";

describe("download names", () => {
  it("makes a file name of a title: no separators, no characters Windows refuses, bounded", () => {
    expect(fileNameOf("关于促进信息消费的若干措施任务分工表", "xlsx")).toBe("关于促进信息消费的若干措施任务分工表.xlsx");
    expect(fileNameOf('../a/b\\c:*?"<>|\u0007d', "csv")).toBe("a b c d.csv");
    expect(fileNameOf("...", "docx")).toBe("luoshi.docx");
    const long = fileNameOf("字".repeat(300), "xlsx");
    expect([...long].length).toBe(80 + ".xlsx".length);
  });

  it("gives the UTF-8 name as filename* (RFC 5987) and a plain ASCII one beside it", () => {
    const name = "广州市扩大和升级信息消费实施意见(2019-2021年)任务分工表.xlsx";
    const h = contentDisposition(name);
    expect(h.startsWith('attachment; filename="luoshi.xlsx"; filename*=UTF-8\'\'')).toBe(true);
    const encoded = h.split("filename*=UTF-8''")[1]!;
    expect(encoded).not.toMatch(/[()'*\s]/);
    expect(decodeURIComponent(encoded)).toBe(name);
    expect(contentDisposition("tasks.csv")).toBe(`attachment; filename="tasks.csv"; filename*=UTF-8''tasks.csv`);
  });
});
