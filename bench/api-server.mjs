// A child of bench/api.mjs: loads 100,000 measures (copies of the seeds' measures, with their targets and
// tasks) into one engine, serves the API on loopback, and prints one JSON line {port, token, ...}.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { parseBytes } from "../dist/parse/index.js";
import { createApp } from "../dist/server/app.js";
import { openStore } from "../dist/store/index.js";
import { ensureAdmin, login } from "../dist/track/users.js";
import { copyUntil, ingestFolder } from "./copy-store.mjs";

const [engine, target = "100000", schema] = process.argv.slice(2);
const MEASURES = Number(target);
const store =
  engine === "postgres"
    ? { databaseUrl: process.env.BENCH_DATABASE_URL, schema }
    : { dataDir: mkdtempSync(join(tmpdir(), "luoshi-bench-")) };
const t0 = Date.now();
const db = await openStore(store);
await ingestFolder(db, new URL("../examples/seeds/", import.meta.url));
await copyUntil(db, MEASURES);
// what autovacuum does on a server after a bulk load: flush the GIN pending lists, refresh statistics
await db.exec("vacuum analyze");
const counts = (await db.query(`select (select count(*)::int from measure) as measures, (select count(*)::int from task) as tasks`)).rows[0];
await ensureAdmin(db, "Bench-Keeper-2024!");
const session = await login(db, "admin", "Bench-Keeper-2024!", "bench");
const app = createApp({ db, log: () => {} });
const bodies = (await db.query(`select body_id from task group by body_id order by count(*) desc limit 5`)).rows.map((r) => r.body_id);
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(
    JSON.stringify({ port: info.port, token: session.token, loadSeconds: (Date.now() - t0) / 1000, bodies, ...counts }) + "\n",
  );
});
const stop = async () => {
  server.close();
  await db.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
