import { describe, expect, it } from "vitest";
import { Conditions } from "./conditions.js";

describe("Conditions", () => {
  it("numbers placeholders in the order written, after values already in the query", () => {
    const c = new Conditions(["first"]);
    c.add("d.published").add("m.document_id = ?", 7).add("d.doc_date >= ? and d.doc_date < ?", "2020-01-01", "2021-01-01");
    expect(c.where).toBe("where d.published and m.document_id = $2 and d.doc_date >= $3 and d.doc_date < $4");
    expect(c.params).toEqual(["first", 7, "2020-01-01", "2021-01-01"]);
  });
  it("is empty without conditions", () => {
    expect(new Conditions().where).toBe("");
  });
  it("refuses a condition whose values do not match its placeholders", () => {
    expect(() => new Conditions().add("a = ? and b = ?", 1)).toThrow(/more \? than values/);
    expect(() => new Conditions().add("a = ?", 1, 2)).toThrow(/more values than \?/);
  });
});
