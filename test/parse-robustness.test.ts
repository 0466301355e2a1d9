import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseText } from "../src/parse/index.js";
import { ParsedFileSchema } from "../src/model/exchange.js";

const alphabet = "一二三四五六七八九十（）()、，。；：:1234567890.%万亿元个家座年月日底前内省市县局厅委牵头配合责任单位《》〔〕号\n\t 　第条章";

describe("parseText on any string", () => {
  it("never throws and always returns the exchange format", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 400 })), (s) => {
        const p = parseText(s, { source: "x.txt" });
        expect(ParsedFileSchema.safeParse(p).success).toBe(true);
        for (const n of p.outline) {
          expect(n.span!.start).toBeLessThanOrEqual(n.span!.end);
          expect(n.span!.end).toBeLessThanOrEqual((p.text ?? "").length);
        }
      }),
      { numRuns: 400 },
    );
  });
  it("gives an empty outline and a warning for text with no structure", () => {
    const p = parseText("这是一段没有编号的普通文字，没有任何政策措施。", { source: "plain.txt" });
    expect(p.outline).toEqual([]);
    expect(p.warnings?.[0]).toBe("未找到编号的条目（如“一、”“（一）”“1.”），没有可识别的措施");
  });
  it("handles a long line of labels without slowing to a crawl (linear work)", () => {
    const s = Array.from({ length: 2000 }, (_, i) => `（${i % 9 + 1}）措施内容，新增${i}个项目；`).join("");
    const p = parseText(s, { source: "long.txt" });
    expect(p.outline.length).toBeGreaterThan(0);
  });
});
