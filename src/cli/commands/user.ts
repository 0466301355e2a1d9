/**
 * `luoshi user reset-password NAME`: a new password for a user, printed once — for the admin who lost the one-time
 * password of the first start, or any account no admin can reach in the app. Runs on the store directly (stop the
 * server first for a PGlite folder); audited as user.password_reset by cli:<login name>.
 */
import type { Command } from "commander";
import { openStore, type StoreOptions } from "../../store/index.js";
import { resetPasswordByName } from "../../track/users.js";
import { cliActor, storeFromOptions } from "./ingest.js";

const MIN_PASSWORD = 10;

/** Resets the password; returns the password set (the generated one when none is given). */
export async function resetPassword(store: StoreOptions, username: string, password?: string): Promise<string> {
  if (password !== undefined && password.length < MIN_PASSWORD) throw new Error(`the password needs at least ${MIN_PASSWORD} characters`);
  const db = await openStore(store);
  try {
    const r = await db.transaction((tx) => resetPasswordByName(tx, cliActor(), username, password));
    return r.password;
  } finally {
    await db.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

export function registerUser(program: Command): void {
  const user = program.command("user").description("user accounts");
  user
    .command("reset-password")
    .description("set a new password for a user and print it once (generated unless --password-stdin); ends the user's sessions")
    .argument("<name>", "the username")
    .option("--password-stdin", "read the new password from standard input instead of generating one")
    .option("--data <dir>", "PGlite data folder (default: $LUOSHI_DATA or ./luoshi-data)")
    .option("--database-url <url>", "a PostgreSQL server (default: $DATABASE_URL)")
    .action(async (name: string, o: { passwordStdin?: boolean; data?: string; databaseUrl?: string }) => {
      const given = o.passwordStdin ? await readStdin() : undefined;
      const password = await resetPassword(storeFromOptions(o), name, given);
      process.stdout.write(given === undefined ? `luoshi: new password for "${name}" (shown only now): ${password}\n` : `luoshi: password of "${name}" set\n`);
    });
}
