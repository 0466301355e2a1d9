// A child of bench/api.mjs: loads 100,000 measures (copies of the seeds' measures, with their targets and
// tasks) into one engine, serves the API on loopback, and prints one JSON line {port, token, ...}.
import { readdirSync, readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { parseBytes } from "../dist/parse/index.js";
import { createApp } from "../dist/server/app.js";
import { openStore } from "../dist/store/index.js";
import { SYSTEM } from "../dist/track/audit.js";
import { ingestDocument } from "../dist/track/ingest.js";
import { ensureAdmin, login } from "../dist/track/users.js";

const [engine, target = "100000", schema] = process.argv.slice(2);
const MEASURES = Number(target);
const store =
  engine === "postgres"
    ? { databaseUrl: process.env.BENCH_DATABASE_URL, schema }
    : { dataDir: mkdtempSync(join(tmpdir(), "luoshi-bench-")) };
const t0 = Date.now();
const db = await openStore(store);
const seeds = new URL("../examples/seeds/", import.meta.url);
for (const f of readdirSync(seeds).sort()) {
  await ingestDocument(db, parseBytes, new Uint8Array(readFileSync(new URL(f, seeds))), f, SYSTEM);
}
const seedDocs = (await db.query(`select id from document order by id`)).rows.map((r) => r.id);
const seedMeasures = (await db.query(`select count(*)::int as n from measure`)).rows[0].n;
// each copy is one seed document: on average seedMeasures / seedDocs.length measures
const copies = Math.max(0, Math.ceil(((MEASURES - seedMeasures) * seedDocs.length) / seedMeasures));
// copy the seed documents round-robin, in batches, all in SQL (same on both engines)
const BATCH = 200;
for (let start = 1; start <= copies; start += BATCH) {
  const end = Math.min(copies, start + BATCH - 1);
  await db.transaction(async (tx) => {
    await tx.query(
      `insert into document (sha256, source_name, format, title, doc_number, doc_number_norm, issuers, doc_date, valid_until, region, level, parsed, byte_size)
       select 'bench-' || g, 'bench-' || g || '-' || s.source_name, s.format, s.title || '（副本' || g || '）', null, null, s.issuers,
              s.doc_date, s.valid_until, s.region, s.level, '{}'::jsonb, 0
       from generate_series($1::int, $2::int) g
       join document s on s.id = ($3::int[])[1 + (g % array_length($3::int[], 1))]`,
      [start, end, seedDocs],
    );
    await tx.query(
      `insert into measure (document_id, ordinal, path, label, title, text, due_date, due_source, title_tokens, text_tokens)
       select d.id, m.ordinal, m.path, m.label, m.title, m.text, m.due_date, m.due_source, m.title_tokens, m.text_tokens
       from document d
       join document s on s.id = ($3::int[])[1 + (substring(d.sha256 from 7)::int % array_length($3::int[], 1))]
       join measure m on m.document_id = s.id
       where d.sha256 like 'bench-%' and substring(d.sha256 from 7)::int between $1 and $2`,
      [start, end, seedDocs],
    );
    await tx.query(
      `insert into target (measure_id, ordinal, text, value, max_value, unit, kind, deadline)
       select nm.id, t.ordinal, t.text, t.value, t.max_value, t.unit, t.kind, t.deadline
       from document d
       join measure nm on nm.document_id = d.id
       join document s on s.id = ($3::int[])[1 + (substring(d.sha256 from 7)::int % array_length($3::int[], 1))]
       join measure m on m.document_id = s.id and m.ordinal = nm.ordinal
       join target t on t.measure_id = m.id
       where d.sha256 like 'bench-%' and substring(d.sha256 from 7)::int between $1 and $2`,
      [start, end, seedDocs],
    );
    await tx.query(
      `insert into task (measure_id, body_id, role, due_date)
       select nm.id, t.body_id, t.role, t.due_date
       from document d
       join measure nm on nm.document_id = d.id
       join document s on s.id = ($3::int[])[1 + (substring(d.sha256 from 7)::int % array_length($3::int[], 1))]
       join measure m on m.document_id = s.id and m.ordinal = nm.ordinal
       join task t on t.measure_id = m.id
       where d.sha256 like 'bench-%' and substring(d.sha256 from 7)::int between $1 and $2`,
      [start, end, seedDocs],
    );
  });
}
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
