/**
 * The term statistics of search (migration 12): per lexeme, its document frequency and its champions, the
 * measures where it weighs most, best first. A new measure is put in `search_pending` by a trigger and merged
 * here in batches; until then search finds it in the pending set directly. Merges take an advisory lock, so
 * that one merger runs at a time and ingests never wait on the statistics' hot rows (常见词 such as 发展, 建设).
 *
 * This is a pruned inverted index ("champion lists"): keeping every posting would take ~95 rows per measure;
 * keeping the best CHAMPIONS per lexeme bounds it by the vocabulary, and is what the first stage of a query reads.
 */
import type { Db, Queryable } from "./db.js";

/** champions kept per lexeme: the most candidates one lexeme brings to a query */
export const CHAMPIONS = 200;
/** champions are packed as weight * 2^32 + measure id */
export const CHAMPION_SHIFT = 4294967296;
const MERGE_LOCK = 774_520_112;

export interface TermStats {
  lexeme: string;
  df: number;
  /** measure ids, best first */
  champions: number[];
}

/** Folds pending measures into the statistics, in the caller's transaction. */
async function mergeIds(tx: Queryable, ids: number[]): Promise<void> {
  await tx.query(
    `with p as (
       select e.lexeme,
              luoshi_search_weight(t.in_title, cardinality(e.positions) - t.in_title, length(m.search_vector)) * ${CHAMPION_SHIFT} + m.id as champion
       from measure m
       cross join lateral (select coalesce(cardinality(string_to_array(m.title_tokens, ' ')), 0) as n) title,
       unnest(m.search_vector) e
       -- the title's tokens hold the first positions: a lexeme is in the title when its first position is one of
       -- them (counted once: reading every position of every lexeme made a rebuild several times slower)
       cross join lateral (select (e.positions[1] <= title.n)::int as in_title) t
       where m.id = any($1::int[])
     ), g as (
       select lexeme, count(*)::int as df, (array_agg(champion order by champion desc))[1:$2] as champions from p group by lexeme
       union all
       select '', (select count(*)::int from measure where id = any($1::int[])), '{}'::bigint[]
     )
     insert into search_term (lexeme, df, champions) select lexeme, df, champions from g
     on conflict (lexeme) do update set df = search_term.df + excluded.df,
       champions = luoshi_search_top(search_term.champions, excluded.champions, $2)`,
    [ids, CHAMPIONS],
  );
}

/**
 * Merges pending measures, `batch` at a time, until none is left or another merger holds the lock (then it
 * is that one's work). Returns how many were merged.
 */
export async function mergePendingMeasures(db: Db, batch = 2000): Promise<number> {
  let total = 0;
  for (;;) {
    const merged = await db.transaction(async (tx) => {
      const lock = await tx.query<{ ok: boolean }>(`select pg_try_advisory_xact_lock($1) as ok`, [MERGE_LOCK]);
      if (!lock.rows[0]?.ok) return 0;
      const { rows } = await tx.query<{ measure_id: number }>(
        // a measure from before search (schema 1) waits until the app has made its tokens
        `delete from search_pending where measure_id in (
           select p.measure_id from search_pending p join measure m on m.id = p.measure_id
           where m.title_tokens is not null order by p.measure_id limit $1) returning measure_id`,
        [batch],
      );
      if (rows.length) await mergeIds(tx, rows.map((r) => r.measure_id));
      return rows.length;
    });
    total += merged;
    if (merged < batch) return total;
  }
}

/** Builds the statistics anew from every measure (after a bulk load that went around the application). */
export async function rebuildSearchIndex(db: Db, batch = 20000): Promise<number> {
  await db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock($1)`, [MERGE_LOCK]);
    await tx.exec(`truncate search_term; insert into search_pending (measure_id) select id from measure on conflict do nothing`);
  });
  return mergePendingMeasures(db, batch);
}

/**
 * A lexeme's first `n` champions (all of them where its list is whole: df ≤ CHAMPIONS), as measure ids in one
 * comma-separated text: unpacked by the database, because parsing hundreds of packed bigints a query into
 * strings, then BigInt, took more of the app's time than ranking the candidates.
 */
const championIds = (n: string) =>
  `(select string_agg((c & ${CHAMPION_SHIFT - 1})::text, ',' order by o)
    from unnest(t.champions[1:(case when t.df <= ${CHAMPIONS} then ${CHAMPIONS} else ${n} end)]) with ordinality u(c, o))`;

/**
 * The statistics of these lexemes (those never seen are absent) with their first `champions` champions (all,
 * where a lexeme's list is whole), the number of measures merged, and whether any measure waits to be merged,
 * read in one statement and so from one snapshot: when none waits, every measure committed before it is in
 * these statistics.
 */
export async function termStats(
  db: Queryable,
  lexemes: string[],
  champions: number,
): Promise<{ measures: number; terms: Map<string, TermStats>; pending: boolean }> {
  const { rows } = await db.query<{ lexeme: string | null; df: number; champions: string | null; pending: boolean }>(
    `select t.lexeme, t.df, ${championIds("$2::int")} as champions, p.pending
     from (select exists (select 1 from search_pending) as pending) p
     left join search_term t on t.lexeme = any($1::text[])`,
    [["", ...lexemes], champions],
  );
  return { ...collect(rows.filter((r): r is typeof r & { lexeme: string } => r.lexeme !== null)), pending: rows[0]?.pending ?? false };
}

const merging = new WeakSet<object>();

/**
 * Starts merging pending measures unless this process already is. A merge that fails leaves its measures
 * pending, where search still finds them; the next search starts another.
 */
export function mergeInBackground(db: Db): void {
  if (merging.has(db)) return;
  merging.add(db);
  mergePendingMeasures(db)
    .catch(() => undefined)
    .finally(() => merging.delete(db));
}

/** The most frequent lexemes that start with `prefix` (a one-character query), with their statistics. */
export async function prefixStats(db: Queryable, prefix: string, lexemes: number, champions: number): Promise<TermStats[]> {
  const next = String.fromCodePoint(prefix.codePointAt(0)! + 1);
  const { rows } = await db.query<{ lexeme: string; df: number; champions: string | null }>(
    `select t.lexeme, t.df, ${championIds("$3::int")} as champions from search_term t
     where t.lexeme >= $1 and t.lexeme < $2 order by t.df desc limit $4`,
    [prefix, next, champions, lexemes],
  );
  return [...collect(rows).terms.values()];
}

function collect(rows: Array<{ lexeme: string; df: number; champions: string | null }>): { measures: number; terms: Map<string, TermStats> } {
  let measures = 0;
  const terms = new Map<string, TermStats>();
  for (const r of rows) {
    if (r.lexeme === "") measures = r.df;
    else terms.set(r.lexeme, { lexeme: r.lexeme, df: r.df, champions: r.champions ? r.champions.split(",").map(Number) : [] });
  }
  return { measures, terms };
}
