// The short form of `npm run chaos`: kill -9 of ingest (and of a worker, where the command has one), PostgreSQL
// restarted under writers, concurrent uploads creating the same bodies, a storm of wrong passwords, each on a
// private PostgreSQL cluster the script starts and removes. Skipped only where PostgreSQL's server binaries are
// missing (.ci/run installs them).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const pgLib = "/usr/lib/postgresql";
const hasServerBinaries =
  !!process.env.PG_BIN || (existsSync(pgLib) && readdirSync(pgLib).some((v) => existsSync(join(pgLib, v, "bin", "initdb"))));
const skipped = hasServerBinaries ? "" : " (skipped: no PostgreSQL server binaries; apt-get install postgresql)";

it.skipIf(!hasServerBinaries)(`npm run chaos -- --quick: every invariant holds${skipped}`, () => {
  // the script runs the built server and command, which `npm test` builds first
  if (!existsSync(join(root, "dist/server/main.js"))) throw new Error("dist/ is missing: run `npm run build` first");
  const r = spawnSync(process.execPath, [join(root, "scripts/chaos.mjs"), "--quick", "--seed", "20240611"], {
    encoding: "utf8",
    timeout: 280_000,
  });
  const out = r.stdout;
  expect(out, r.stderr).toMatch(/^ingest kill -9 ×6: half documents 0, duplicates 0 \(/m);
  expect(out).toMatch(/^(worker kill -9 ×6: half documents 0, duplicates 0, jobs lost 0 |worker: skipped: no worker command$)/m);
  expect(out).toMatch(/^postgres restart ×2 .* under 8 writers: server deaths 0, acknowledged writes lost 0 \([1-9]\d* acknowledged/m);
  expect(out).toMatch(/^20 concurrent uploads naming the same new bodies ×1: 500s 0, stored 20\/20, bodies created more than once 0\/3/m);
  expect(out).toMatch(/^500 concurrent wrong passwords: guesses evaluated [0-5] \(limit 5;.* 500s 0/m);
  expect(out).toMatch(/^chaos: \d experiments run, 0 violated/m);
  expect(r.status).toBe(0);
}, 300_000);
