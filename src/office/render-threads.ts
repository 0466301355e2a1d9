/**
 * Office files written off the server's thread. Writing a 10,000-task XLSX or DOCX is seconds of CPU in exceljs or
 * docx; on the thread that answers HTTP it would hold every other user's request for as long. The server renders
 * them in a worker thread (piscina), one file at a time per thread, and the thread gives its memory back when no
 * export has come for a while. The rows are gathered on the server's thread and sent to the thread as plain data:
 * on PostgreSQL gathering is waiting for the database, which holds no one; the embedded database runs its queries
 * on the server's thread, so there the gathering still does (docs/tracking.md, `npm run bench:export`).
 */
import { Piscina } from "piscina";
import { threadEntry } from "../jobs/thread-entry.js";
import type { RenderTask } from "./render-entry.js";
import { officeFile, type RenderTaskTable } from "./task-table-file.js";

export class OfficeThreads {
  private readonly pool: Piscina<RenderTask, Uint8Array>;

  constructor(opts: { threads?: number; idleMs?: number } = {}) {
    this.pool = new Piscina({
      filename: threadEntry(import.meta.url, "office", "render-entry.js"),
      minThreads: 0,
      maxThreads: Math.max(1, opts.threads ?? 1),
      // a thread keeps exceljs and docx loaded between exports for a while, then gives its memory back
      idleTimeout: opts.idleMs ?? 60_000,
    });
  }

  readonly render: RenderTaskTable = async (table, format) => {
    return officeFile(table, format, await this.pool.run({ table, format }));
  };

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
