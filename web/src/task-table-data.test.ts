import { describe, expect, it } from "vitest";
import { PAGE_SIZE, pageOf } from "./task-table-data";

describe("the 任务分工表's page in the address", () => {
  it("is the first page of the default size when the address says nothing", () => {
    expect(pageOf(new URLSearchParams(""))).toEqual({ page: 1, size: PAGE_SIZE });
  });

  it("takes a page and one of the offered sizes, and nothing else", () => {
    expect(pageOf(new URLSearchParams("page=3&size=50"))).toEqual({ page: 3, size: 50 });
    expect(pageOf(new URLSearchParams("page=0&size=7"))).toEqual({ page: 1, size: PAGE_SIZE });
    expect(pageOf(new URLSearchParams("page=abc&size=100000"))).toEqual({ page: 1, size: PAGE_SIZE });
    expect(pageOf(new URLSearchParams("page=2.7"))).toEqual({ page: 2, size: PAGE_SIZE });
  });
});
