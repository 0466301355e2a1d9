/**
 * The office thread's side (see render-threads.ts): writes a 任务分工表 it is sent in the format asked, and hands
 * the bytes back by moving their buffer, not copying it (a 10,000-task XLSX is megabytes).
 */
import { Piscina } from "piscina";
import type { OfficeFormat } from "./download.js";
import type { TaskTable } from "./task-table.js";
import { taskTableBytes } from "./task-table-file.js";

export interface RenderTask {
  table: TaskTable;
  format: OfficeFormat;
}

export default async function renderTask(task: RenderTask): Promise<Uint8Array> {
  const bytes = await taskTableBytes(task.table, task.format);
  // a buffer shared with others (Node's pool of small Buffers) cannot be moved: such bytes are copied first
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  return Piscina.move(own) as unknown as Uint8Array;
}
