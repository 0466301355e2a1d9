/**
 * `luoshi export task-table`: the 任务分工表 of a document, or of the tasks a filter selects, as XLSX, DOCX or CSV,
 * from the same store as the other commands (stop the server first for a PGlite folder). The file is written
 * whole or not at all: to a temporary name beside it, then renamed.
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import type { Command } from "commander";
import { OFFICE_FORMATS, type OfficeFormat } from "../../office/download.js";
import { gatherTaskTable, STATUS_LABEL, type TaskTableFilter } from "../../office/task-table.js";
import { taskTableFile } from "../../office/task-table-file.js";
import { openStore } from "../../store/index.js";
import type { Queryable } from "../../store/db.js";
import { TASK_STATUSES, type TaskStatus } from "../../track/status.js";
import { storeFromOptions } from "./ingest.js";
import { chinaDay, isCalendarDate } from "../../track/workdays.js";

export interface TaskTableFlags {
  document?: string;
  format?: string;
  output?: string;
  body?: string;
  status?: string;
  region?: string;
  dueBefore?: string;
  data?: string;
  databaseUrl?: string;
}

const MAX_ID = 2_147_483_647;

function idOf(flag: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_ID) throw new Error(`${flag} 须为编号（正整数），而不是“${value}”`);
  return n;
}

/** 已逾期 or overdue */
function statusOf(value: string): TaskStatus {
  const found = TASK_STATUSES.find((s) => s === value || STATUS_LABEL[s] === value);
  if (!found) throw new Error(`--status 须为以下之一：${TASK_STATUSES.map((s) => `${STATUS_LABEL[s]}（${s}）`).join("、")}，而不是“${value}”`);
  return found;
}

function dayOf(flag: string, value: string): string {
  if (!isCalendarDate(value)) throw new Error(`${flag} 须为 YYYY-MM-DD 格式的日期，而不是“${value}”`);
  return value;
}

const isFormat = (s: string): s is OfficeFormat => (OFFICE_FORMATS as readonly string[]).includes(s);

/** the format asked for, else the output file's extension, else xlsx */
function formatOf(format: string | undefined, output: string | undefined): OfficeFormat {
  if (format !== undefined) {
    if (isFormat(format)) return format;
    throw new Error(`--format 须为 ${OFFICE_FORMATS.join("、")} 之一，而不是“${format}”`);
  }
  const ext = output ? extname(output).slice(1).toLowerCase() : "";
  if (!ext) return "xlsx";
  if (isFormat(ext)) return ext;
  throw new Error(`${output}：无法从扩展名判断导出格式，请用 --format 指定 ${OFFICE_FORMATS.join("、")}`);
}

/** A body by id or by its name as stored. */
async function bodyOf(db: Queryable, value: string): Promise<number> {
  if (/^\d+$/.test(value)) return idOf("--body", value);
  const r = await db.query<{ id: number }>(`select id from responsible_body where name = $1 and merged_into is null`, [value]);
  if (!r.rows[0]) throw new Error(`--body：没有名为“${value}”的责任单位`);
  return r.rows[0].id;
}

/** Exports the table; returns the file written and the number of tasks in it. */
export async function exportTaskTable(o: TaskTableFlags, now = new Date()): Promise<{ path: string; tasks: number }> {
  const format = formatOf(o.format, o.output);
  const filter: TaskTableFilter = {};
  if (o.document !== undefined) filter.documentId = idOf("--document", o.document);
  if (o.status !== undefined) filter.status = statusOf(o.status);
  if (o.region !== undefined) filter.region = o.region;
  if (o.dueBefore !== undefined) filter.dueBefore = dayOf("--due-before", o.dueBefore);
  const db = await openStore(storeFromOptions(o));
  try {
    if (o.body !== undefined) filter.bodyId = await bodyOf(db, o.body);
    const table = await gatherTaskTable(db, { filter, today: chinaDay(now), now });
    const file = await taskTableFile(table, format);
    const path = o.output ?? file.name;
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      writeFileSync(temp, file.bytes);
      renameSync(temp, path);
    } catch (err) {
      rmSync(temp, { force: true });
      const e = err as NodeJS.ErrnoException;
      throw new Error(`${path}：无法写入（${e.code === "ENOENT" ? "目录不存在" : e.code === "EACCES" ? "没有写权限" : e.code === "EISDIR" ? "这是一个目录" : (e.code ?? e.message)}）`);
    }
    return { path, tasks: table.rows.length };
  } finally {
    await db.close();
  }
}

export function registerExportTaskTable(exportCommand: Command): void {
  exportCommand
    .command("task-table")
    .description("the 任务分工表 (one row per task) of a document or of the tasks a filter selects, as XLSX, DOCX or CSV")
    .option("--document <id>", "the document's id")
    .option("--format <format>", "xlsx (to fill in and import), docx (to print) or csv (default: from -o's extension, else xlsx)")
    .option("-o, --output <file>", "where to write (default: the table's title in this folder)")
    .option("--body <id|name>", "only this body's tasks")
    .option("--status <status>", "only tasks of this status (已逾期 or overdue, …)")
    .option("--region <region>", "only documents of this region (地区)")
    .option("--due-before <date>", "only tasks due before this day (YYYY-MM-DD)")
    .option("--data <dir>", "PGlite data folder (default: $LUOSHI_DATA or ./luoshi-data)")
    .option("--database-url <url>", "a PostgreSQL server (default: $DATABASE_URL)")
    .action(async (o: TaskTableFlags) => {
      const r = await exportTaskTable(o);
      process.stdout.write(`luoshi: 已导出 ${r.tasks} 项任务 → ${r.path}\n`);
    });
}
