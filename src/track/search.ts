/**
 * 检索: Chinese full-text search over measure titles and text, in two stages.
 *
 * 1. Candidates, best first, from the term statistics (store/search-index.ts): for each unit of the query (a Han
 *    run or a latin word) the champions of its rarest lexeme, i.e. the measures where it weighs most; plus the
 *    measures not merged into the statistics yet, and, where the champions cannot hold every match (a frequent
 *    term with a selective filter, a deep page), matches of the tsvector index in no order. Filters are part of
 *    the candidate query.
 * 2. Ranking in the app, the same on both engines: every unit must occur in the title or text (spacing and phrase
 *    punctuation aside); BM25 over the units with per-lexeme document frequency, title occurrences weighing three
 *    times, and a bonus when the title holds every unit. A query that finds nothing exactly is tried again
 *    allowing one wrong character per unit of three or more (a typo), ranked lower.
 *
 * A query that is a 文号 lists the measures of the document with that number, in reading order. A query with
 * nothing to index (symbols only) is a substring search served by pg_trgm.
 */
import { MEASURE_OF_BODY, MEASURE_WITH_KIND } from "./documents.js";
import { LIVE_DOCUMENT } from "./publication.js";
import { Conditions } from "../store/conditions.js";
import type { Db, Queryable, SqlValue } from "../store/db.js";
import { CHAMPIONS, mergeInBackground, prefixStats, termStats, type TermStats } from "../store/search-index.js";
import { compactText, makeSnippet, planQuery, queryUnits, queryWords, snippetHtml, type QueryUnit } from "../store/segment.js";
import { normalizeDocNumberKey } from "./ingest.js";
import type { SearchHit } from "../model/api.js";

export type { SearchHit } from "../model/api.js";

export interface SearchFilter {
  q: string;
  bodyId?: number;
  documentId?: number;
  year?: number;
  region?: string;
  kind?: "target" | "incentive" | "other";
  publishedOnly: boolean;
  limit: number;
  offset: number;
}

/** The most matches taken in no order from the tsvector index, when the champions cannot hold every match. */
export const FILL_LIMIT = 300;
/**
 * With a filter the database reads matches until enough pass it, so a fallback costs in proportion to how few do
 * (`安全` in one region of a million measures: 6,400 read for 300 kept, 130 ms); it takes twice the page asked
 * for instead of FILL_LIMIT
 */
const FILTERED_FILL_PER_ROW = 2;
const FILTERED_FILL_MIN = 40;

/** How many matches a fallback takes: FILL_LIMIT, or with a filter twice the page (the total is then a lower bound). */
export function fillLimit(f: Pick<SearchFilter, "bodyId" | "documentId" | "year" | "region" | "kind" | "offset" | "limit">): number {
  const filtered = f.bodyId !== undefined || f.documentId !== undefined || f.year !== undefined || f.region !== undefined || f.kind !== undefined;
  return filtered ? Math.min(FILL_LIMIT, Math.max(FILTERED_FILL_MIN, FILTERED_FILL_PER_ROW * (f.offset + f.limit))) : FILL_LIMIT;
}
/** champions read per unit of a query when more exist (a deep page reads more) */
const CANDIDATES = 50;
/** champions read per lexeme when a query is tried again as a typo */
const TYPO_CANDIDATES = 50;
/** lexemes of a one-character query: the most frequent ones starting with it */
const PREFIX_LEXEMES = 6;
/** the characters of a typical measure (title and text), for length normalisation */
const AVERAGE_CHARS = 150;
const TITLE_WEIGHT = 3;
const K1 = 1.2;
const B = 0.75;
/** a typo match (one character wrong) counts for this much of an exact one */
const TYPO_FACTOR = 0.5;

const DOC_NUMBER_RE = /^[\u4e00-\u9fff]{1,12}[〔\[［(（【]\s*(?:19|20)\d\d\s*[〕\]］)）】]\s*\d{1,4}\s*号$/;

/** title and text without spacing: the expression of the measure_trgm index */
const COMPACT_TEXT = `translate(m.title || m.text, E' \\t\\r\\n\\u3000', '')`;

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

interface Row {
  id: number;
  document_id: number;
  document_title: string | null;
  doc_number: string | null;
  label: string;
  title: string;
  text: string;
  doc_date: string | null;
}

const ROW_SELECT = `select m.id, m.document_id, d.title as document_title, d.doc_number, m.label, m.title, m.text, d.doc_date
  from measure m join document d on d.id = m.document_id`;

function filterConditions(f: SearchFilter): Conditions {
  const c = new Conditions().add(LIVE_DOCUMENT);
  if (f.publishedOnly) c.add("d.published");
  if (f.documentId !== undefined) c.add("m.document_id = ?", f.documentId);
  if (f.year !== undefined) c.add("d.doc_date >= ? and d.doc_date < ?", `${f.year}-01-01`, `${f.year + 1}-01-01`);
  if (f.region !== undefined) c.add("d.region = ?", f.region);
  if (f.bodyId !== undefined) c.add(MEASURE_OF_BODY, f.bodyId);
  if (f.kind) c.add(MEASURE_WITH_KIND, f.kind);
  return c;
}

/** `extra` conditions after the filters (their values appended), as one WHERE clause. */
function where(f: SearchFilter, ...extra: Array<[string, ...SqlValue[]]>): { where: string; params: SqlValue[] } {
  const c = filterConditions(f);
  for (const [cond, ...values] of extra) c.add(cond, ...values);
  return { where: c.where, params: c.params };
}

interface Scored {
  row: Row;
  score: number;
}

interface UnitStats {
  unit: QueryUnit;
  /** document frequency of the unit: that of its rarest lexeme seen (an upper bound) */
  df: number;
  /** true when its champions hold every measure that contains the rarest lexeme */
  complete: boolean;
  champions: number[];
}

function countOf(hay: string, needle: string | RegExp): number {
  if (typeof needle !== "string") return hay.match(needle)?.length ?? 0;
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** one wrong character anywhere in a unit of three or more: 消费拓贫 finds 消费扶贫 */
function typoPattern(unit: string): RegExp | null {
  const chars = [...unit];
  if (chars.length < 3) return null;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const alts = chars.map((_, i) => `${esc(chars.slice(0, i).join(""))}.${esc(chars.slice(i + 1).join(""))}`);
  return new RegExp(alts.join("|"), "gu");
}

function score(rows: Row[], units: UnitStats[], measures: number, typo: boolean): Scored[] {
  const out: Scored[] = [];
  const patterns = units.map((u) => (typo ? typoPattern(u.unit.text) : null));
  for (const row of rows) {
    const title = compactText(row.title);
    const text = compactText(row.text);
    const lengthNorm = 1 - B + (B * (title.length + text.length)) / AVERAGE_CHARS;
    let s = 0;
    let inTitle = 0;
    let matched = true;
    for (const [i, u] of units.entries()) {
      let tfTitle = countOf(title, u.unit.text);
      let tfText = countOf(text, u.unit.text);
      let factor = 1;
      if (tfTitle + tfText === 0 && patterns[i]) {
        tfTitle = countOf(title, patterns[i]!);
        tfText = countOf(text, patterns[i]!);
        factor = TYPO_FACTOR;
      }
      if (tfTitle + tfText === 0) {
        matched = false;
        break;
      }
      const tf = TITLE_WEIGHT * tfTitle + tfText;
      const df = Math.min(Math.max(u.df, 1), Math.max(measures, 1));
      const idf = Math.log(1 + (Math.max(measures, df) - df + 0.5) / (df + 0.5));
      s += factor * idf * ((tf * (K1 + 1)) / (tf + K1 * lengthNorm));
      if (tfTitle) inTitle += factor * idf;
    }
    if (!matched) continue;
    // a title that holds every unit is about the query; one that holds a part of it, partly
    s += inTitle;
    out.push({ row, score: s });
  }
  return out;
}

async function unitStats(db: Queryable, units: QueryUnit[], want: number): Promise<{ measures: number; stats: UnitStats[]; pending: boolean }> {
  const words = new Map(units.map((u) => [u, queryWords(u.text)]));
  const { measures, terms, pending } = await termStats(db, [...new Set(units.flatMap((u) => [...u.lexemes, ...words.get(u)!]))], want);
  const stats: UnitStats[] = [];
  for (const unit of units) {
    let seen: TermStats[] = unit.lexemes.map((l) => terms.get(l)).filter((t): t is TermStats => !!t);
    // one character: the lexemes it begins (bigrams) and itself (the end of a run)
    if ([...unit.text].length === 1 && /\p{Script=Han}/u.test(unit.text)) seen = await prefixStats(db, unit.text, PREFIX_LEXEMES, want);
    if (!seen.length) {
      stats.push({ unit, df: 0, complete: true, champions: [] });
      continue;
    }
    const single = [...unit.text].length === 1;
    const rarest = seen.reduce((a, b) => (b.df < a.df ? b : a));
    const df = single ? Math.max(...seen.map((t) => t.df)) : rarest.df;
    const complete = !single && rarest.df <= CHAMPIONS && seen.length === unit.lexemes.length;
    // the best `want` are enough for a page when more exist: reading the texts of candidates is the cost of a query
    let champions = single
      ? [...new Set(seen.flatMap((t) => t.champions.slice(0, Math.ceil(want / 2))))]
      : complete
        ? rarest.champions
        : rarest.champions.slice(0, want);
    if (!complete) {
      // the unit as a word of the index (the whole phrase, or jieba's words of it): measures that hold the word
      // come first, where the rarest bigram's champions may only share two characters with the phrase
      const held = words.get(unit)!.map((w) => terms.get(w)).filter((t): t is TermStats => !!t);
      if (held.length) {
        const whole = held[0]!.lexeme === unit.text;
        const word = whole ? held[0]! : held.reduce((a, b) => (b.df < a.df ? b : a));
        // the phrase itself as a word, with a page's worth of champions: each of them holds the phrase, so the
        // bigram's add nothing a page needs
        champions = whole && word.champions.length >= want ? word.champions.slice(0, want) : [...new Set([...word.champions.slice(0, want), ...champions])];
      }
    }
    stats.push({ unit, df, complete, champions });
  }
  return { measures, stats, pending };
}

export async function search(db: Queryable, f: SearchFilter): Promise<{ items: SearchHit[]; total: number; totalIsLowerBound: boolean }> {
  const q = f.q.trim();
  const docNumber = DOC_NUMBER_RE.test(q.normalize("NFKC").replace(/\s+/g, "")) ? normalizeDocNumberKey(q) : null;
  if (docNumber) return byDocNumber(db, f, docNumber);
  const plan = planQuery(q);
  const units = queryUnits(q);
  if (!plan.terms.length) return { items: [], total: 0, totalIsLowerBound: false };
  if (!plan.tsquery || !units.length) return bySubstring(db, f, plan.terms);

  const want = Math.max(CANDIDATES, 2 * (f.offset + f.limit));
  let { measures, stats, pending } = await unitStats(db, units, want);
  let pendingRows: Row[] = [];
  if (pending) {
    // measures not merged into the statistics yet: found directly, then the statistics read again, so that a
    // merge in between leaves a measure in one or the other, never in neither
    pendingRows = await pendingMatches(db, f, plan.tsquery);
    ({ measures, stats } = await unitStats(db, units, want));
  }
  const rows = new Map<number, Row>();
  const add = (rs: Row[]) => rs.forEach((r) => rows.set(r.id, r));
  const ids = [...new Set(stats.flatMap((s) => s.champions))];
  const w = where(f, ["m.id = any(?::int[])", ids]);
  add((await db.query<Row>(`${ROW_SELECT} ${w.where}`, w.params)).rows);
  add(pendingRows);
  if (pending && "transaction" in db) mergeInBackground(db as Db);

  const complete = stats.some((s) => s.complete);
  let matches = score([...rows.values()], stats, measures, false);
  let lowerBound = false;
  if (!complete && matches.length < f.offset + f.limit + 1) {
    // the champions do not hold every match and too few of them pass the filters: matches in no order
    const fill = where(f, ["m.search_vector @@ to_tsquery('simple', ?)", plan.tsquery], ["not (m.id = any(?::int[]))", [...rows.keys()]]);
    const limit = fillLimit(f);
    const more = (await db.query<Row>(`${ROW_SELECT} ${fill.where} limit ${limit}`, fill.params)).rows;
    add(more);
    matches = matches.concat(score(more, stats, measures, false));
    lowerBound = more.length >= limit;
  } else if (!complete) lowerBound = true;
  if (!matches.length) {
    // nothing as written: a typo? candidates from the champions of every lexeme of the query
    const lexemes = units.flatMap((u) => u.lexemes.map((l) => ({ text: l, lexemes: [l] })));
    const typoIds = [...new Set((await unitStats(db, lexemes, TYPO_CANDIDATES)).stats.flatMap((s) => s.champions))];
    const t = where(f, ["m.id = any(?::int[])", typoIds]);
    const candidates = (await db.query<Row>(`${ROW_SELECT} ${t.where}`, t.params)).rows;
    matches = score(candidates, stats, measures, true);
  }
  matches.sort((a, b) => b.score - a.score || (b.row.doc_date ?? "").localeCompare(a.row.doc_date ?? "") || a.row.id - b.row.id);
  const terms = [...plan.terms, ...units.map((u) => u.text)];
  return {
    total: matches.length,
    totalIsLowerBound: lowerBound,
    items: matches.slice(f.offset, f.offset + f.limit).map((m) => hit(m.row, m.score, terms)),
  };
}

async function pendingMatches(db: Queryable, f: SearchFilter, tsquery: string): Promise<Row[]> {
  const p = where(f, ["m.id in (select measure_id from search_pending)"], ["m.search_vector @@ to_tsquery('simple', ?)", tsquery]);
  return (await db.query<Row>(`${ROW_SELECT} ${p.where} limit ${FILL_LIMIT}`, p.params)).rows;
}

async function byDocNumber(db: Queryable, f: SearchFilter, docNumber: string) {
  const w = where(f, ["d.doc_number_norm = ?", docNumber]);
  const total = (await db.query<{ n: number }>(`select count(*)::int as n from measure m join document d on d.id = m.document_id ${w.where}`, w.params)).rows[0]?.n ?? 0;
  const rows = await db.query<Row>(`${ROW_SELECT} ${w.where} order by d.id, m.ordinal limit ${f.limit} offset ${f.offset}`, w.params);
  return { total, totalIsLowerBound: false, items: rows.rows.map((r) => hit(r, 1, [])) };
}

async function bySubstring(db: Queryable, f: SearchFilter, terms: string[]) {
  const w = where(f, ...terms.map((t): [string, SqlValue] => [`${COMPACT_TEXT} ilike ?`, likePattern(t.replace(/[\s\u3000]+/g, ""))]));
  const rows = (await db.query<Row>(`${ROW_SELECT} ${w.where} order by m.id limit ${FILL_LIMIT}`, w.params)).rows;
  return {
    total: rows.length,
    totalIsLowerBound: rows.length >= FILL_LIMIT,
    items: rows.slice(f.offset, f.offset + f.limit).map((r) => hit(r, 1, terms)),
  };
}

function hit(r: Row, rank: number, terms: string[]): SearchHit {
  const s = makeSnippet(r.text || r.title, terms);
  const t = makeSnippet(r.title, terms, Math.max(80, r.title.length));
  return {
    measureId: r.id,
    documentId: r.document_id,
    documentTitle: r.document_title,
    docNumber: r.doc_number,
    label: r.label,
    title: r.title,
    rank,
    snippet: s.text,
    highlights: s.highlights,
    snippetHtml: snippetHtml(s),
    titleHighlights: t.highlights,
  };
}
