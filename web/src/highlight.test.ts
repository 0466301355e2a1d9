import { describe, expect, it } from "vitest";
import { segment } from "./highlight.js";

const pieces = (text: string, marks: Parameters<typeof segment>[1], anchors?: Parameters<typeof segment>[2]) =>
  segment(text.length, marks, anchors).map((s) => [text.slice(s.start, s.end), s.mark?.kind ?? null, ...(s.anchors.length ? [s.anchors] : [])]);

describe("segment", () => {
  it("cuts the text at marks and covers it whole", () => {
    const text = "由市发展改革委牵头，2020年底前建成5G基站3000个。";
    const segs = segment(text.length, [
      { start: 1, end: 7, kind: "lead" },
      { start: 10, end: 16, kind: "time" },
      { start: 21, end: 26, kind: "quantity" },
    ]);
    expect(segs.map((s) => text.slice(s.start, s.end)).join("")).toBe(text);
    expect(pieces(text, [{ start: 1, end: 7, kind: "lead" }])).toEqual([
      ["由", null],
      ["市发展改革委", "lead"],
      ["牵头，2020年底前建成5G基站3000个。", null],
    ]);
  });
  it("gives overlapping text to the mark of higher priority", () => {
    expect(pieces("abcdef", [
      { start: 0, end: 4, kind: "time" },
      { start: 2, end: 6, kind: "citation" },
    ])).toEqual([
      ["ab", "time"],
      ["cdef", "citation"],
    ]);
  });
  it("drops marks outside the text and starts a segment at each anchor", () => {
    expect(pieces("abcdef", [{ start: 4, end: 99, kind: "body" }, { start: 3, end: 3, kind: "body" }], [{ at: 2, index: 0 }, { at: 6, index: 1 }])).toEqual([
      ["ab", null],
      ["cdef", null, [0]],
      ["", null, [1]],
    ]);
  });
  it("keeps markup-like text as text", () => {
    const text = "<script>alert(1)</script>";
    expect(segment(text.length, []).map((s) => text.slice(s.start, s.end))).toEqual([text]);
  });
});
