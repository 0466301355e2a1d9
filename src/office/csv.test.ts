import { describe, expect, it } from "vitest";
import { parseCsv } from "../../test/support/office.js";
import { csvField, csvText, taskTableCsv } from "./csv.js";
import { TASK_TABLE_COLUMNS } from "./layout.js";
import type { TaskTable, TaskTableRow } from "./task-table.js";

const row = (taskId: number, measureId: number, measure: string, latest = ""): TaskTableRow => ({
  taskId,
  measureId,
  documentId: 1,
  cells: {
    label: "（一）",
    heading: "重点任务",
    measure,
    lead: "甲局\n乙局",
    supporting: "",
    due: "2020年底前",
    targets: "5G基站 4.8万座（2020年底前）",
    body: "甲局",
    latest,
    value: "",
    completion: "",
    status: "未开始",
    taskId: String(taskId),
  },
  latestDate: latest ? "2020-05-01" : null,
});

describe("CSV", () => {
  it("quotes fields with a comma, a quote or a line break, doubling the quote (RFC 4180)", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvText(["a", "b"], [["1", "2"]])).toBe("a,b\r\n1,2\r\n");
  });

  it("writes the task table with a BOM, every column, and reads back as the rows", () => {
    const table: TaskTable = {
      title: "t",
      subtitle: "",
      documentId: 1,
      filter: { documentId: 1 },
      exportedAt: "2020-06-15T08:00:00.000Z",
      rows: [row(7, 1, '含"引号",逗号\n与换行', "已完成选址"), row(8, 1, '含"引号",逗号\n与换行'), row(9, 2, "普通")],
    };
    const bytes = taskTableCsv(table);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    expect(back[0]).toEqual(TASK_TABLE_COLUMNS.map((c) => c.header));
    const latest = TASK_TABLE_COLUMNS.findIndex((c) => c.key === "latest");
    expect(back.slice(1)).toEqual(table.rows.map((r) => TASK_TABLE_COLUMNS.map((c, i) => (i === latest && r.latestDate ? `${r.cells.latest}（2020年5月1日）` : r.cells[c.key]))));
    expect(back[1]![latest]).toBe("已完成选址（2020年5月1日）");
    expect(back.at(-1)!.at(-1)).toBe("9");
  });

  it("escapes formulas in any field, the header too", () => {
    const text = csvText(["=cmd"], [["@SUM(1)"], ["-1+2"], ['=HYPERLINK("http://x","y")']]);
    const back = parseCsv(text);
    expect(back).toEqual([["'=cmd"], ["'@SUM(1)"], ["'-1+2"], ['\'=HYPERLINK("http://x","y")']]);
    for (const [f] of back) expect(f!).not.toMatch(/^[=+\-@\t\r]/);
  });
});
