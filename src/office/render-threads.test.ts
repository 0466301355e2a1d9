/**
 * The office thread writes the same files as the server's thread: the same CSV bytes, the same sheet and document
 * XML (their packages' timestamps aside), with the name and media type of the download.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TODAY } from "../../test/support/api.js";
import { pglite } from "../../test/support/engines.js";
import { officeStore, openPackage, parseCsv } from "../../test/support/office.js";
import { OfficeThreads } from "./render-threads.js";
import { gatherTaskTable, type TaskTable } from "./task-table.js";
import { taskTableFile } from "./task-table-file.js";

describe("the 任务分工表 written in a worker thread", () => {
  let close: () => Promise<void>;
  let table: TaskTable;
  const threads = new OfficeThreads({ idleMs: 1000 });

  beforeAll(async () => {
    const s = await officeStore(pglite);
    close = s.close;
    table = await gatherTaskTable(s.db, { filter: { documentId: s.hostile }, today: TODAY, now: new Date("2020-06-15T08:00:00Z") });
  });
  afterAll(async () => {
    await threads.close();
    await close?.();
  });

  it("writes the CSV byte for byte as the server's thread does", async () => {
    const [here, there] = await Promise.all([taskTableFile(table, "csv"), threads.render(table, "csv")]);
    expect(there.name).toBe(here.name);
    expect(there.mediaType).toBe(here.mediaType);
    expect(Buffer.from(there.bytes).equals(Buffer.from(here.bytes))).toBe(true);
  });

  it.each([
    ["xlsx", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"]],
    ["docx", ["word/document.xml"]],
  ] as const)("writes the %s with the same content", async (format, parts) => {
    const [here, there] = await Promise.all([taskTableFile(table, format), threads.render(table, format)]);
    expect(there.name).toBe(here.name);
    const [a, b] = await Promise.all([openPackage(here.bytes), openPackage(there.bytes)]);
    expect(b.names).toEqual(a.names);
    let text = "";
    for (const part of parts) {
      const xml = (await b.xml(part)).xml();
      expect(xml).toBe((await a.xml(part)).xml());
      text += (await b.xml(part)).root().text();
    }
    expect(text).toContain(table.rows[1]!.cells.body);
  });

  it("writes files one after another in one thread, each its own", async () => {
    const files = await Promise.all([threads.render(table, "csv"), threads.render({ ...table, rows: table.rows.slice(0, 1) }, "csv")]);
    const tables = files.map((f) => parseCsv(Buffer.from(f.bytes).toString("utf8").replace(/^\uFEFF/, "")).filter((r) => r.some((c) => c !== "")));
    // the header, then a row a task
    expect(tables.map((t) => t.length - 1)).toEqual([table.rows.length, 1]);
    expect(tables[1]![1]).toEqual(tables[0]![1]);
  });
});
