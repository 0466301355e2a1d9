// kill -9 of `luoshi ingest` in the middle of its run, `runs` times: whatever the moment, the store holds whole
// documents only (one transaction per document), none twice, and a last run completes the set. Each kill waits
// for a random number of documents to be stored, then a random part of the time one document takes, so that
// kills fall inside a document's transaction as well as between two.
import { join } from "node:path";
import { compare, holdings, writeSeedVariants } from "./documents.mjs";
import { ingest, sleep } from "./luoshi.mjs";

const DOCS = 8;

async function timedIngest(url, paths) {
  const t0 = Date.now();
  const child = ingest(url, paths);
  const r = await child.exited;
  if (r.code !== 0) throw new Error(`ingest failed: ${child.output().trim().split("\n").pop()}`);
  return Date.now() - t0;
}

export async function ingestKill({ cluster, work, runs, random }) {
  const paths = writeSeedVariants(join(work, "ingest-docs"), DOCS, "ingest");
  // the reference: the same files ingested without interruption
  await timedIngest(await cluster.createDb("ingest_ref"), paths);
  const reference = await holdings(cluster, "ingest_ref");

  const url = await cluster.createDb("ingest_chaos");
  await timedIngest(url, paths.slice(0, 1)); // migrations, so that runs spend their time on documents
  await cluster.sql("ingest_chaos", "delete from document");
  const perDocMs = (await timedIngest(url, paths)) / DOCS;
  const watch = await cluster.client("ingest_chaos");
  let half = 0;
  let duplicates = 0;
  let whileRunning = 0;
  let afterFirst = 0;
  try {
    for (let i = 0; i < runs; i++) {
      await watch.query("delete from document");
      const child = ingest(url, paths);
      const target = Math.floor(random() * DOCS);
      for (;;) {
        const n = (await watch.query("select count(*)::int as n from document")).rows[0].n;
        if (n >= target || child.proc.exitCode !== null) break;
        await sleep(10);
      }
      await sleep(random() * perDocMs);
      if (child.proc.exitCode === null) whileRunning++;
      child.proc.kill("SIGKILL");
      await child.exited;
      const c = compare(await holdings(cluster, "ingest_chaos"), reference);
      half += c.half;
      duplicates += c.duplicates;
      if (c.whole > 0 && c.whole < DOCS) afterFirst++;
    }
  } finally {
    await watch.end();
  }
  // a run to the end after the last kill completes the set
  await ingest(url, paths).exited;
  const end = compare(await holdings(cluster, "ingest_chaos"), reference);
  half += end.half;
  duplicates += end.duplicates;
  return {
    violated: half > 0 || duplicates > 0 || end.whole !== DOCS,
    line:
      `ingest kill -9 ×${runs}: half documents ${half}, duplicates ${duplicates} ` +
      `(${whileRunning} kills while it ran, ${afterFirst} of them between the first and the last of ${DOCS} documents, ` +
      `${Math.round(perDocMs)} ms a document; a last run left ${end.whole}/${DOCS} whole)`,
  };
}
