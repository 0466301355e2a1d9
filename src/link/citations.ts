/**
 * Citation resolution (引用文件 → 文件): does a cited 文号 or 《title》 name a given document?
 *
 * - 文号 match after normalisation: full/half width, any bracket style around the year (〔〕[]［］()（）【】),
 *   spaces, 第 before the number, leading zeros (国发〔2017〕40号 = 国发[2017]040号).
 * - Titles match after normalisation: NFKC (full/half width), whitespace and punctuation removed (《》“”
 *   ()（）、—…), and the notice wrapped around a title peeled off: …关于印发X的通知, 印发X的通知, 转发X的通知
 *   (nested too) all stand for X. An issuer before 关于 (国务院关于…) is split off and, when both titles
 *   name one, must agree. A year range (2018-2020年, （2018—2020年）, 2018年-2020年, 2018～2020) is
 *   compared apart: titles equal apart from it match when one side has none or both have the same range
 *   (a different range is a different edition and does not match).
 *
 * `CitationIndex` holds the identities of many documents (a store) and resolves a citation to all that match,
 * best first; `citesDocument` answers for one pair.
 */
import type { Citation, ParsedFile } from "../model/exchange.js";
import { normalizeDocNumber } from "../extract/docnumbers.js";

/** How a document can be cited: its 文号 and titles (the text's own and that of the notice issuing it). */
export interface DocumentIdentity {
  docNumbers: string[];
  titles: string[];
}

export type MatchKind = "docNumber" | "title" | "title-years";

export interface CitationMatch {
  by: MatchKind;
  /** 1 for a 文号 or the same title; less where a year range was missing on one side */
  confidence: number;
  /** the 文号 or title that matched, as the citation wrote it */
  matched: string;
}

/** A 文号 in one form: 国发〔2017〕40号. */
export function docNumberKey(s: string): string {
  const n = normalizeDocNumber(s.normalize("NFKC").replace(/\s+/g, ""))
    .replace(/[〔\[［(（【]((?:19|20)\d{2})[〕\]］)）】]/, "〔$1〕")
    .replace(/〕第/, "〕");
  return n.replace(/〕0+(\d)/, "〕$1");
}

export interface TitleKey {
  /** the title with notice wrapper, issuer, year range and punctuation removed */
  bare: string;
  /** issuing body written before 关于, if any */
  issuer: string;
  /** the year range, "2018-2020", if any */
  years: string | null;
}

const YEAR_RANGE = /[(（]?\s*((?:19|20)\d{2})\s*年?\s*[-—–－~～至到]+\s*((?:19|20)\d{2})\s*年?\s*[)）]?/;
const PUNCT = /[\s《》〈〉<>“”"'‘’「」『』()（）[\]［］【】、，,。.：:；;·•—–\-－~～!！?？…_]/g;

// a notice issuing or forwarding a text: 印发…, 关于印发…, 省政府办公厅转发…, 工业和信息化厅等印发…
const NOTICE = /^(?:(.*?)关于|(.*?(?:政府|厅|局|委|部|院|室|会|署|办|等)))?(?:印发|转发|颁布|发布)(.+)$/;

/** Normalises a title for matching (see the module comment). */
export function titleKey(title: string): TitleKey {
  let t = title.normalize("NFKC").toLowerCase();
  let years: string | null = null;
  const y = YEAR_RANGE.exec(t);
  if (y) {
    years = `${y[1]}-${y[2]}`;
    t = t.slice(0, y.index) + t.slice(y.index + y[0].length);
  }
  t = t.replace(PUNCT, "");
  let issuer = "";
  // peel notices: [issuer]关于印发X的通知, 印发X的通知, 转发X的通知 (nested: 关于转发A关于印发X的通知的通知)
  for (;;) {
    const m = NOTICE.exec(t);
    if (!m || !m[3]) break;
    const by = m[1] ?? m[2];
    if (by && !issuer) issuer = by;
    t = m[3].replace(/的?(?:通知|通告)$/, "") || m[3];
  }
  const a = /^(.*?)关于(.+)$/.exec(t);
  if (a && a[2]) {
    if (a[1] && !issuer) issuer = a[1];
    t = a[2];
  }
  return { bare: t, issuer, years };
}

/** Does a title (as cited) name the same document as another (as written)? */
export function matchTitle(cited: string, title: string): { by: "title" | "title-years"; confidence: number } | null {
  const a = titleKey(cited);
  const b = titleKey(title);
  if (!a.bare || a.bare !== b.bare) return null;
  if (a.issuer && b.issuer && a.issuer !== b.issuer) return null;
  if (a.years === b.years) return { by: "title", confidence: 1 };
  if (a.years && b.years) return null; // another edition
  return { by: "title-years", confidence: 0.8 };
}

/** The identity of a parsed document: its own 文号 and title, and those of the notice that issues it. */
export function identityOf(doc: ParsedFile): DocumentIdentity {
  const docNumbers = new Set<string>();
  const titles = new Set<string>();
  if (doc.document.docNumber) docNumbers.add(doc.document.docNumber);
  if (doc.document.title) titles.add(doc.document.title);
  const issuing = doc.wrappers[doc.wrappers.length - 1]; // innermost: the notice that issues the text
  if (issuing) {
    if (issuing.docNumber) docNumbers.add(issuing.docNumber);
    if (issuing.title && !/转发/.test(issuing.title)) titles.add(issuing.title);
  }
  return { docNumbers: [...docNumbers], titles: [...titles] };
}

/** Whether a citation names a document, and how. A 文号 that differs outright rules a title match out. */
export function matchCitation(cite: Citation, target: DocumentIdentity): CitationMatch | null {
  if (cite.docNumber) {
    const key = docNumberKey(cite.docNumber);
    if (target.docNumbers.some((d) => docNumberKey(d) === key))
      return { by: "docNumber", confidence: 1, matched: cite.docNumber };
    if (target.docNumbers.length) return null;
  }
  if (cite.title) {
    let best: CitationMatch | null = null;
    for (const t of target.titles) {
      const m = matchTitle(cite.title, t);
      if (m && (!best || m.confidence > best.confidence)) best = { ...m, matched: cite.title };
    }
    return best;
  }
  return null;
}

/** The first citation of `child` (main text, then its notices) that names `parent`, with how it matched. */
export function citesDocument(child: ParsedFile, parent: ParsedFile): { citation: Citation; match: CitationMatch } | null {
  const target = identityOf(parent);
  const cites = [...child.document.cites, ...child.wrappers.flatMap((w) => w.cites)];
  let best: { citation: Citation; match: CitationMatch } | null = null;
  for (const c of cites) {
    const m = matchCitation(c, target);
    if (m && (!best || m.confidence > best.match.confidence)) best = { citation: c, match: m };
  }
  return best;
}

/** Identities of many documents, looked up by 文号 and by normalised title. */
export class CitationIndex<Id> {
  private readonly byNumber = new Map<string, Id[]>();
  private readonly byTitle = new Map<string, Array<{ id: Id; title: string }>>();
  private readonly identities = new Map<Id, DocumentIdentity>();

  add(id: Id, identity: DocumentIdentity): void {
    this.identities.set(id, identity);
    for (const d of identity.docNumbers) push(this.byNumber, docNumberKey(d), id);
    for (const t of identity.titles) push(this.byTitle, titleKey(t).bare, { id, title: t });
  }

  /** Every document the citation names, best first (a 文号 match, then a title match). */
  resolve(cite: Citation): Array<{ id: Id; match: CitationMatch }> {
    const found = new Map<Id, CitationMatch>();
    const consider = (id: Id) => {
      if (found.has(id)) return;
      const identity = this.identities.get(id);
      const m = identity ? matchCitation(cite, identity) : null;
      if (m) found.set(id, m);
    };
    if (cite.docNumber) for (const id of this.byNumber.get(docNumberKey(cite.docNumber)) ?? []) consider(id);
    if (cite.title) for (const { id } of this.byTitle.get(titleKey(cite.title).bare) ?? []) consider(id);
    return [...found].map(([id, match]) => ({ id, match })).sort((a, b) => b.match.confidence - a.match.confidence);
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
