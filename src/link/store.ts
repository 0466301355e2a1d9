/**
 * Links between stored documents: which stored documents a document's citations name, which document it
 * implements (实施) or forwards (转发), and the measure alignment of each linked pair.
 *
 * - Citations: a cited 文号 is looked up exactly on the normalised column (document.doc_number_norm), a cited
 *   《title》 through a `CitationIndex` of every stored document's title and issuing notice; every candidate is
 *   then confirmed with `matchCitation` (a differing 文号 rules a title out). A citation no stored document
 *   answers is listed as unresolved.
 * - One policy, not two: a document is the same policy as a stored one when their 文号 agree, or their titles
 *   agree exactly (after titleKey) and they share an issuer or one of them forwards (转发). Of two such, the one
 *   whose notice forwards (转发) is linked as `forwards` to the other (of two plain copies, the later stored),
 *   and citations of either count as citations of the original.
 * - The parent: the stored documents it cites (the originals of forwarded ones) that are not below it — not of a
 *   lower level (省 › 市 › 县/区) and not of a later date (unknown counts as fitting). Without one, the most
 *   similar document that stands above it — a higher level and not later, or the same or an unknown level and
 *   strictly earlier: the few whose measure titles share most character bigrams with its own are aligned, and
 *   the best is taken when its similarity (the mean best score of the child's measures, see align.ts) is at least
 *   MIN_SIMILARITY (related seed pairs score 0.43–0.77, unrelated ones 0.23–0.34).
 * - Caching: an alignment is stored per (child, parent) with a stamp of the algorithm version and an md5 of
 *   both parse results, and recomputed when the stamp differs. A document's links are stored with a stamp of
 *   the store (count, largest and sum of document ids) and recomputed, by the links job after an ingest, when a
 *   document was added or removed; reading them never recomputes them.
 */
import { normalizeDocNumberKey } from "../track/ingest.js";
import { jurisdictionOf } from "../track/bodies.js";
import type { Citation, DocMeta, ParsedFile } from "../model/exchange.js";
import type { Db, Queryable } from "../store/db.js";
import { alignMeasures } from "./align.js";
import { labelOf, targetCascades, type Cascade, type CascadeOptions } from "./cascade.js";
import { CitationIndex, docNumberKey, identityOf, matchCitation, matchTitle, type CitationMatch, type DocumentIdentity } from "./citations.js";
import { round, termCounts } from "./features.js";
import { pathKey } from "./measures.js";
import type { DocRef, MeasureRef } from "../model/api.js";

export type { DocRef, MeasureRef } from "../model/api.js";

/** bump when alignment or parent finding changes: every cached row is recomputed */
export const LINKS_VERSION = "3";
/** the least document similarity for a parent found without a citation */
export const MIN_SIMILARITY = 0.38;
/** documents aligned when looking for a parent by similarity */
const SIMILARITY_CANDIDATES = 3;

export interface StoredMeasureLink {
  child: string[];
  /** the child measure's label as written */
  label: string;
  title: string;
  /** the parent measures it carries out, best first; empty: new (新增) */
  parents: Array<MeasureRef & { score: number }>;
  closest: (MeasureRef & { score: number }) | null;
  /** the best parent measures with scores, also for a new one: what an official picks from to link it by hand */
  candidates: Array<MeasureRef & { score: number }>;
}

export interface StoredAlignment {
  /** mean best score of the child's measures */
  score: number;
  threshold: number;
  /** child measures that carry out a parent measure */
  linked: number;
  childMeasures: number;
  parentMeasures: number;
  links: StoredMeasureLink[];
  /** parent measures no child measure carries out */
  uncovered: MeasureRef[];
  cascades: Cascade[];
}

export interface CitationRef {
  docNumber: string | null;
  title: string | null;
  by: CitationMatch["by"];
  confidence: number;
}

export interface ParentChoice {
  document: DocRef;
  via: "citation" | "similarity";
  citation: CitationRef | null;
  alignment: StoredAlignment;
}

export interface ParentResult {
  /** the stored document this one forwards (转发) or copies: the same policy */
  forwards: DocRef | null;
  parents: ParentChoice[];
  /** documents aligned in the search by similarity, best first (for telling why) */
  tried: Array<{ document: DocRef; score: number }>;
}

/** What is known of a stored document without reading its outline. */
interface StoredDoc extends DocRef {
  issuers: string[];
  wrappers: DocMeta[];
  identity: DocumentIdentity;
  forwarding: boolean;
}

/** A document to find links for: stored (id) or only parsed (the command line). */
export interface Subject {
  id: number | null;
  parsed: ParsedFile;
  level: string | null;
  date: string | null;
}

const LEVEL_RANK: Record<string, number> = { 省: 1, 市: 2, 县: 3, 区: 3 };

const isForwarding = (wrappers: DocMeta[]) => wrappers.some((w) => /转发/.test(w.title ?? ""));

export function subjectOf(parsed: ParsedFile, id: number | null = null): Subject {
  const j = jurisdictionOf([parsed.document.issuers, ...[...parsed.wrappers].reverse().map((w) => w.issuers)]);
  return { id, parsed, level: j.level, date: parsed.document.date };
}

const refOf = (d: DocRef): DocRef => ({
  id: d.id,
  title: d.title,
  docNumber: d.docNumber,
  date: d.date,
  level: d.level,
  region: d.region,
  published: d.published,
});

interface Meta {
  id: number;
  title: string | null;
  docNumber: string | null;
  issuers: string[];
  forwarding: boolean;
}

/** The same policy: the same 文号, or the same title from a shared issuer or through a forwarding notice. */
export function samePolicy(a: Meta, b: Meta): boolean {
  if (a.docNumber && b.docNumber) return docNumberKey(a.docNumber) === docNumberKey(b.docNumber);
  if (!a.title || !b.title) return false;
  const m = matchTitle(a.title, b.title);
  if (!m || m.by !== "title") return false;
  return a.forwarding || b.forwarding || !a.issuers.length || !b.issuers.length || a.issuers.some((i) => b.issuers.includes(i));
}

/** `a` forwards (or copies) `b`: the same policy, `a` through a 转发 notice (or, of two plain copies, stored later). */
function forwardsOf(a: Meta, b: Meta): boolean {
  if (a.id === b.id || !samePolicy(a, b)) return false;
  if (a.forwarding !== b.forwarding) return a.forwarding;
  return a.id > b.id;
}

function ranks(p: { level: string | null }, c: { level: string | null }): [number | undefined, number | undefined] {
  return [p.level ? LEVEL_RANK[p.level] : undefined, c.level ? LEVEL_RANK[c.level] : undefined];
}

/** May a cited `p` be a parent of `c`: not of a lower level, not of a later date (unknown counts as fitting). */
export function notBelow(p: { level: string | null; date: string | null }, c: { level: string | null; date: string | null }): boolean {
  const [rp, rc] = ranks(p, c);
  if (rp !== undefined && rc !== undefined && rp > rc) return false;
  return !p.date || !c.date || p.date <= c.date;
}

/**
 * May an uncited `p` be a parent of `c`: of a higher level and not later, or of the same or an unknown level and
 * strictly earlier (so that two documents never find each other).
 */
export function standsAbove(p: { level: string | null; date: string | null }, c: { level: string | null; date: string | null }): boolean {
  const [rp, rc] = ranks(p, c);
  if (rp !== undefined && rc !== undefined && rp > rc) return false;
  const higher = rp !== undefined && rc !== undefined && rp < rc;
  if (p.date && c.date) return higher ? p.date <= c.date : p.date < c.date;
  return higher;
}

/** The state of the store that a document's links were computed against: the documents there were. */
function storeStamp(count: number, max: number, sum: number): string {
  return `${LINKS_VERSION}:${count}:${max}:${sum}`;
}

/** Everything parent finding needs about the store, loaded once per request. */
export class LinkContext {
  private constructor(
    readonly db: Db,
    readonly docs: Map<number, StoredDoc>,
    private readonly index: CitationIndex<number>,
    readonly stamp: string,
  ) {}

  private measureTitles: Map<number, string> | null = null;
  private readonly hashes = new Map<number, string>();

  static async load(db: Db): Promise<LinkContext> {
    const r = await db.query<{
      id: number;
      title: string | null;
      doc_number: string | null;
      doc_date: string | null;
      level: string | null;
      region: string | null;
      published: boolean;
      issuers: string[];
      wrappers: DocMeta[] | null;
    }>(
      `select id, title, doc_number, doc_date, level, region, published, issuers, parsed->'wrappers' as wrappers
       from document where deleted_at is null order by id`,
    );
    const docs = new Map<number, StoredDoc>();
    const index = new CitationIndex<number>();
    let sum = 0;
    for (const row of r.rows) {
      const wrappers = row.wrappers ?? [];
      const identity = identityOf({ document: { title: row.title, docNumber: row.doc_number }, wrappers } as unknown as ParsedFile);
      const d: StoredDoc = {
        id: row.id,
        title: row.title,
        docNumber: row.doc_number,
        date: row.doc_date,
        level: row.level,
        region: row.region,
        published: row.published,
        issuers: row.issuers,
        wrappers,
        identity,
        forwarding: isForwarding(wrappers),
      };
      docs.set(d.id, d);
      // 文号 are looked up on the column; the index serves titles
      index.add(d.id, { docNumbers: [], titles: identity.titles });
      sum += row.id;
    }
    const max = r.rows.length ? r.rows[r.rows.length - 1]!.id : 0;
    return new LinkContext(db, docs, index, storeStamp(r.rows.length, max, sum));
  }

  /** The stored original of a document that forwards another stored document, else the document itself. */
  originalOf(d: StoredDoc): StoredDoc {
    for (const o of this.docs.values()) if (forwardsOf(d, o)) return o;
    return d;
  }

  /** Every stored document a citation names, best first (confirmed by matchCitation). */
  async resolve(cites: Citation[]): Promise<Array<Array<{ doc: StoredDoc; match: CitationMatch }>>> {
    const keys = [...new Set(cites.map((c) => normalizeDocNumberKey(c.docNumber)).filter((k): k is string => !!k))];
    const byKey = new Map<string, number[]>();
    if (keys.length) {
      const r = await this.db.query<{ id: number; doc_number_norm: string }>(
        `select id, doc_number_norm from document where doc_number_norm = any($1::text[]) and deleted_at is null`,
        [keys],
      );
      for (const row of r.rows) byKey.set(row.doc_number_norm, [...(byKey.get(row.doc_number_norm) ?? []), row.id]);
    }
    return cites.map((cite) => {
      const ids = new Set<number>(byKey.get(normalizeDocNumberKey(cite.docNumber) ?? "") ?? []);
      if (cite.title) for (const { id } of this.index.resolve({ ...cite, docNumber: null })) ids.add(id);
      const out: Array<{ doc: StoredDoc; match: CitationMatch }> = [];
      for (const id of ids) {
        const doc = this.docs.get(id);
        const match = doc && matchCitation(cite, doc.identity);
        if (doc && match) out.push({ doc, match });
      }
      return out.sort((a, b) => b.match.confidence - a.match.confidence || a.doc.id - b.doc.id);
    });
  }

  /** md5 of each document's parse result and text: an alignment is recomputed when it changes. */
  async hashOf(id: number): Promise<string> {
    let h = this.hashes.get(id);
    if (h === undefined) {
      const r = await this.db.query<{ h: string }>(`select md5(parsed::text || coalesce(text, '')) as h from document where id = $1`, [id]);
      h = r.rows[0]?.h ?? "";
      this.hashes.set(id, h);
    }
    return h;
  }

  async titlesOf(id: number): Promise<string> {
    if (!this.measureTitles) {
      const r = await this.db.query<{ document_id: number; titles: string }>(
        `select document_id, string_agg(title, E'\\n' order by ordinal) as titles from measure group by document_id`,
      );
      this.measureTitles = new Map(r.rows.map((x) => [x.document_id, x.titles]));
    }
    return this.measureTitles.get(id) ?? "";
  }
}

export async function loadParsed(db: Queryable, id: number): Promise<ParsedFile | null> {
  const r = await db.query<{ parsed: ParsedFile; text: string | null }>(`select parsed, text from document where id = $1`, [id]);
  const row = r.rows[0];
  if (!row) return null;
  return row.text === null ? row.parsed : { ...row.parsed, text: row.text };
}

/** Citations of a document (main text, then its notices), each with where it was found. */
export function citationsOfParsed(p: ParsedFile): Array<Citation & { where: "document" | "notice" }> {
  const seen = new Set<string>();
  const out: Array<Citation & { where: "document" | "notice" }> = [];
  const add = (c: Citation, where: "document" | "notice") => {
    const k = `${c.docNumber ?? ""}|${c.title ?? ""}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ ...c, where });
  };
  for (const c of p.document.cites) add(c, "document");
  for (const w of p.wrappers) for (const c of w.cites) add(c, "notice");
  return out;
}

/** An alignment in the stored form: measure titles beside paths, cascades computed. */
export function summarizeAlignment(child: ParsedFile, parent: ParsedFile, opts: CascadeOptions & { newThreshold?: number } = {}): StoredAlignment {
  const al = alignMeasures(child, parent, opts.newThreshold === undefined ? {} : { newThreshold: opts.newThreshold });
  const parentOf = new Map(al.parents.map((m) => [m.key, m]));
  const childLabel = new Map(al.children.map((m) => [m.key, labelOf(m)]));
  const refOf = (path: string[]) => {
    const m = parentOf.get(pathKey(path));
    return { path, label: m ? labelOf(m) : (path[path.length - 1] ?? ""), title: m?.title ?? "" };
  };
  const ref = (p: { path: string[]; score: number }) => ({ ...refOf(p.path), score: p.score });
  const best = al.links.map((l) => l.closest?.score ?? 0);
  const cascades = targetCascades(child, parent, al, opts.expectedShare === undefined ? {} : { expectedShare: opts.expectedShare });
  return {
    score: round(best.reduce((a, b) => a + b, 0) / Math.max(1, best.length), 3),
    threshold: round(al.threshold, 3),
    linked: al.links.filter((l) => l.parents.length).length,
    childMeasures: al.children.length,
    parentMeasures: al.parents.length,
    links: al.links.map((l) => ({
      child: l.child,
      label: childLabel.get(pathKey(l.child)) ?? "",
      title: l.title,
      parents: l.parents.map(ref),
      closest: l.closest && ref(l.closest),
      candidates: l.candidates.map(ref),
    })),
    uncovered: al.uncovered.map(refOf),
    cascades,
  };
}

/** The alignment of a child (stored or only parsed) with a stored parent; cached for a stored child. */
export async function alignmentOf(ctx: LinkContext, child: Subject, parentId: number): Promise<StoredAlignment> {
  const { db } = ctx;
  let stamp: string | null = null;
  if (child.id !== null) {
    stamp = `${LINKS_VERSION}:${await ctx.hashOf(child.id)}:${await ctx.hashOf(parentId)}`;
    const r = await db.query<{ stamp: string; result: StoredAlignment }>(
      `select stamp, result from document_alignment where child_id = $1 and parent_id = $2`,
      [child.id, parentId],
    );
    if (r.rows[0]?.stamp === stamp) return r.rows[0].result;
  }
  const parent = await loadParsed(db, parentId);
  if (!parent) throw new Error(`document ${parentId} not found`);
  const result = summarizeAlignment(child.parsed, parent);
  if (child.id !== null && stamp) {
    await db.query(
      `insert into document_alignment (child_id, parent_id, stamp, score, result) values ($1, $2, $3, $4, $5::jsonb)
       on conflict (child_id, parent_id) do update set stamp = excluded.stamp, score = excluded.score, result = excluded.result,
         computed_at = now()`,
      [child.id, parentId, stamp, result.score, JSON.stringify(result)],
    );
  }
  return result;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, x] of a) {
    na += x * x;
    const y = b.get(t);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** The documents a document forwards and implements (see the module comment). */
export async function findParents(ctx: LinkContext, subject: Subject): Promise<ParentResult> {
  const p = subject.parsed;
  const self: Meta = {
    id: subject.id ?? Number.MAX_SAFE_INTEGER,
    title: p.document.title,
    docNumber: p.document.docNumber,
    issuers: p.document.issuers,
    forwarding: isForwarding(p.wrappers),
  };
  const others = [...ctx.docs.values()].filter((d) => d.id !== subject.id);
  const forwarded = others.find((d) => forwardsOf(self, d));
  if (forwarded) return { forwards: refOf(ctx.originalOf(forwarded)), parents: [], tried: [] };
  const other = (d: StoredDoc) => d.id !== subject.id && !samePolicy(self, d);

  // 1. the documents it cites
  const cites = citationsOfParsed(p);
  const resolved = await ctx.resolve(cites);
  const cited = new Map<number, { doc: StoredDoc; citation: CitationRef }>();
  resolved.forEach((found, i) => {
    for (const { doc, match } of found) {
      const original = ctx.originalOf(doc);
      if (!other(original) || !notBelow(original, subject) || cited.has(original.id)) continue;
      const c = cites[i]!;
      cited.set(original.id, { doc: original, citation: { docNumber: c.docNumber, title: c.title, by: match.by, confidence: match.confidence } });
    }
  });
  if (cited.size) {
    const parents: ParentChoice[] = [];
    for (const { doc, citation } of cited.values())
      parents.push({ document: refOf(doc), via: "citation", citation, alignment: await alignmentOf(ctx, subject, doc.id) });
    parents.sort((a, b) => b.citation!.confidence - a.citation!.confidence || b.alignment.score - a.alignment.score);
    return { forwards: null, parents, tried: [] };
  }

  // 2. the most similar document above it
  const own = termCounts([p.document.title ?? "", ...p.outline.map((n) => n.title)].join("\n"));
  const ranked: Array<{ doc: StoredDoc; sim: number }> = [];
  for (const d of others) {
    if (!other(d) || !standsAbove(d, subject) || ctx.originalOf(d) !== d) continue;
    ranked.push({ doc: d, sim: cosine(own, termCounts(`${d.title ?? ""}\n${await ctx.titlesOf(d.id)}`)) });
  }
  ranked.sort((a, b) => b.sim - a.sim || a.doc.id - b.doc.id);
  const tried: Array<{ document: DocRef; score: number; alignment: StoredAlignment; doc: StoredDoc }> = [];
  for (const { doc } of ranked.slice(0, SIMILARITY_CANDIDATES)) {
    const alignment = await alignmentOf(ctx, subject, doc.id);
    tried.push({ document: refOf(doc), score: alignment.score, alignment, doc });
  }
  tried.sort((a, b) => b.score - a.score || a.document.id - b.document.id);
  const best = tried[0];
  const parents: ParentChoice[] =
    best && best.score >= MIN_SIMILARITY ? [{ document: best.document, via: "similarity", citation: null, alignment: best.alignment }] : [];
  return { forwards: null, parents, tried: tried.map((t) => ({ document: t.document, score: t.score })) };
}

/** Recomputes and stores a stored document's links when the store changed since they were computed; true if it did. */
export async function ensureLinks(ctx: LinkContext, id: number): Promise<boolean> {
  const { db } = ctx;
  const state = await db.query<{ stamp: string }>(`select stamp from document_link_state where document_id = $1`, [id]);
  if (state.rows[0]?.stamp === ctx.stamp) return false;
  const parsed = await loadParsed(db, id);
  const doc = ctx.docs.get(id);
  if (!parsed || !doc) return false;
  const r = await findParents(ctx, { id, parsed, level: doc.level, date: doc.date });
  const rows = r.forwards
    ? [{ parent: r.forwards.id, kind: "forwards", via: "identity", score: null as number | null, citation: null as CitationRef | null }]
    : r.parents.map((x) => ({ parent: x.document.id, kind: "implements", via: x.via, score: x.alignment.score, citation: x.citation }));
  await db.transaction(async (tx) => {
    await tx.query(`delete from document_link where child_id = $1 and not (parent_id = any($2::int[]))`, [id, rows.map((x) => x.parent)]);
    for (const x of rows)
      await tx.query(
        `insert into document_link (child_id, parent_id, kind, via, score, citation) values ($1, $2, $3, $4, $5, $6::jsonb)
         on conflict (child_id, parent_id) do update set kind = excluded.kind, via = excluded.via, score = excluded.score,
           citation = excluded.citation`,
        [id, x.parent, x.kind, x.via, x.score, x.citation ? JSON.stringify(x.citation) : null],
      );
    await tx.query(
      `insert into document_link_state (document_id, stamp) values ($1, $2)
       on conflict (document_id) do update set stamp = excluded.stamp, computed_at = now()`,
      [id, ctx.stamp],
    );
  });
  return true;
}

export interface ResolvedCitation {
  docNumber: string | null;
  title: string | null;
  where: "document" | "notice";
  status: "resolved" | "unresolved";
  /** the stored documents it names, best first */
  documents: Array<DocRef & { by: CitationMatch["by"]; confidence: number }>;
}

/** A stored document's citations, each resolved to the stored documents it names or listed as unresolved. */
export async function resolveCitations(db: Db, id: number, opts: { publishedOnly: boolean }): Promise<ResolvedCitation[] | null> {
  const parsed = await loadParsed(db, id);
  if (!parsed) return null;
  const ctx = await LinkContext.load(db);
  const cites = citationsOfParsed(parsed);
  const resolved = await ctx.resolve(cites);
  return cites.map((c, i) => {
    const documents = resolved[i]!
      .filter(({ doc }) => doc.id !== id && (!opts.publishedOnly || doc.published))
      .map(({ doc, match }) => ({ ...refOf(doc), by: match.by, confidence: match.confidence }));
    return { docNumber: c.docNumber, title: c.title, where: c.where, status: documents.length ? "resolved" : "unresolved", documents };
  });
}

export interface ParentLink {
  document: DocRef;
  via: "citation" | "similarity";
  citation: CitationRef | null;
  alignment: StoredAlignment;
}

export interface DocumentLinks {
  forwards: DocRef[];
  forwardedBy: DocRef[];
  /** the documents this one carries out, with the alignment of its measures with theirs */
  implements: ParentLink[];
  /** the documents that carry this one out, with the alignment of their measures with this one's */
  implementedBy: ParentLink[];
}

/** Brings the links of every stored document up to date with the store (the links job); how many it computed. */
export async function refreshLinks(db: Db): Promise<number> {
  const ctx = await LinkContext.load(db);
  let computed = 0;
  for (const id of ctx.docs.keys()) if (await ensureLinks(ctx, id)) computed++;
  return computed;
}

/** How many stored documents have links computed against another state of the store, or none yet. */
export async function staleLinks(db: Queryable): Promise<number> {
  const r = await db.query<{ stale: number }>(
    `with store as (select count(*)::int as n, coalesce(max(id), 0) as mx, coalesce(sum(id), 0)::bigint as total from document)
     select count(*)::int as stale from document d left join document_link_state s on s.document_id = d.id, store
     where s.stamp is distinct from $1 || ':' || store.n || ':' || store.mx || ':' || store.total`,
    [LINKS_VERSION],
  );
  return r.rows[0]?.stale ?? 0;
}

/**
 * The links of a stored document, both ways, as last computed: the links job (refreshLinks) brings them up to
 * date after documents are added, and `staleLinks` says whether it still has to.
 */
export async function documentLinks(db: Db, id: number, opts: { publishedOnly: boolean }): Promise<DocumentLinks | null> {
  const ctx = await LinkContext.load(db);
  if (!ctx.docs.has(id)) return null;
  const r = await db.query<{ child_id: number; parent_id: number; kind: "implements" | "forwards"; via: string; citation: CitationRef | null }>(
    `select child_id, parent_id, kind, via, citation from document_link where child_id = $1 or parent_id = $1
     order by score desc nulls last, child_id, parent_id`,
    [id],
  );
  const visible = (d: StoredDoc | undefined): d is StoredDoc => !!d && (!opts.publishedOnly || d.published);
  const out: DocumentLinks = { forwards: [], forwardedBy: [], implements: [], implementedBy: [] };
  const parsedOf = new Map<number, ParsedFile | null>();
  const subject = async (cid: number): Promise<Subject> => {
    if (!parsedOf.has(cid)) parsedOf.set(cid, await loadParsed(db, cid));
    const d = ctx.docs.get(cid)!;
    return { id: cid, parsed: parsedOf.get(cid)!, level: d.level, date: d.date };
  };
  for (const row of r.rows) {
    const other = ctx.docs.get(row.child_id === id ? row.parent_id : row.child_id);
    if (!visible(other)) continue;
    if (row.kind === "forwards") {
      (row.child_id === id ? out.forwards : out.forwardedBy).push(refOf(other));
      continue;
    }
    const alignment = await alignmentOf(ctx, await subject(row.child_id), row.parent_id);
    const link: ParentLink = { document: refOf(other), via: row.via as ParentLink["via"], citation: row.citation, alignment };
    (row.child_id === id ? out.implements : out.implementedBy).push(link);
  }
  return out;
}
