import { describe, expect, it } from "vitest";
import { MAX_MONTHS, monthWindow } from "./dashboard.js";

describe("dashboard months", () => {
  const months = (n: number, from = 2000) =>
    new Map(Array.from({ length: n }, (_, i) => [`${from + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`, { total: 1 }]));

  it("keeps every month, in order, up to the cap", () => {
    const w = monthWindow(new Map([["2020-09", { total: 2 }], ["2020-01", { total: 1 }]]), "2020-06-15");
    expect(w).toEqual([{ month: "2020-01", total: 1 }, { month: "2020-09", total: 2 }]);
  });

  it("past the cap sends a page of months around today", () => {
    const w = monthWindow(months(300), "2010-06-15"); // 2000-01 … 2024-12
    expect(w).toHaveLength(MAX_MONTHS);
    expect(w.map((m) => m.month)).toContain("2010-06");
    expect(w[0]!.month < "2010-06" && w.at(-1)!.month > "2010-06").toBe(true);
    expect(monthWindow(months(300), "1990-01-01")[0]!.month).toBe("2000-01");
    expect(monthWindow(months(300), "2099-01-01").at(-1)!.month).toBe("2024-12");
  });
});
