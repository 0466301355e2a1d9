import { describe, expect, it } from "vitest";
import { normalizeText } from "./normalize.js";

describe("normalizeText", () => {
  it("makes fullwidth digits and a fullwidth point between digits ASCII, one for one", () => {
    const s = "每千瓦时０．０２元，（２０２４年）";
    const n = normalizeText(s);
    expect(n).toBe("每千瓦时0.02元，（2024年）");
    expect(n.length).toBe(s.length);
  });
  it("keeps a fullwidth point that ends a label (１．加强) as written", () => {
    expect(normalizeText("１．加强领导")).toBe("1．加强领导");
  });
});
