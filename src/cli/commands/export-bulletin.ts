/**
 * `luoshi export bulletin --period 2026Q3 [--document ID | --region R | --body NAME] --format docx|pdf -o FILE`:
 * the 督查通报 from the store, the same file GET /api/bulletin gives (src/office/bulletin). Runs on the store
 * directly (stop the server first for a PGlite folder). The file is written whole or not at all.
 */
import type { Command } from "commander";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, basename } from "node:path";
import { openStore } from "../../store/index.js";
import type { Queryable } from "../../store/db.js";
import { makeBulletin, parsePeriod, PERIOD_HELP, rangePeriod, ScopeError, type BulletinFormat } from "../../office/bulletin/index.js";
import { storeFromOptions } from "./ingest.js";
import { chinaDay, isCalendarDate } from "../../track/workdays.js";

interface BulletinOptions {
  period?: string;
  from?: string;
  to?: string;
  document?: string;
  region?: string;
  body?: string;
  format: string;
  output?: string;
  today?: string;
  data?: string;
  databaseUrl?: string;
}

const FORMATS: BulletinFormat[] = ["docx", "pdf", "json"];

/** A body by its name as stored, a name it was written as, or its id. */
async function bodyNamed(db: Queryable, name: string): Promise<number> {
  if (/^\d+$/.test(name)) {
    const r = await db.query<{ id: number }>(`select id from responsible_body where id = $1`, [Number(name)]);
    if (r.rows[0]) return r.rows[0].id;
  }
  const r = await db.query<{ id: number }>(
    `select distinct coalesce(b.merged_into, b.id) as id from responsible_body b
     where b.name = $1 or b.id in (select a.body_id from body_alias a where a.written = $1)`,
    [name],
  );
  if (r.rows.length === 1) return r.rows[0]!.id;
  if (!r.rows.length) throw new Error(`没有名为「${name}」的责任单位`);
  throw new Error(`名为「${name}」的责任单位不止一个，请用编号指定（${r.rows.map((x) => x.id).join("、")}）`);
}

/** Writes beside the target and renames, so that an interrupted run leaves no half file under the name asked for. */
function writeWhole(path: string, bytes: Buffer | string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    const e = err as NodeJS.ErrnoException;
    throw new Error(`${path}: 无法写入（${e.code ?? e.message}）`);
  }
}

export async function exportBulletin(o: BulletinOptions): Promise<{ path: string; bytes: number }> {
  const format = o.format as BulletinFormat;
  if (!FORMATS.includes(format)) throw new Error(`格式应为 ${FORMATS.join("、")} 之一，而不是「${o.format}」`);
  if (o.period !== undefined && (o.from !== undefined || o.to !== undefined)) throw new Error("请给出 --period 或 --from/--to，不要同时给出");
  const period = o.period !== undefined ? parsePeriod(o.period) : o.from !== undefined && o.to !== undefined ? rangePeriod(o.from, o.to) : null;
  if (!period) throw new Error(o.period === undefined && (o.from === undefined || o.to === undefined) ? "请给出 --period，或同时给出 --from 和 --to" : PERIOD_HELP);
  // China's day, as the server's (todayOf): from midnight to 8 a.m. in China the UTC date is still yesterday
  const today = o.today ?? chinaDay(new Date());
  if (!isCalendarDate(today)) throw new Error(`--today 应为 YYYY-MM-DD，而不是「${today}」`);
  let documentId: number | undefined;
  if (o.document !== undefined) {
    if (!/^\d+$/.test(o.document)) throw new Error(`--document 应为文件编号，而不是「${o.document}」`);
    documentId = Number(o.document);
  }
  const db = await openStore(storeFromOptions(o));
  try {
    const bodyId = o.body !== undefined ? await bodyNamed(db, o.body) : undefined;
    const file = await makeBulletin(db, period, { documentId, region: o.region, bodyId }, format, { today }).catch((err: unknown) => {
      throw err instanceof ScopeError ? new Error(err.message) : err;
    });
    const path = o.output ?? file.filename;
    const bytes = format === "json" ? `${JSON.stringify(file.figures, null, 2)}\n` : file.bytes!;
    writeWhole(path, bytes);
    return { path, bytes: Buffer.byteLength(bytes) };
  } finally {
    await db.close();
  }
}

/** Registers `bulletin` on the `export` command. */
export function registerExportBulletin(exportCommand: Command): void {
  exportCommand
    .command("bulletin")
    .description("督查通报 of a period as DOCX, PDF or its figures as JSON, read as of the period's end")
    .option("--period <period>", "2026-10, 2026Q3, 2026H1 or 2026")
    .option("--from <day>", "first day, YYYY-MM-DD (with --to, instead of --period)")
    .option("--to <day>", "last day, YYYY-MM-DD")
    .option("--document <id>", "only this document's tasks")
    .option("--region <region>", "only documents of this region (地区)")
    .option("--body <name>", "only this body's tasks (its name, a name it was written as, or its id)")
    .option("--format <format>", "docx, pdf or json", "docx")
    .option("-o, --output <file>", "where to write (default: the bulletin's Chinese name, here)")
    .option("--today <day>", "the day it is (default: today in China); a period not over by then is read as of it")
    .option("--data <dir>", "PGlite data folder (default: $LUOSHI_DATA or ./luoshi-data)")
    .option("--database-url <url>", "a PostgreSQL server (default: $DATABASE_URL)")
    .action(async (o: BulletinOptions) => {
      const r = await exportBulletin(o);
      process.stdout.write(`luoshi: ${r.path}（${r.bytes} 字节）\n`);
    });
}
