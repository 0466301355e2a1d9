// Throughput of the real path bytes → ParsedFile (what upload and ingest run: readDocument, then parseText), per
// class of input, on one core, against a baseline measured in the same run on the same bytes: decoding them as
// UTF-8 and NFKC-normalising them. Also the reading step alone (bytes → normalised text and page metadata), since
// for pages it is most of the cost. Prints documents/s, MB/s and the ratio to the baseline; asserts nothing.
// Run after `npm run build` (npm run bench:parse does both). BENCH_SECONDS sets the CPU seconds per measurement,
// BENCH_CORPUS the development corpus folder (default ../shared/corpus beside the checkout; absent classes are skipped).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseBytes } from "../dist/parse/index.js";
import { readDocument } from "../dist/text/read.js";

const here = dirname(fileURLToPath(import.meta.url));
const corpus = process.env.BENCH_CORPUS ?? join(here, "..", "..", "shared", "corpus");

function load(dir, test) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter(test).sort().map((f) => ({ name: f, bytes: readFileSync(join(dir, f)) }));
}

const classes = [
  { name: "seeds (plain text)", docs: load(join(here, "..", "examples", "seeds"), (f) => f.endsWith(".txt")) },
  { name: "saved pages p*.html", docs: load(corpus, (f) => /^p\d+\.html$/.test(f)) },
  { name: "State Council blocks g*.html", docs: load(corpus, (f) => /^g\d+\.html$/.test(f)) },
  { name: "OCR one-line t*/v*.txt", docs: load(corpus, (f) => /^[tv]\d+\.txt$/.test(f)) },
].filter((c) => c.docs.length > 0);

// CPU time of this process, not wall time: on a shared machine the wall clock also counts other processes' turns
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function timeRounds(fn, seconds) {
  // warm up, then run whole rounds over the class until the CPU time is spent
  for (let i = 0; i < 3; i++) await fn();
  let rounds = 0;
  const start = cpuSeconds();
  let elapsed = 0;
  while (elapsed < seconds) {
    await fn();
    rounds++;
    elapsed = cpuSeconds() - start;
  }
  return { rounds, seconds: elapsed };
}

let sink = 0;
const failed = new Set();
// a document the reader refuses still costs its reading time, as it does on upload; it is named once below
async function attempt(name, fn) {
  try {
    return await fn();
  } catch (err) {
    failed.add(err instanceof Error ? err.message : `${name}: ${String(err)}`);
    return 0;
  }
}
const decoder = new TextDecoder("utf-8");
const seconds = Number(process.env.BENCH_SECONDS ?? 2);
console.log(`one core; ${seconds}s of CPU time per measurement; ratio = baseline throughput / measured throughput`);

for (const c of classes) {
  const totalBytes = c.docs.reduce((s, d) => s + d.bytes.length, 0);
  const rate = (r) => ({ docs: (r.rounds * c.docs.length) / r.seconds, mb: (r.rounds * totalBytes) / r.seconds / 1e6 });
  const runs = {
    "baseline (decode + NFKC)": async () => {
      for (const d of c.docs) sink += decoder.decode(d.bytes).normalize("NFKC").length;
    },
    "read (bytes → text)": async () => {
      for (const d of c.docs) sink += await attempt(d.name, async () => (await readDocument(d.bytes, d.name)).text.length);
    },
    "read + parse (bytes → ParsedFile)": async () => {
      for (const d of c.docs) sink += await attempt(d.name, async () => (await parseBytes(d.bytes, d.name)).outline.length);
    },
  };
  console.log(`\n${c.name}: ${c.docs.length} documents, ${(totalBytes / 1024).toFixed(1)} KiB`);
  let base;
  for (const [label, fn] of Object.entries(runs)) {
    const r = rate(await timeRounds(fn, seconds));
    base ??= r;
    const ratio = label.startsWith("baseline") ? "" : `  ${(base.docs / r.docs).toFixed(1)}x the baseline`;
    console.log(`  ${label.padEnd(34)} ${r.docs.toFixed(1).padStart(9)} documents/s ${r.mb.toFixed(2).padStart(8)} MB/s${ratio}`);
  }
}
if (failed.size > 0) console.log(`\nunreadable, timed as refused: ${[...failed].join("; ")}`);
if (sink < 0) console.log(sink);
