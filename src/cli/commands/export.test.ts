import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../../test/support/cli.js";
import { hostileParsed, parseCsv, readXlsx } from "../../../test/support/office.js";
import { bytesOf, jsonParse, sampleParsed } from "../../../test/support/parsed.js";
import { HIDDEN_SHEET_NAME, TASK_SHEET_NAME } from "../../office/layout.js";
import { openStore } from "../../store/index.js";
import { SYSTEM } from "../../track/audit.js";
import { ingestDocument } from "../../track/ingest.js";

const work = mkdtempSync(join(tmpdir(), "luoshi-export-"));
const data = join(work, "data");
let sample: number;
let hostile: number;

beforeAll(async () => {
  const db = await openStore({ dataDir: data });
  sample = (await ingestDocument(db, jsonParse, bytesOf(sampleParsed()), "sample.json", SYSTEM)).documentId;
  hostile = (await ingestDocument(db, jsonParse, bytesOf(hostileParsed()), "hostile.json", SYSTEM)).documentId;
  await db.close();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("luoshi export task-table", () => {
  it("writes a document's XLSX to the file named", async () => {
    const out = join(work, "table.xlsx");
    const r = await runCli(["export", "task-table", "--document", String(hostile), "--format", "xlsx", "-o", out, "--data", data]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toBe(`luoshi: 已导出 6 项任务 → ${out}\n`);
    const x = await readXlsx(new Uint8Array(readFileSync(out)));
    expect(x.sheets.map((s) => s.name)).toEqual([TASK_SHEET_NAME, HIDDEN_SHEET_NAME]);
    expect((await x.sheet(TASK_SHEET_NAME)).text("A1")).toBe("'=关于单元格注入测试的若干措施任务分工表");
  });

  it("takes the format from the file's extension, and filters by status (in Chinese, by today's clock) and body (by name)", async () => {
    const out = join(work, "list.csv");
    const r = await runCli(["export", "task-table", "--status", "已逾期", "--body", "广东省通信管理局", "-o", out, "--data", data]);
    expect(r.code).toBe(0);
    const [header, ...rows] = parseCsv(readFileSync(out, "utf8").replace(/^\uFEFF/, ""));
    const body = header!.indexOf("填报单位");
    expect(rows.length).toBe(4); // two in each document, all past their 2020 deadlines by the real clock
    expect(new Set(rows.map((x) => x[body]))).toEqual(new Set(["广东省通信管理局"]));
    const docx = join(work, "sample.docx");
    expect((await runCli(["export", "task-table", "--document", String(sample), "--region", "广东", "-o", docx, "--data", data])).code).toBe(0);
    expect((await mammoth.extractRawText({ path: docx })).value).toContain("提速5G网络建设");
  });

  it("says in Chinese what is wrong, and leaves no file behind", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--document", "abc"], /--document 须为编号（正整数），而不是“abc”/],
      [["--document", "999"], /文件 999 不存在/],
      [["--format", "pdf"], /--format 须为 xlsx、docx、csv 之一/],
      [["--status", "later"], /--status 须为以下之一：未开始（not_started）/],
      [["--due-before", "2020-02-30"], /--due-before 须为 YYYY-MM-DD 格式的日期/],
      [["--body", "没有这个单位"], /没有名为“没有这个单位”的责任单位/],
      [["-o", join(work, "no-such-folder", "t.xlsx")], /无法写入（目录不存在）/],
      [["-o", join(work, "t.pdf")], /无法从扩展名判断导出格式/],
    ];
    const before = readdirSync(work).sort();
    for (const [args, message] of cases) {
      const r = await runCli(["export", "task-table", ...args, "--data", data]);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.err, args.join(" ")).toMatch(message);
      expect(r.err.split("\n").filter(Boolean)).toHaveLength(1);
    }
    expect(readdirSync(work).sort()).toEqual(before);
    expect(existsSync(join(work, "no-such-folder"))).toBe(false);
  });
});
