/**
 * `luoshi export …`: office files out of the store. Each kind of file is a subcommand in a module of its own
 * (export-*.ts) that adds itself to `export` through the list below, so another kind is one more line here.
 */
import type { Command } from "commander";
import { registerExportTaskTable } from "./export-task-table.js";

/** the subcommands of `luoshi export` (a 督查通报 adds its `bulletin` here) */
const EXPORTS: Array<(exportCommand: Command) => void> = [registerExportTaskTable];

export function registerExport(program: Command): void {
  const command = program.command("export").description("export office files (XLSX, DOCX, CSV) from the store");
  for (const register of EXPORTS) register(command);
}
