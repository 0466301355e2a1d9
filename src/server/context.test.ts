import { describe, expect, it } from "vitest";
import { chinaDay, todayOf } from "./context.js";
import type { AppDeps } from "./context.js";

describe("today, as officials' calendar has it", () => {
  it("is the day in China: from midnight to 8 a.m. there it is already the next UTC day's date", () => {
    expect(chinaDay(new Date("2026-11-27T15:59:59Z"))).toBe("2026-11-27");
    expect(chinaDay(new Date("2026-11-27T16:00:00Z"))).toBe("2026-11-28");
    expect(chinaDay(new Date("2026-12-31T17:30:00Z"))).toBe("2027-01-01");
    expect(todayOf({ now: () => new Date("2026-11-27T17:01:00Z") } as unknown as AppDeps)).toBe("2026-11-28");
  });
});
