// Parse throughput on the seed documents, on one core, against a baseline measured in the same run:
// reading the same bytes as UTF-8 and NFKC-normalising them. Prints documents/s, MB/s and the ratio.
// Run after `npm run build` (npm run bench:parse does both).
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseText } from "../dist/parse/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, "..", "examples", "seeds");
const docs = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort().map((f) => ({ name: f, bytes: readFileSync(join(dir, f)) }));
const totalBytes = docs.reduce((s, d) => s + d.bytes.length, 0);
const decoder = new TextDecoder("utf-8");

// CPU time of this process, not wall time: on a shared machine the wall clock also counts other processes' turns
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function timeRounds(fn, seconds) {
  // warm up, then run whole rounds over all seeds until the CPU time is spent
  for (let i = 0; i < 20; i++) fn();
  let rounds = 0;
  const start = cpuSeconds();
  let elapsed = 0;
  while (elapsed < seconds) {
    fn();
    rounds++;
    elapsed = cpuSeconds() - start;
  }
  return { rounds, seconds: elapsed };
}

let sink = 0;
const baseline = () => {
  for (const d of docs) sink += decoder.decode(d.bytes).normalize("NFKC").length;
};
const parse = () => {
  for (const d of docs) sink += parseText(decoder.decode(d.bytes), { source: d.name }).outline.length;
};

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const b = timeRounds(baseline, seconds);
const p = timeRounds(parse, seconds);
const rate = (r) => ({ docs: (r.rounds * docs.length) / r.seconds, mb: (r.rounds * totalBytes) / r.seconds / 1e6 });
const br = rate(b);
const pr = rate(p);
console.log(`seeds: ${docs.length} documents, ${(totalBytes / 1024).toFixed(1)} KiB; one core; ${seconds}s of CPU time per measurement`);
console.log(`baseline (decode + NFKC): ${br.docs.toFixed(0)} documents/s, ${br.mb.toFixed(1)} MB/s`);
console.log(`parse:                    ${pr.docs.toFixed(0)} documents/s, ${pr.mb.toFixed(2)} MB/s`);
console.log(`parse costs ${(br.docs / pr.docs).toFixed(1)}x the baseline (baseline/parse throughput ratio)`);
if (sink < 0) console.log(sink);
