// What a durable commit costs on the embedded database: single-row commits per second on a PGlite folder as
// luoshi opens it (fsync on, the WAL synced before each commit returns: src/store/durable-fs.ts) against
// PGlite with its own defaults (fsync off: a commit reaches the page cache only), in alternating rounds of the
// same run, printed as a ratio. An upload or a progress report is one such commit (plus its own work).
// Run after `npm run build` (npm run bench:commit does both).  node bench/commit.mjs [--commits N] [--rounds R]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { openPglite } from "../dist/store/pglite.js";

const arg = (name, dflt) => Number(process.argv[process.argv.indexOf(name) + 1]) || dflt;
const commits = arg("--commits", 300);
const rounds = arg("--rounds", 3);
const work = mkdtempSync(join(tmpdir(), "luoshi-bench-commit-"));

const engines = {
  "PGlite defaults (no sync)": async (dir) => {
    const pg = await PGlite.create(`file://${dir}`);
    return { query: (sql, p) => pg.query(sql, p), exec: (sql) => pg.exec(sql), close: () => pg.close() };
  },
  "luoshi (WAL fsynced per commit)": (dir) => openPglite(dir),
};

async function rate(open, dir) {
  const db = await open(dir);
  try {
    await db.exec("create table if not exists c (id serial primary key, v text not null)");
    const t0 = performance.now();
    for (let i = 0; i < commits; i++) await db.query("insert into c (v) values ($1)", [`row ${i}`]);
    return commits / ((performance.now() - t0) / 1000);
  } finally {
    await db.close();
  }
}

try {
  const results = Object.fromEntries(Object.keys(engines).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, open] of Object.entries(engines)) results[name].push(await rate(open, join(work, name.replace(/\W+/g, "-"))));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const [base, durable] = Object.keys(engines).map((k) => median(results[k]));
  for (const [name, xs] of Object.entries(results)) console.log(`${name.padEnd(34)} ${median(xs).toFixed(0).padStart(6)} commits/s (median of ${rounds} rounds of ${commits})`);
  console.log(`durable ÷ no sync: ${(durable / base).toFixed(2)} (commits/s ratio)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
