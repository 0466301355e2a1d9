// Commits N rows into a PGlite folder, one transaction each, and prints "acked I" after each commit returns:
// the subject of scripts/durability.mjs, which watches it with strace. Runs the built store (dist/).
//   node scripts/commit-ack.mjs DIR [N]            the store as luoshi opens it
//   node scripts/commit-ack.mjs --plain DIR [N]    PGlite with its own defaults (the control: no sync)
import { PGlite } from "@electric-sql/pglite";
import { openPglite } from "../dist/store/pglite.js";

const args = process.argv.slice(2);
const plain = args[0] === "--plain";
if (plain) args.shift();
const [dir, n = "3"] = args;
if (!dir) {
  process.stderr.write("usage: node scripts/commit-ack.mjs [--plain] DIR [N]\n");
  process.exit(2);
}
let db;
if (plain) {
  const pg = await PGlite.create(`file://${dir}`);
  db = { exec: (sql) => pg.exec(sql), query: (sql, params) => pg.query(sql, params), close: () => pg.close() };
} else {
  db = await openPglite(dir);
}
await db.exec("create table if not exists acked (id serial primary key, at text not null)");
process.stdout.write("opened\n");
for (let i = 1; i <= Number(n); i++) {
  await db.query("insert into acked (at) values ($1)", [new Date().toISOString()]);
  process.stdout.write(`acked ${i}\n`);
}
await db.close();
