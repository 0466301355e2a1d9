/**
 * Lexical features for comparing measures across documents: character bigrams over CJK runs and whole
 * Latin/digit words (5G, 4K, NB-IoT); jieba words (search mode); the nouns of a heading. The linker weighs
 * them by TF-IDF over the measures being compared (align.ts).
 *
 * jieba (@node-rs/jieba, its dictionary shipped in the package) is loaded on first use, here only: the parser
 * never depends on it. Everything is deterministic: counts come in text order, document frequencies are
 * integer counts, whatever order the measures come in.
 */
import { createRequire } from "node:module";
import type { Jieba } from "@node-rs/jieba";

const require = createRequire(import.meta.url);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Runs of CJK characters and of Latin letters/digits, in text order; everything else separates runs. */
export function runs(text: string): Array<{ s: string; cjk: boolean }> {
  const out: Array<{ s: string; cjk: boolean }> = [];
  const norm = text.normalize("NFKC").toLowerCase();
  let cur = "";
  let curCjk = false;
  const flush = () => {
    if (cur) out.push({ s: cur, cjk: curCjk });
    cur = "";
  };
  for (const ch of norm) {
    if (CJK.test(ch)) {
      if (!curCjk) flush();
      curCjk = true;
      cur += ch;
    } else if (/[a-z0-9]/.test(ch)) {
      if (curCjk) flush();
      curCjk = false;
      cur += ch;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

/**
 * Term counts of a text: character bigrams of every CJK run (and the run itself when it is a single
 * character, with `unigrams` every character), plus each Latin/digit word that has a letter (5g, 4k, iot:
 * bare numbers are years and counts, which say little about the subject).
 */
export function termCounts(text: string, opts: { unigrams?: boolean } = {}): Map<string, number> {
  const tf = new Map<string, number>();
  const add = (t: string) => tf.set(t, (tf.get(t) ?? 0) + 1);
  for (const r of runs(text)) {
    if (!r.cjk) {
      if (/[a-z]/.test(r.s)) add(r.s);
      continue;
    }
    const chars = Array.from(r.s);
    if (opts.unigrams || chars.length === 1) for (const c of chars) add(c);
    for (let i = 0; i + 1 < chars.length; i++) add(chars[i]! + chars[i + 1]!);
  }
  return tf;
}

/** Document frequencies over a set of term-count maps (a term counts once per map). */
export function documentFrequencies(docs: Iterable<Map<string, number>>): { df: Map<string, number>; n: number } {
  const df = new Map<string, number>();
  let n = 0;
  for (const d of docs) {
    n++;
    for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  }
  return { df, n };
}

/** Rounds away float noise so that ties compare equal whatever order sums were taken in. */
export function round(x: number, digits = 9): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

let jieba: Jieba | null = null;

/** jieba, loaded on first use (its dictionary takes about 0.2 s to load). */
function segmenter(): Jieba {
  if (!jieba) {
    // loaded lazily (and synchronously) so that commands that never align do not pay for the dictionary
    const { Jieba: J } = require("@node-rs/jieba") as typeof import("@node-rs/jieba");
    const { dict } = require("@node-rs/jieba/dict.js") as { dict: Uint8Array };
    jieba = J.withDict(dict);
  }
  return jieba;
}

/**
 * jieba word counts (search mode, so 虚拟现实 also gives 虚拟, 现实): Han words of two characters or more and
 * Latin words with a letter. Bare numbers and single characters say little about a measure's subject.
 */
export function wordCounts(text: string): Map<string, number> {
  const tf = new Map<string, number>();
  for (const w0 of segmenter().cutForSearch(text.normalize("NFKC").toLowerCase(), true)) {
    const w = w0.trim();
    if (w.length < 2 || !/[\u3400-\u9fffa-z]/.test(w)) continue;
    tf.set(w, (tf.get(w) ?? 0) + 1);
  }
  return tf;
}

/**
 * The subject words of a heading: its nouns (and Latin words such as 5G), as jieba tags them; a measure's
 * heading is verbs of intent (加快, 推进, 加强) around what it is about (虚拟现实, 区块链, 质量品牌).
 */
export function subjectWords(title: string): string[] {
  const out: string[] = [];
  for (const { word, tag } of segmenter().tag(title.normalize("NFKC").toLowerCase(), true)) {
    const w = word.trim();
    if (w.length < 2 || !/[\u3400-\u9fffa-z]/.test(w)) continue;
    // nouns (n, nr, ns, nt, nz …), Latin words, idioms and abbreviations; not verbal nouns (vn: 建设, 消费)
    if (/^(?:n|eng|x|l|j)/.test(tag) && !out.includes(w)) out.push(w);
  }
  return out;
}
