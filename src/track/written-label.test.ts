import { describe, expect, it } from "vitest";
import { writtenLabel } from "./written-label.js";

describe("labels as written", () => {
  const text = "一、总体要求\n（一）加快建设。\n1. 提速网络。\n第三条 本办法自发布之日起施行。\n（2）其他";
  const at = (s: string) => text.indexOf(s);

  it("reads the label the document prints at the heading", () => {
    expect(writtenLabel(text, at("一、"), ["一"])).toBe("一、");
    expect(writtenLabel(text, at("（一）"), ["一", "一"])).toBe("（一）");
    expect(writtenLabel(text, at("1. "), ["一", "一", "1"])).toBe("1.");
    expect(writtenLabel(text, at("第三条"), ["三"])).toBe("第三条");
    expect(writtenLabel(text, at("（2）"), ["一", "2"])).toBe("（2）");
  });

  it("without text or span, the last label of the path, never the path", () => {
    expect(writtenLabel(null, 0, ["一", "5"])).toBe("5");
    expect(writtenLabel(text, undefined, ["二", "3"])).toBe("3");
    expect(writtenLabel(text, at("总体"), ["一", "4"])).toBe("4");
  });
});
