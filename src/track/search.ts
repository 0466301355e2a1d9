/**
 * 检索: Chinese full-text search over measure titles and text. The query is split into terms; each term must
 * occur in the measure as written (a phrase of character bigrams in the tsvector; pg_trgm for a query of
 * symbols only), ranked by
 * ts_rank over a bounded candidate set (title matches weigh more). A query that is a 文号 looks the
 * document up by its exact normalised number instead.
 */
import { MEASURE_OF_BODY, MEASURE_WITH_KIND } from "./documents.js";
import { Conditions } from "../store/conditions.js";
import type { Queryable } from "../store/db.js";
import { makeSnippet, planQuery, snippetHtml } from "../store/segment.js";
import { normalizeDocNumberKey } from "./ingest.js";
import type { SearchHit } from "../model/api.js";

export type { SearchHit } from "../model/api.js";

export interface SearchFilter {
  q: string;
  bodyId?: number;
  documentId?: number;
  year?: number;
  kind?: "target" | "incentive" | "other";
  publishedOnly: boolean;
  limit: number;
  offset: number;
}

/** The most candidates ranked for one query. */
export const CANDIDATE_LIMIT = 500;

const DOC_NUMBER_RE = /^[\u4e00-\u9fff]{1,12}[〔\[［(（【]\s*(?:19|20)\d\d\s*[〕\]］)）】]\s*\d{1,4}\s*号$/;

/** title and text without spacing: the expression of the measure_trgm index */
const COMPACT_TEXT = `translate(m.title || m.text, E' \\t\\r\\n\\u3000', '')`;

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function search(db: Queryable, f: SearchFilter): Promise<{ items: SearchHit[]; total: number; totalIsLowerBound: boolean }> {
  const q = f.q.trim();
  const c = new Conditions();
  if (f.publishedOnly) c.add("d.published");
  if (f.documentId !== undefined) c.add("m.document_id = ?", f.documentId);
  if (f.year !== undefined) c.add("d.doc_date >= ? and d.doc_date < ?", `${f.year}-01-01`, `${f.year + 1}-01-01`);
  if (f.bodyId !== undefined) c.add(MEASURE_OF_BODY, f.bodyId);
  if (f.kind) c.add(MEASURE_WITH_KIND, f.kind);

  let rankExpr = "1.0::real";
  let terms: string[] = [];
  const docNumber = DOC_NUMBER_RE.test(q.normalize("NFKC").replace(/\s+/g, "")) ? normalizeDocNumberKey(q) : null;
  if (docNumber) {
    c.add("d.doc_number_norm = ?", docNumber);
  } else {
    const plan = planQuery(q);
    terms = plan.terms;
    if (!terms.length) return { items: [], total: 0, totalIsLowerBound: false };
    if (plan.tsquery) {
      c.add("m.search_vector @@ to_tsquery('simple', ?)", plan.tsquery);
      // ranked by the same parameter, the last one added
      const tsq = `to_tsquery('simple', $${c.params.length})`;
      rankExpr = `ts_rank(m.search_vector, ${tsq})`;
    }
    // a query with nothing to index (symbols only): substring search, served by pg_trgm
    if (!plan.tsquery) for (const term of terms) c.add(`${COMPACT_TEXT} ilike ?`, likePattern(term.replace(/[\s\u3000]+/g, "")));
  }
  const { where: w, params } = c;
  // rank a bounded candidate set, keep one page of ids, and only then read the texts of that page
  const rows = await db.query<{
    id: number;
    document_id: number;
    document_title: string | null;
    doc_number: string | null;
    label: string;
    title: string;
    text: string;
    rank: number;
    total: number;
  }>(
    `with cand as (
       select m.id, d.doc_date, ${rankExpr} as rank
       from measure m join document d on d.id = m.document_id
       ${w}
       limit ${CANDIDATE_LIMIT}
     ), top as (
       select c.id, c.rank, c.doc_date, (select count(*)::int from cand) as total
       from cand c
       order by c.rank desc, c.doc_date desc nulls last, c.id
       limit ${f.limit} offset ${f.offset}
     )
     select m.id, m.document_id, d.title as document_title, d.doc_number, coalesce(m.written_label, m.label) as label, m.title, m.text, t.rank, t.total
     from top t join measure m on m.id = t.id join document d on d.id = m.document_id
     order by t.rank desc, t.doc_date desc nulls last, m.id`,
    params,
  );
  let total = rows.rows[0]?.total ?? 0;
  if (!rows.rows.length && f.offset > 0) {
    const c = await db.query<{ n: number }>(
      `select count(*)::int as n from (select 1 from measure m join document d on d.id = m.document_id ${w} limit ${CANDIDATE_LIMIT}) x`,
      params,
    );
    total = c.rows[0]?.n ?? 0;
  }
  return {
    total,
    totalIsLowerBound: total >= CANDIDATE_LIMIT,
    items: rows.rows.map((r) => {
      const s = makeSnippet(r.text || r.title, terms);
      const t = makeSnippet(r.title, terms, Math.max(80, r.title.length));
      return {
        measureId: r.id,
        documentId: r.document_id,
        documentTitle: r.document_title,
        docNumber: r.doc_number,
        label: r.label,
        title: r.title,
        rank: Number(r.rank),
        snippet: s.text,
        highlights: s.highlights,
        snippetHtml: snippetHtml(s),
        titleHighlights: t.highlights,
      };
    }),
  };
}
