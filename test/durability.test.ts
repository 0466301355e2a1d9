// A commit to the embedded database is on the disk before it is acknowledged: scripts/durability.mjs watches
// a committing process with strace. Skipped only where strace is not installed (.ci/run installs it).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const hasStrace = !spawnSync("strace", ["-V"]).error;
const skipped = hasStrace ? "" : " (skipped: strace is not installed; apt-get install strace)";

function durability(...args: string[]) {
  // the script runs the built store, which `npm test` builds first
  if (!existsSync(join(root, "dist/store/pglite.js"))) throw new Error("dist/ is missing: run `npm run build` first");
  return spawnSync(process.execPath, [join(root, "scripts/durability.mjs"), ...args], { encoding: "utf8" });
}

it.skipIf(!hasStrace)(`fsyncs the WAL of every commit before the commit returns, and every file of a new folder${skipped}`, () => {
  const r = durability("--commits", "4");
  expect(r.stdout).toMatch(/^durability: 4\/4 commits had their WAL fsynced before "acked" \(pg_wal\/[0-9A-F]{24}/m);
  // the files PGlite copies into a new folder reach the disk too, every one of them
  const [, synced, all] = r.stdout.match(/a new folder had (\d+)\/(\d+) files and folders fsynced/) ?? [];
  expect(Number(all)).toBeGreaterThan(100);
  expect(synced).toBe(all);
  expect(r.status).toBe(0);
});

it.skipIf(!hasStrace)(`tells an unsynced commit apart: PGlite with its own defaults fails the same check${skipped}`, () => {
  const r = durability("--plain", "--commits", "4");
  expect(r.stdout).toMatch(/^durability \(plain PGlite\): 0\/4 commits had their WAL fsynced/m);
  expect(r.status).toBe(1);
});

