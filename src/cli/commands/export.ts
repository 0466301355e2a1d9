/**
 * `luoshi export …`: office files out of the store. Each kind of file is a subcommand in a module of its own
 * (export-*.ts) that adds itself to `export` through the list below, so another kind is one more line here.
 */
import type { Command } from "commander";
import { registerExportBulletin } from "./export-bulletin.js";
import { registerExportTaskTable } from "./export-task-table.js";

/** the subcommands of `luoshi export` */
const EXPORTS: Array<(exportCommand: Command) => void> = [registerExportTaskTable, registerExportBulletin];

export function registerExport(program: Command): void {
  const command = program.command("export").description("export office files from the store: the 任务分工表 (XLSX, DOCX, CSV), the 督查通报 (DOCX, PDF)");
  for (const register of EXPORTS) register(command);
}
