/** The 任务分工表 in one of the office formats, with the file name it is downloaded or saved as. */
import { taskTableCsv } from "./csv.js";
import { taskTableDocx } from "./docx-export.js";
import { fileNameOf, MEDIA_TYPES, type OfficeFormat } from "./download.js";
import type { TaskTable } from "./task-table.js";
import { taskTableXlsx } from "./xlsx-export.js";

export interface OfficeFile {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** Writes a 任务分工表 as a file: taskTableFile here, or in a worker thread (render-threads.ts). */
export type RenderTaskTable = (table: TaskTable, format: OfficeFormat) => Promise<OfficeFile>;

export async function taskTableBytes(table: TaskTable, format: OfficeFormat): Promise<Uint8Array> {
  return format === "xlsx" ? await taskTableXlsx(table) : format === "docx" ? await taskTableDocx(table) : taskTableCsv(table);
}

/** The file of a table's bytes: its download name and media type. */
export function officeFile(table: TaskTable, format: OfficeFormat, bytes: Uint8Array): OfficeFile {
  return { name: fileNameOf(table.title, format), mediaType: MEDIA_TYPES[format], bytes };
}

export const taskTableFile: RenderTaskTable = async (table, format) => officeFile(table, format, await taskTableBytes(table, format));
