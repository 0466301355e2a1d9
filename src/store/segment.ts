/**
 * Tokens for Chinese full-text search, made in the app so that PGlite and PostgreSQL index the same way
 * (neither zhparser nor pg_jieba runs in PGlite). A text becomes: every character bigram of each Han run, in
 * order (any two-character query matches; longer ones match as a phrase of bigrams), the last character of
 * each run (so that with bigrams, a one-character query `X:*` finds every occurrence), jieba words of three
 * characters or more (for ranking), and latin words/numbers lowercased. jieba is used here only, never on the parse path.
 */
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

let jieba: Jieba | null = null;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const HAN_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const LATIN_WORD = /[a-z0-9][a-z0-9._-]*[a-z0-9]|[a-z0-9]/g;
const HAN_CHAR = /^[\u3400-\u9fff\uf900-\ufaff]+$/;

function latinWords(text: string): string[] {
  return text.toLowerCase().match(LATIN_WORD) ?? [];
}

/**
 * The tokens of a text for the index, space-separated. The character bigrams of each Han run come first and
 * in order, so that their positions in the tsvector are consecutive and a longer word can be matched as a
 * phrase of bigrams (`'智慧' <-> '慧医' <-> '医疗'`); the rest (last characters, latin words, jieba words) follow.
 */
export function indexTokens(text: string): string {
  const seq: string[] = [];
  const extra = new Set<string>();
  for (const run of text.match(HAN_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) seq.push(run.slice(i, i + 2));
    extra.add(run.slice(-1));
  }
  for (const w of latinWords(text)) extra.add(w);
  for (const w of segmenter().cut(text, false)) {
    if (w.length >= 3 && HAN_CHAR.test(w)) extra.add(w);
  }
  return [...seq, ...extra].filter((t) => t.length < 100).join(" ");
}

/**
 * The words of three characters or more that the index may hold for a run of a query (indexTokens keeps jieba's
 * words of a text): the run itself, then jieba's words of it. A measure holding one of them holds that word, so
 * its champions are candidates that contain the phrase, where a bigram's are measures that merely share two
 * characters with it (民政部门 and 财政部 share 政部). jieba cuts a text by its context, so a measure may hold the
 * phrase without the word: these add candidates, they never decide that a list is complete.
 */
export function queryWords(run: string): string[] {
  if (run.length < 3 || !HAN_CHAR.test(run)) return [];
  const words = [run];
  for (const w of segmenter().cut(run, false)) if (w.length >= 3 && HAN_CHAR.test(w)) words.push(w);
  return [...new Set(words)];
}

/** One term of a query: a Han run becomes a phrase of its bigrams (a prefix for one character), a latin word itself. */
export interface QueryPlan {
  /** a to_tsquery('simple', …) expression, or null when the query has no indexable term */
  tsquery: string | null;
  /** the plain terms, for highlighting and substring search */
  terms: string[];
}

function quoteLexeme(t: string): string {
  return `'${t.replace(/'/g, "''").replace(/\\/g, "\\\\")}'`;
}

function splitQuery(q: string): string[] {
  return q
    .normalize("NFKC")
    .split(/[\s,，;；、。:：!！?？"“”'‘’()（）《》【】\[\]<>|&]+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .slice(0, 16);
}

/** Turns what a user typed into a tsquery over our tokens: every term must match. */
export function planQuery(q: string): QueryPlan {
  const terms = splitQuery(q);
  const parts: string[] = [];
  for (const term of terms) {
    for (const run of term.match(HAN_RUN) ?? []) {
      if (run.length === 1) parts.push(`${quoteLexeme(run)}:*`);
      else if (run.length === 2) parts.push(quoteLexeme(run));
      else {
        // a longer run is a phrase of its bigrams: they must stand next to each other, as written
        const bigrams: string[] = [];
        for (let i = 0; i + 1 < run.length; i++) bigrams.push(quoteLexeme(run.slice(i, i + 2)));
        parts.push(`(${bigrams.join(" <-> ")})`);
      }
    }
    // latin words and numbers as whole lexemes: a prefix scan of the GIN index costs several times more
    for (const w of latinWords(term)) parts.push(quoteLexeme(w));
  }
  const unique = [...new Set(parts)].slice(0, 64);
  return { tsquery: unique.length ? unique.join(" & ") : null, terms };
}

/** A unit of a query: a Han run or a latin word, each of which must occur in a measure. */
export interface QueryUnit {
  /** as matched against `compactText` */
  text: string;
  /** its lexemes in the index: the run itself (one or two characters), its bigrams, or the latin word */
  lexemes: string[];
}

/** The units of what a user typed, in order, without repeats (the same split as planQuery). */
export function queryUnits(q: string): QueryUnit[] {
  const units = new Map<string, QueryUnit>();
  for (const term of splitQuery(q)) {
    for (const run of term.match(HAN_RUN) ?? []) {
      const lexemes: string[] = [];
      if (run.length <= 2) lexemes.push(run);
      else for (let i = 0; i + 1 < run.length; i++) lexemes.push(run.slice(i, i + 2));
      units.set(run, { text: run, lexemes: [...new Set(lexemes)] });
    }
    for (const w of latinWords(term)) units.set(w, { text: w, lexemes: [w] });
  }
  return [...units.values()].slice(0, 16);
}

// spacing and the punctuation that splits a phrase in running text (双随机、一公开) but not in a query (双随机一公开)
const NOT_MATCHED = /[\s\u3000、，,。；;：:“”"'‘’《》〈〉()（）【】\[\]!！?？·]+/g;

/** A text as units are matched against it: NFKC, lowercase, without spacing and phrase punctuation. */
export function compactText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(NOT_MATCHED, "");
}

export interface Snippet {
  /** plain text around the first match */
  text: string;
  /** [start, end) of each match inside `text` */
  highlights: Array<[number, number]>;
}

/** A window of `text` around the first occurrence of any term, with every occurrence marked. */
export function makeSnippet(text: string, terms: string[], width = 80): Snippet {
  const lower = text.toLowerCase();
  const needles = [...new Set(terms.map((t) => t.toLowerCase()).filter(Boolean))];
  let first = -1;
  for (const n of needles) {
    const i = lower.indexOf(n);
    if (i >= 0 && (first < 0 || i < first)) first = i;
  }
  const start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 4));
  const end = Math.min(text.length, start + width);
  const window = text.slice(start, end);
  const lw = window.toLowerCase();
  const marks: Array<[number, number]> = [];
  for (const n of needles) {
    for (let i = lw.indexOf(n); i >= 0; i = lw.indexOf(n, i + n.length)) marks.push([i, i + n.length]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const m of marks) {
    const last = merged[merged.length - 1];
    if (last && m[0] <= last[1]) last[1] = Math.max(last[1], m[1]);
    else merged.push([m[0], m[1]]);
  }
  const prefix = start > 0 ? "…" : "";
  const suffix = end < text.length ? "…" : "";
  return {
    text: prefix + window + suffix,
    highlights: merged.map(([a, b]) => [a + prefix.length, b + prefix.length]),
  };
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/** The snippet as HTML: text escaped, matches in <mark>. */
export function snippetHtml(s: Snippet): string {
  let out = "";
  let at = 0;
  for (const [a, b] of s.highlights) {
    out += escapeHtml(s.text.slice(at, a)) + "<mark>" + escapeHtml(s.text.slice(a, b)) + "</mark>";
    at = b;
  }
  return out + escapeHtml(s.text.slice(at));
}
