// Measure alignment time: a 100-measure child against a 1,000-measure parent, and how the time grows with size
// (25×250 … 200×2,000). Each time is printed as a ratio to a baseline measured in the same run on the same
// texts: tokenising every measure (jieba words + character bigrams), the least any lexical aligner must do.
// Documents are made from the seed measures' sentences, shuffled into new measures, so the vocabulary is real.
// CPU time of this process, one core. Run after `npm run build` (npm run bench:align does both).
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseText } from "../dist/parse/index.js";
import { alignMeasures } from "../dist/link/align.js";
import { measuresOf } from "../dist/link/measures.js";
import { termCounts, wordCounts } from "../dist/link/features.js";

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, "..", "examples", "seeds");
const seeds = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();

// a pool of real titles and sentences
const titles = [];
const sentences = [];
for (const f of seeds) {
  const doc = parseText(readFileSync(join(dir, f), "utf8"), { source: f });
  for (const m of measuresOf(doc)) {
    titles.push(m.title);
    for (const s of m.text.split("。").slice(1)) if (s.trim().length > 8) sentences.push(s.replace(/\s+/g, "") + "。");
  }
}

/** deterministic pseudo-random numbers */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** A ParsedFile with `n` leaf measures, 20 to a section, built straight into the exchange format. */
function makeDoc(n, seed) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  let text = "";
  const outline = [];
  const sections = Math.ceil(n / 20);
  for (let s = 0; s < sections; s++) {
    const sec = String(s + 1);
    const head = `${sec}、${pick(titles)}\n`;
    outline.push({ path: [sec], title: pick(titles), units: [], lead: [], quantities: [], textSpan: { start: text.length, end: text.length + head.length, rule: "bench" } });
    text += head;
    for (let k = 0; k < 20 && s * 20 + k < n; k++) {
      const label = String(s * 20 + k + 1);
      const title = pick(titles);
      let body = `${label}. ${title}。`;
      const m = 2 + Math.floor(r() * 4);
      for (let i = 0; i < m; i++) body += pick(sentences);
      body += "\n";
      outline.push({ path: [sec, label], title, units: [], lead: [], quantities: [], textSpan: { start: text.length, end: text.length + body.length, rule: "bench" } });
      text += body;
    }
  }
  return { source: `bench-${n}-${seed}.txt`, wrappers: [], document: { title: null, docNumber: null, issuers: [], date: null, validUntil: null, cites: [] }, outline, text };
}

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** median CPU seconds of `runs` calls after one warm-up */
function time(fn, runs) {
  fn();
  const ts = [];
  for (let i = 0; i < runs; i++) {
    const t = cpuSeconds();
    fn();
    ts.push(cpuSeconds() - t);
  }
  ts.sort((a, b) => a - b);
  return ts[ts.length >> 1];
}

let sink = 0;
const runs = Number(process.env.BENCH_RUNS ?? 5);
console.log(`pool: ${titles.length} titles, ${sentences.length} sentences from ${seeds.length} seeds; one core; median of ${runs} runs (CPU time)`);
console.log("child×parent   baseline(tokenise)   align      align/baseline");
const rows = [];
for (const [nc, np] of [[25, 250], [50, 500], [100, 1000], [200, 2000]]) {
  const child = makeDoc(nc, 1);
  const parent = makeDoc(np, 2);
  const texts = [...measuresOf(child), ...measuresOf(parent)].map((m) => m.text);
  const baseline = time(() => {
    for (const t of texts) sink += wordCounts(t).size + termCounts(t).size;
  }, runs);
  const align = time(() => {
    sink += alignMeasures(child, parent).links.length;
  }, nc >= 200 ? Math.max(1, Math.ceil(runs / 2)) : runs);
  rows.push({ nc, np, baseline, align });
  console.log(
    `${`${nc}×${np}`.padEnd(14)} ${`${(baseline * 1000).toFixed(1)} ms`.padEnd(20)} ${`${(align * 1000).toFixed(1)} ms`.padEnd(10)} ${(align / baseline).toFixed(1)}x`,
  );
}
const at = (nc) => rows.find((r) => r.nc === nc);
const main = at(100);
console.log(`\n100×1000: align costs ${(main.align / main.baseline).toFixed(1)}x tokenising the same texts (${(main.align * 1000).toFixed(0)} ms)`);
for (let i = 1; i < rows.length; i++) {
  const a = rows[i - 1];
  const b = rows[i];
  const pairs = (b.nc * b.np) / (a.nc * a.np);
  console.log(
    `${a.nc}×${a.np} → ${b.nc}×${b.np}: ${pairs}x the pairs, ${(b.nc + b.np) / (a.nc + a.np)}x the text; align ${(b.align / a.align).toFixed(1)}x, baseline ${(b.baseline / a.baseline).toFixed(1)}x`,
  );
}
if (sink < 0) console.log(sink);
