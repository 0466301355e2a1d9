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

export async function taskTableFile(table: TaskTable, format: OfficeFormat): Promise<OfficeFile> {
  const bytes = format === "xlsx" ? await taskTableXlsx(table) : format === "docx" ? await taskTableDocx(table) : taskTableCsv(table);
  return { name: fileNameOf(table.title, format), mediaType: MEDIA_TYPES[format], bytes };
}
