/**
 * Anomalies: things in a parsed document that no right answer has (or that a right answer has only rarely), found
 * without any annotation. They let the parser be checked on real text nobody has annotated: a rewrite that makes a
 * corpus produce more of them has made something worse, whatever its score on the annotated files says.
 *
 * Every check reads the exchange format only (never the source text's wording), so it holds for any document.
 */
import type { DocMeta, OutlineNode, ParsedFile, Quantity } from "../model/exchange.js";
import { isOrgName } from "../extract/bodies.js";
import { numeralValue } from "../extract/numerals.js";

export const ANOMALY_KINDS = [
  // file-level: set by whoever reads the file (the corpus survey), since no ParsedFile exists
  "unreadable", // the reader refused the file
  "crash", // the parser threw
  "no-outline", // no numbered heading found
  "body-name", // a unit holding 等 or 的, or two names joined by 和/及/与
  "body-long", // a unit longer than MAX_BODY_NAME
  "lead-not-unit", // a lead missing from the node's units
  "title-long", // a section heading's title (a heading with items under it) longer than MAX_HEADING_TITLE
  "title-empty", // a heading with no title
  "title-label", // a heading title holding the label of the next heading
  "outline-gap", // siblings whose numbers skip or step back
  "outline-start", // a level starting past 1 with no run-on from the part before
  "duplicate-path", // two headings with one path
  "unit-missing", // a quantity with no unit
  "self-citation", // a citation of the document or of a wrapper
  "doc-title", // a document or wrapper title that is site chrome, an addressee or a signature line
  "issuer-not-org", // an issuer that is no organisation's name
  "date-future", // signed after the day of processing
  "valid-before-date", // validity ending before the signing
  "deadline-before-date", // a target due before the document was signed
] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export interface Anomaly {
  kind: AnomalyKind;
  /** where in the document: an outline path ("二/3"), "document", or "wrapper 1" (outermost first) */
  where: string;
  /** the offending text, as the parser gave it */
  text: string;
  /** why it is an anomaly, when the kind alone does not say */
  note?: string;
  /** offset in the normalised text, when the parser gave a span */
  at?: number;
}

export interface AnomalyOptions {
  /** the day the document is processed (YYYY-MM-DD); no document is signed after it. Default: today. */
  today?: string;
}

/** A body name longer than this is a sentence or two names run together. */
export const MAX_BODY_NAME = 25;
/** A heading title longer than this has usually swallowed the paragraph after it. */
export const MAX_HEADING_TITLE = 60;

// Words that hold 等 without meaning "and others": 高等学校, 中等职业学校 are bodies.
const WORDS_WITH_DENG = /高等|中等|初等|同等|平等|等级/g;
// What a body's name ends with; a 和/及/与 right after one joins two names (市发展改革委和市财政局), while inside a
// name (工业和信息化局, 住房和城乡建设厅) the word before it is no body.
const ORG_END = /(?:局|厅|委|委员会|办|办公室|政府|部|院|中心|公司|集团|署|行|所|站|社|会|处|队|馆|校|机构|机关|部门|单位|组|室)$/;
const JOINERS = /[和及与]/g;
// A collective after 和 (有关部门和单位) completes one generic name, not a second body.
const GENERIC_BODY = /^(?:各|有关|相关|其他|其它)*(?:单位|部门|机构|企业|组织)$/;
// A web page's chrome taken for a title: a breadcrumb, or a site name (…门户网站, 中国政府网). A document's title ends
// in what the document is (通知, 方案); a title about websites (政府网站集约化试点工作方案) still ends so.
const SITE_CHROME = /当前位置|您(?:现在|所在)?的位置|首页\s*[>＞›»]|(?:网站|门户|政府网|官网|首页)$/;
// A title line never ends in a colon (that is an addressee line: 国务院：) nor is it a parenthesis of its own
// (（民政部一九九七年一月二十八日） is a signature under a title).
const NOT_A_TITLE: Array<[RegExp, string]> = [
  [/[：:]$/, "ends in a colon: an addressee line"],
  [/^[（(][^（()）]*[）)]$/, "a parenthesis of its own: a signature or date line"],
  [/^\s*$/, "empty"],
];
// Issuers are names; a title fragment or sentence taken for one holds these.
const NOT_AN_ISSUER = /关于|[的，,。；;：:《》]/;
// A title ends at the next label (SCHEMA "Outline"), so one holding a label has swallowed the headings after it.
// Only labels no running text writes are looked for: （一） and ①; 一、 also ends words (知行合一、).
const LABEL_IN_TITLE = /[（(][一二三四五六七八九十]{1,3}[）)]|[①-⑳]/;
const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";

const norm = (s: string | null | undefined): string => (s ?? "").normalize("NFKC").replace(/\s+/g, "").replace(/^《|》$/g, "");
const where = (path: string[]): string => path.join("/");

/** Every anomaly of one parsed document, in reading order by kind. */
export function anomalies(parsed: ParsedFile, options: AnomalyOptions = {}): Anomaly[] {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const out: Anomaly[] = [];
  if (parsed.outline.length === 0) out.push({ kind: "no-outline", where: "document", text: parsed.document.title ?? parsed.source });
  out.push(...bodyAnomalies(parsed.outline));
  out.push(...titleAnomalies(parsed.outline));
  out.push(...sequenceAnomalies(parsed.outline));
  out.push(...quantityAnomalies(parsed));
  out.push(...metaAnomalies(parsed, today));
  return out;
}

/** Why a body name is no single body's name, or null when it may be one. */
export function bodyNameProblem(name: string): string | null {
  if (name.includes("的")) return "holds 的";
  if (name.replace(WORDS_WITH_DENG, "").includes("等")) return "holds 等";
  for (const m of name.matchAll(JOINERS)) {
    const i = m.index ?? 0;
    const left = name.slice(0, i);
    const right = name.slice(i + 1);
    if (ORG_END.test(left) && right.length > 0 && !GENERIC_BODY.test(right)) return `joins two names with ${m[0]}`;
  }
  return null;
}

function bodyAnomalies(outline: OutlineNode[]): Anomaly[] {
  const out: Anomaly[] = [];
  for (const n of outline) {
    const at = (name: string) => n.bodies?.find((b) => b.name === name)?.span.start;
    for (const u of n.units) {
      const problem = bodyNameProblem(u);
      if (problem) out.push(withAt({ kind: "body-name", where: where(n.path), text: u, note: problem }, at(u)));
      if ([...u].length > MAX_BODY_NAME) out.push(withAt({ kind: "body-long", where: where(n.path), text: u }, at(u)));
    }
    for (const l of n.lead) {
      if (!n.units.includes(l)) out.push(withAt({ kind: "lead-not-unit", where: where(n.path), text: l }, at(l)));
    }
  }
  return out;
}

function titleAnomalies(outline: OutlineNode[]): Anomaly[] {
  const out: Anomaly[] = [];
  // a heading with items under it is a section heading, whose title is short; an item's or an article's title is
  // its first sentence (SCHEMA), which may be long by right
  const parents = new Set(outline.filter((n) => n.path.length > 1).map((n) => n.path.slice(0, -1).join("/")));
  for (const n of outline) {
    const length = [...n.title].length;
    const section = parents.has(n.path.join("/")) && !(n.span?.rule ?? "").includes("article");
    if (length > MAX_HEADING_TITLE && section) {
      out.push(withAt({ kind: "title-long", where: where(n.path), text: n.title, note: `${length} characters` }, n.span?.start));
    } else if (n.title.trim() === "") {
      out.push(withAt({ kind: "title-empty", where: where(n.path), text: "" }, n.span?.start));
    }
    const label = LABEL_IN_TITLE.exec(n.title);
    if (label) out.push(withAt({ kind: "title-label", where: where(n.path), text: n.title, note: `holds ${label[0]}` }, n.span?.start));
  }
  return out;
}

/** The number a path label stands for: 三 → 3, 12 → 12, ③ → 3; null for a label that is no number. */
export function labelNumber(label: string): number | null {
  const circled = CIRCLED.indexOf(label);
  if (circled >= 0) return circled + 1;
  return numeralValue(label);
}

/**
 * Numbering: siblings count up by one; a level starts at 1, or runs on from the last number written at the same
 * depth under the previous parent (（一）…（四） under 一、, then （五） under 二、). A repeated path is a heading
 * read twice or two sequences merged.
 */
function sequenceAnomalies(outline: OutlineNode[]): Anomaly[] {
  const out: Anomaly[] = [];
  const seen = new Set<string>();
  const lastOfParent = new Map<string, { label: string; value: number | null }>();
  const lastAtDepth = new Map<number, number>();
  for (const n of outline) {
    const key = where(n.path);
    const label = n.path[n.path.length - 1] ?? "";
    const value = labelNumber(label);
    if (seen.has(key)) out.push(withAt({ kind: "duplicate-path", where: key, text: n.title }, n.span?.start));
    seen.add(key);
    const parent = where(n.path.slice(0, -1));
    const previous = lastOfParent.get(parent);
    if (value !== null) {
      if (previous === undefined) {
        const runOn = lastAtDepth.get(n.path.length);
        if (value !== 1 && (runOn === undefined || value !== runOn + 1)) {
          const note = runOn === undefined ? `starts at ${label}` : `starts at ${label}, the previous part ended at ${runOn}`;
          out.push(withAt({ kind: "outline-start", where: key, text: n.title, note }, n.span?.start));
        }
      } else if (previous.value !== null && value !== previous.value && value !== previous.value + 1) {
        out.push(withAt({ kind: "outline-gap", where: key, text: n.title, note: `${previous.label} then ${label}` }, n.span?.start));
      }
      lastAtDepth.set(n.path.length, value);
    }
    lastOfParent.set(parent, { label, value });
  }
  return out;
}

function quantityAnomalies(parsed: ParsedFile): Anomaly[] {
  const out: Anomaly[] = [];
  const signed = parsed.document.date ?? innermost(parsed.wrappers)?.date ?? null;
  for (const n of parsed.outline) {
    for (const q of n.quantities) {
      if (q.unit.trim() === "") out.push(withAt({ kind: "unit-missing", where: where(n.path), text: q.text }, q.span?.start));
      if (isEarlyTarget(q, signed)) {
        out.push(withAt({ kind: "deadline-before-date", where: where(n.path), text: q.text, note: `due ${q.deadline}, signed ${signed}` }, q.span?.start));
      }
    }
  }
  return out;
}

/** A target due before the document was signed is a baseline or a past figure, or the date is wrong. */
function isEarlyTarget(q: Quantity, signed: string | null): boolean {
  return q.kind === "target" && q.deadline !== null && signed !== null && q.deadline < signed;
}

function innermost(wrappers: DocMeta[]): DocMeta | undefined {
  return wrappers[wrappers.length - 1];
}

function metaAnomalies(parsed: ParsedFile, today: string): Anomaly[] {
  const out: Anomaly[] = [];
  const metas: Array<[string, DocMeta]> = [
    ...parsed.wrappers.map((w, i): [string, DocMeta] => [`wrapper ${i + 1}`, w]),
    ["document", parsed.document],
  ];
  const ownNumbers = new Set(metas.map(([, m]) => norm(m.docNumber)).filter((s) => s !== ""));
  const ownTitles = new Set(metas.map(([, m]) => norm(m.title)).filter((s) => s !== ""));
  for (const [label, m] of metas) {
    if (m.title !== null) {
      const problem = titleProblem(m.title);
      if (problem) out.push(withAt({ kind: "doc-title", where: label, text: m.title, note: problem }, m.spans?.title?.start));
    }
    m.issuers.forEach((issuer, k) => {
      if (NOT_AN_ISSUER.test(issuer) || !isOrgName(issuer)) {
        out.push(withAt({ kind: "issuer-not-org", where: label, text: issuer }, m.spans?.issuers?.[k]?.start));
      }
    });
    if (m.date !== null && m.date > today) {
      out.push(withAt({ kind: "date-future", where: label, text: m.date, note: `processed ${today}` }, m.spans?.date?.start));
    }
    if (m.validUntil !== null && m.date !== null && m.validUntil < m.date) {
      out.push(withAt({ kind: "valid-before-date", where: label, text: m.validUntil, note: `signed ${m.date}` }, m.spans?.validUntil?.start));
    }
    for (const c of m.cites) {
      const number = norm(c.docNumber);
      const title = norm(c.title);
      if ((number !== "" && ownNumbers.has(number)) || (title !== "" && ownTitles.has(title))) {
        const text = `${c.title ? `《${c.title}》` : ""}${c.docNumber ?? ""}`;
        out.push(withAt({ kind: "self-citation", where: label, text }, c.span?.start));
      }
    }
  }
  return out;
}

/** Why a document's title is no title (site chrome, an addressee or signature line), or null. */
export function titleProblem(title: string): string | null {
  if (SITE_CHROME.test(title)) return "site name or breadcrumb";
  for (const [re, why] of NOT_A_TITLE) if (re.test(title)) return why;
  return null;
}

function withAt(a: Anomaly, at: number | undefined): Anomaly {
  return at === undefined ? a : { ...a, at };
}
