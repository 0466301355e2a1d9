import { describe, expect, it } from "vitest";
import { addDays, assignedBeforeForWait, chinaDateTime, chinaDayStart, nextDay, workingDaysBetween } from "./workdays.js";

describe("working days", () => {
  it("counts Monday to Friday after the first day up to the last", () => {
    // 2020-06-12 Friday, 2020-06-15 Monday
    expect(workingDaysBetween("2020-06-12", "2020-06-15")).toBe(1);
    expect(workingDaysBetween("2020-06-08", "2020-06-15")).toBe(5);
    expect(workingDaysBetween("2020-06-15", "2020-06-15")).toBe(0);
    expect(workingDaysBetween("2020-06-13", "2020-06-14")).toBe(0);
  });

  it("the cut-off day agrees with the count for every assignment day around it", () => {
    for (const today of ["2020-06-15", "2020-06-17", "2020-06-20", "2020-06-21"])
      for (const n of [1, 3, 5, 8]) {
        const cut = assignedBeforeForWait(today, n);
        for (let back = 0; back < 20; back++) {
          const assigned = new Date(Date.parse(`${today}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
          expect(workingDaysBetween(assigned, today) >= n, `${today} n=${n} assigned ${assigned} cut ${cut}`).toBe(assigned < cut);
        }
      }
    expect(assignedBeforeForWait("2020-06-15", 3)).toBe("2020-06-11");
  });
});

describe("days and instants in China", () => {
  it("counts days across months and years, and shows an instant as a clock in China does", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    expect(new Date(chinaDayStart("2026-11-28")).toISOString()).toBe("2026-11-27T16:00:00.000Z");
    expect(chinaDateTime("2026-11-27T08:05:00Z")).toBe("2026年11月27日 16:05");
    expect(chinaDateTime("2026-11-27T17:01:00Z")).toBe("2026年11月28日 01:01");
  });
});
