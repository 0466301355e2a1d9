// Documents for the chaos experiments, and the checks of what the store holds of them: a document is whole when
// it has as many measures, targets and tasks, and its original, as the same file ingested without interruption.
import { readFileSync, readdirSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./luoshi.mjs";

const SEEDS = join(ROOT, "examples/seeds");

/** `n` distinct documents (different bytes) made from the example seeds, written into `dir`; returns the paths. */
export function writeSeedVariants(dir, n, tag) {
  mkdirSync(dir, { recursive: true });
  const seeds = readdirSync(SEEDS).filter((f) => f.endsWith(".txt")).sort();
  const paths = [];
  for (let i = 0; i < n; i++) {
    const f = seeds[i % seeds.length];
    const path = join(dir, `${tag}-${String(i).padStart(3, "0")}-${f}`);
    writeFileSync(path, `${readFileSync(join(SEEDS, f), "utf8")}\n（${tag} 第${i + 1}份）\n`);
    paths.push(path);
  }
  return paths;
}

/** What the store holds of each document, by SHA-256. */
export async function holdings(cluster, db) {
  const rows = await cluster.sql(
    db,
    `select d.sha256,
            (select count(*)::int from measure m where m.document_id = d.id) as measures,
            (select count(*)::int from target g join measure m on m.id = g.measure_id where m.document_id = d.id) as targets,
            (select count(*)::int from task t join measure m on m.id = t.measure_id where m.document_id = d.id) as tasks,
            exists (select 1 from document_original o where o.document_id = d.id) as original
       from document d`,
  );
  const bySha = new Map();
  for (const r of rows) bySha.set(r.sha256, [...(bySha.get(r.sha256) ?? []), r]);
  return bySha;
}

/**
 * Compares the store with the reference: documents held more than once (duplicates), and documents held in part
 * (half: fewer or more measures, targets or tasks than the reference, or no original).
 */
export function compare(held, reference) {
  let half = 0;
  let duplicates = 0;
  let whole = 0;
  for (const [sha, rows] of held) {
    duplicates += rows.length - 1;
    const want = reference.get(sha)?.[0];
    for (const r of rows) {
      const ok = want && r.original && r.measures === want.measures && r.targets === want.targets && r.tasks === want.tasks;
      if (ok) whole++;
      else half++;
    }
  }
  return { half, duplicates, whole };
}
