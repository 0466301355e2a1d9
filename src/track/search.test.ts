import { describe, expect, it } from "vitest";
import { FILL_LIMIT, fillLimit } from "./search.js";

describe("how many matches a search's fallback to the index takes", () => {
  const page = { offset: 0, limit: 20 };

  it("takes FILL_LIMIT without a filter: every match passes, so reading them is cheap", () => {
    expect(fillLimit(page)).toBe(FILL_LIMIT);
    expect(fillLimit({ offset: 400, limit: 20 })).toBe(FILL_LIMIT);
  });

  it("with a filter takes twice the page asked for, at least 40 and never more than FILL_LIMIT", () => {
    expect(fillLimit({ ...page, region: "某市" })).toBe(40);
    expect(fillLimit({ ...page, year: 2020 })).toBe(40);
    expect(fillLimit({ offset: 40, limit: 20, kind: "incentive" })).toBe(120);
    expect(fillLimit({ offset: 200, limit: 50, bodyId: 3 })).toBe(FILL_LIMIT);
    expect(fillLimit({ ...page, documentId: 1 })).toBeLessThan(FILL_LIMIT);
  });
});
