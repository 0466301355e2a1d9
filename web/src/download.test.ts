import { describe, expect, it } from "vitest";
import { fileNameOf } from "./download";

describe("the name of a downloaded file", () => {
  it("reads the UTF-8 name of filename*, else filename, else the fallback", () => {
    const name = "关于促进信息消费的若干措施任务分工表.xlsx";
    expect(fileNameOf(`attachment; filename="luoshi.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`, "x")).toBe(name);
    expect(fileNameOf('attachment; filename="plain.csv"', "x")).toBe("plain.csv");
    expect(fileNameOf(`attachment; filename="ok.csv"; filename*=UTF-8''%E0%A4%A`, "x")).toBe("ok.csv");
    expect(fileNameOf(null, "任务分工表.docx")).toBe("任务分工表.docx");
  });
});
