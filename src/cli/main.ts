/**
 * The `luoshi` command. Thin: each subcommand lives in its own module under commands/ and composes the rooms.
 * Errors a user can act on are printed as one line naming the file and the problem; never a stack trace.
 */
import { Command, CommanderError } from "commander";
import { registerAlign } from "./commands/align.js";
import { registerCorpus } from "./commands/corpus.js";
import { registerExport } from "./commands/export-bulletin.js";
import { registerIngest } from "./commands/ingest.js";
import { registerJobs } from "./commands/jobs.js";
import { registerParse } from "./commands/parse.js";
import { registerServe } from "./commands/serve.js";
import { registerUser } from "./commands/user.js";
import { registerWorker } from "./commands/worker.js";

/** Every subcommand module exports one register function; add new ones here. */
const registrations: Array<(program: Command) => void> = [
  registerParse,
  registerAlign,
  registerIngest,
  registerServe,
  registerWorker,
  registerJobs,
  registerCorpus,
  registerUser,
  registerExport,
];

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name("luoshi")
    .description("落实: turn Chinese policy documents into structured, trackable commitments")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of registrations) register(program);
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`luoshi: ${message.split("\n")[0]}\n`);
    return 1;
  }
}
