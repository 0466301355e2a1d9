/**
 * HTML → the document's text, one paragraph per line, as a person reads the page: the title heading, the
 * body in reading order, data tables as tab-separated rows. Site navigation, toolbars, related links and
 * footers are dropped; a metadata block goes to PageMeta.
 *
 * The page is linearised once into lines that remember where in the DOM they start. The main content
 * container is the smallest element holding most of the page's non-link Chinese text; the document is the
 * span from the title heading (which sites often put outside that container) to the container's end, plus a
 * short tail of sibling lines (a signature block some templates set apart), minus furniture lines. When the
 * document sets its title again below its 文号, the page's heading is not repeated in front of it.
 *
 * The tree is htmlparser2's (what cheerio builds on): a forgiving tokenizer without HTML5 tree construction,
 * several times cheaper than a full browser-grade DOM, and enough for reading order.
 */
import { Text, type AnyNode, type Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import { isChromeLine, isStopLine } from "./chrome.js";
import { MetaCollector, parseMetaLine, type MetaPair } from "./pagemeta.js";
import { isSiteHeading, isSiteName, squash, titleFromPageTitle, titleSegments, withoutRepostMarker } from "./pagetitle.js";
import type { PageMeta } from "./types.js";

/** A page the reader refuses: nested so deep that parsing it would take minutes. */
export class HtmlError extends Error {}

/** Elements that never hold another of their kind open (void ones, and those a parser closes by the next). */
const NON_NESTING = new Set([
  "br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "param", "source", "track", "wbr",
  "p", "li", "dt", "dd", "tr", "td", "th", "option",
]);
/** The parser keeps its open elements in an array it shifts at the front: time grows with the square of the depth. */
const MAX_NESTING = 20_000;

/** where a script's or a style's raw text ends */
const RAW_END: Record<string, RegExp> = { script: /<\/script/gi, style: /<\/style/gi };

function isTagChar(c: number, first: boolean): boolean {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return letter || (!first && c >= 48 && c <= 57);
}

/**
 * How deep the page's tags nest at most, in one pass over the characters without building anything. Script and
 * style bodies are skipped, so that comparisons in code (a<b) do not count as tags.
 */
function nestingDepth(html: string): number {
  const n = html.length;
  let depth = 0;
  let max = 0;
  let i = html.indexOf("<");
  while (i >= 0 && i < n - 1) {
    let j = i + 1;
    const close = html.charCodeAt(j) === 47;
    if (close) j++;
    const nameStart = j;
    while (j < n && j - nameStart < 20 && isTagChar(html.charCodeAt(j), j === nameStart)) j++;
    if (j === nameStart) {
      i = html.indexOf("<", i + 1);
      continue;
    }
    // the tag ends at the next '>', unless another '<' comes first (then this was no tag)
    let k = j;
    while (k < n && html.charCodeAt(k) !== 62 && html.charCodeAt(k) !== 60) k++;
    if (k >= n) break;
    if (html.charCodeAt(k) === 60) {
      i = k;
      continue;
    }
    const name = html.slice(nameStart, j).toLowerCase();
    if (close) depth = Math.max(0, depth - 1);
    else if (html.charCodeAt(k - 1) !== 47 && !NON_NESTING.has(name)) max = Math.max(max, ++depth);
    if (!close && (name === "script" || name === "style")) {
      const re = RAW_END[name]!;
      re.lastIndex = k;
      const end = re.exec(html);
      if (!end) break;
      i = end.index;
      continue;
    }
    i = html.indexOf("<", k + 1);
  }
  return max;
}

export interface HtmlText {
  text: string;
  meta: PageMeta;
  warnings: string[];
}

const SKIP = new Set([
  "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "select", "option",
  "button", "input", "textarea", "head", "audio", "video", "map", "link", "meta", "nav", "aside", "footer", "title",
]);

const BLOCK = new Set([
  "address", "article", "blockquote", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
  "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main",
  "menu", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul",
  "caption", "body", "html",
]);

/** ids and classes the CMSs of government sites give their article body */
const CONTENT_NAME =
  /^(zoom|content|contents|article|articles|TRS_Editor|TRS_UEDITOR|Custom_UnionStyle|UCAP-CONTENT|pages_content|article-content|article_content|art_con|zw|zwnr|zw_content|detail|detail-content|main-text|conTxt|view|wzy)$/i;

const TITLE_NAME = /(^|[-_\s])(title|tit|biaoti|bt|headline|article-title|sp_title)([-_\s]|$)|title/i;

const CJK_CHAR = "\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f";
/** a line break in the source between two Chinese characters is the author's editor wrapping, not a space */
const CJK_WRAP = new RegExp(`([${CJK_CHAR}])[ \\t\\r]*\\n[ \\t\\r\\n]*(?=[${CJK_CHAR}])`, "g");

/** Han characters (U+3400–U+9FFF, compatibility ideographs) in a text, counted without building a list of matches */
function cjkCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) n++;
  }
  return n;
}

interface Line {
  text: string;
  /** document-order index of the first node that contributed text */
  start: number;
  /** characters inside <a href> */
  linkChars: number;
  chars: number;
  row: boolean;
}

function isElement(n: AnyNode): n is Element {
  return n.type === "tag" || n.type === "script" || n.type === "style";
}

function isHidden(el: Element): boolean {
  // a page that hides its whole body until its scripts have run (visibility:hidden on <body>) shows it to a reader
  if (el.name === "body" || el.name === "html") return false;
  if (el.attribs["hidden"] !== undefined) return true;
  const style = el.attribs["style"];
  return !!style && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

function skipped(el: Element): boolean {
  return SKIP.has(el.name) || isHidden(el);
}

function nameTokens(el: Element): string[] {
  // the document root has no attributes
  return `${el.attribs?.["id"] ?? ""} ${el.attribs?.["class"] ?? ""}`.split(/\s+/).filter(Boolean);
}

/** Document order of every node, and the non-link Chinese character count of every element. */
class PageIndex {
  readonly order = new Map<AnyNode, number>();
  readonly last = new Map<AnyNode, number>();
  readonly cjk = new Map<Element, number>();
  private n = 0;

  constructor(root: AnyNode) {
    this.visit(root, false);
  }

  private visit(node: AnyNode, inLink: boolean): number {
    this.order.set(node, this.n++);
    let count = 0;
    if (node.type === "text") {
      count = inLink ? 0 : cjkCount(node.data);
    } else if (isElement(node) || node.type === "root") {
      const el = node as Element;
      const link = inLink || (isElement(node) && el.name === "a" && el.attribs["href"] !== undefined);
      if (!(isElement(node) && skipped(el))) {
        for (const c of el.children) count += this.visit(c, link);
      }
      if (isElement(node)) this.cjk.set(el, count);
    }
    this.last.set(node, this.n - 1);
    return count;
  }

  contains(outer: AnyNode, order: number): boolean {
    return order >= this.order.get(outer)! && order <= this.last.get(outer)!;
  }
}

/** Linearises a subtree into lines: blocks break lines, data tables become tab-separated rows. */
class Linearizer {
  readonly lines: Line[] = [];
  private buf = "";
  private start = -1;
  private link = 0;

  /** @param layout tables known to be page layout (those around the main content) */
  constructor(
    private readonly index: PageIndex,
    private readonly layout: ReadonlySet<Element> = new Set(),
  ) {}

  run(node: AnyNode): Line[] {
    this.walk(node, false, false);
    this.flush();
    return this.lines;
  }

  private walk(node: AnyNode, inLink: boolean, pre: boolean): void {
    if (node.type === "text") {
      this.addText(node.data, this.index.order.get(node) ?? 0, inLink, pre);
      return;
    }
    if (!(isElement(node) || node.type === "root")) return;
    const el = node as Element;
    if (isElement(node)) {
      if (skipped(el)) return;
      if (el.name === "br") {
        this.flush();
        return;
      }
      if (el.name === "table" && !this.layout.has(el) && this.dataTable(el)) {
        this.flush();
        this.table(el);
        return;
      }
    }
    const block = isElement(node) && BLOCK.has(el.name);
    const link = inLink || (el.name === "a" && el.attribs?.["href"] !== undefined);
    const inPre = pre || el.name === "pre";
    if (block) this.flush();
    for (const c of el.children) this.walk(c, link, inPre);
    if (block) this.flush();
  }

  private addText(data: string, order: number, inLink: boolean, pre: boolean): void {
    if (pre) {
      const parts = data.split(/\r?\n/);
      parts.forEach((p, i) => {
        if (i > 0) this.flush();
        this.append(p, order, inLink);
      });
      return;
    }
    const text = data.replace(CJK_WRAP, "$1").replace(/[ \t\r\n\f]+/g, " ");
    this.append(text, order, inLink);
  }

  private append(text: string, order: number, inLink: boolean): void {
    if (text === "") return;
    if (this.start < 0 && text.trim() !== "") this.start = order;
    this.buf += text;
    if (inLink) this.link += text.replace(/\s/g, "").length;
  }

  flush(): void {
    const text = this.buf.replace(/ {2,}/g, " ").replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g, "");
    if (text !== "") {
      this.lines.push({ text, start: this.start, linkChars: this.link, chars: text.replace(/\s/g, "").length, row: false });
    }
    this.buf = "";
    this.start = -1;
    this.link = 0;
  }

  private rows(table: Element): Element[][] {
    const rows: Element[][] = [];
    const visit = (el: Element): void => {
      for (const c of el.children) {
        if (!isElement(c) || skipped(c)) continue;
        if (c.name === "tr") rows.push(c.children.filter((x): x is Element => isElement(x) && (x.name === "td" || x.name === "th") && !skipped(x)));
        else if (c.name === "thead" || c.name === "tbody" || c.name === "tfoot") visit(c);
      }
    };
    visit(table);
    return rows;
  }

  /**
   * Whether a table holds data (rows of short cells) rather than page layout (a cell holding the article,
   * nested tables). Layout tables are read as blocks.
   */
  private dataTable(table: Element): boolean {
    const rows = this.rows(table);
    if (rows.length === 0 || Math.max(...rows.map((r) => r.length)) < 2) return false;
    for (const row of rows) {
      for (const cell of row) {
        if (hasDescendant(cell, (e) => e.name === "table")) return false;
        const lines = new Linearizer(this.index).run(cell);
        const chars = lines.reduce((n, l) => n + l.chars, 0);
        if (chars > 400 || lines.length > 8) return false;
      }
    }
    return true;
  }

  private table(table: Element): void {
    for (const row of this.rows(table)) {
      const cells = row.map((cell) => {
        const lines = new Linearizer(this.index).run(cell);
        return { text: lines.map((l) => l.text).join(" ").replace(/\t/g, " "), link: lines.reduce((n, l) => n + l.linkChars, 0) };
      });
      const text = cells.map((c) => c.text).join("\t");
      if (text.replace(/\t/g, "").trim() === "") continue;
      this.lines.push({
        text,
        start: this.index.order.get(row[0] ?? table) ?? 0,
        linkChars: cells.reduce((n, c) => n + c.link, 0),
        chars: text.replace(/\s/g, "").length,
        row: true,
      });
    }
  }
}

function hasDescendant(el: Element, test: (e: Element) => boolean): boolean {
  for (const c of el.children) {
    if (isElement(c) && (test(c) || hasDescendant(c, test))) return true;
  }
  return false;
}

/** The smallest element that still holds most of the page's non-link Chinese text, and more than one paragraph. */
function mainContainer(body: Element, index: PageIndex): Element {
  const total = index.cjk.get(body) ?? 0;
  let node = body;
  for (;;) {
    let best: Element | undefined;
    for (const c of node.children) {
      if (isElement(c) && !skipped(c) && (!best || (index.cjk.get(c) ?? 0) > (index.cjk.get(best) ?? 0))) best = c;
    }
    if (!best) break;
    const share = index.cjk.get(best) ?? 0;
    if (share < 0.6 * total || share === 0) break;
    // a container holds paragraphs: one long paragraph beside a short addressee line is not the document
    if (!hasDescendant(best, (e) => BLOCK.has(e.name) || e.name === "br")) break;
    // a known article container keeps its title and signature: stop unless one child holds nearly all of it
    const known = nameTokens(node).some((t) => CONTENT_NAME.test(t));
    if (known && share < 0.95 * (index.cjk.get(node) ?? 0)) break;
    node = best;
  }
  return node;
}

/** @param raw take the text of skipped elements too (<title> is one) */
function textOf(el: Element, raw = false): string {
  let s = "";
  const visit = (n: AnyNode): void => {
    if (n.type === "text") s += n.data;
    else if (isElement(n) && (raw || !skipped(n))) n.children.forEach(visit);
  };
  visit(el);
  return s;
}

/**
 * The document's title heading when the page puts it before the content container: an h1–h4 or an element
 * called *title*, matching the page's <title>/ArticleTitle when possible, else the nearest long heading.
 */
function outsideTitle(body: Element, container: Element, index: PageIndex, known: string[], siteNames: readonly string[]): Element | undefined {
  const cStart = index.order.get(container)!;
  const candidates: Element[] = [];
  const visit = (el: Element): void => {
    for (const c of el.children) {
      if (!isElement(c) || skipped(c)) continue;
      const o = index.order.get(c)!;
      if (o >= cStart) return;
      const heading = /^h[1-4]$/.test(c.name) || nameTokens(c).some((t) => TITLE_NAME.test(t));
      if (heading && !index.contains(c, cStart)) candidates.push(c);
      visit(c);
    }
  };
  visit(body);
  let nearest: Element | undefined;
  let matching: Element | undefined;
  for (const c of candidates) {
    const t = squash(withoutRepostMarker(textOf(c)).title);
    const cjk = cjkCount(t);
    if (t.length < 4 || t.length > 200 || cjk < 4 || isChromeLine(t) || isSiteName(t, siteNames)) continue;
    if (hasDescendant(c, (e) => e.name === "a" && squash(textOf(e)).length > t.length / 2)) continue;
    if (known.some((k) => k === t || (k.length >= 8 && (k.startsWith(t) || t.startsWith(k))))) matching = c;
    else if (t.length >= 8 && cjk >= 6) nearest = c;
  }
  return matching ?? nearest;
}

/**
 * The page's title heading is dropped when the document sets the title again itself before its first paragraph
 * (below a 文号, say): the copy in the document stands where the document puts it. A title that only comes
 * after a paragraph (a 令 announcing the rules that follow) is the inner document's, and the heading stays.
 */
function dropRepeatedHeading(kept: string[]): void {
  const first = kept[0];
  if (first === undefined) return;
  const title = squash(withoutRepostMarker(first).title);
  for (let i = 1; i < kept.length && i <= REPEAT_WINDOW; i++) {
    const l = kept[i]!;
    if (squash(withoutRepostMarker(l).title) === title) {
      kept.shift();
      return;
    }
    if (squash(l).length > PARAGRAPH || /[。；;]$/.test(l)) return;
  }
}

/** characters of document read before a related-links heading can end it: more than a title */
const STOP_AFTER = 100;

/** lines before a repeated title: a 文号, a 签发人, a 密级 — a handful at most */
const REPEAT_WINDOW = 8;
/** a line longer than this, or ending a sentence, is a paragraph, not a heading */
const PARAGRAPH = 60;

function linkHeavy(l: Line): boolean {
  return !l.row && l.chars > 0 && l.linkChars / l.chars >= 0.6;
}

/**
 * Deeper than this, an element's subtree is read as its bare text. No page nests blocks this deep, but a run of
 * unclosed inline tags (<font> after <font> from a broken editor) can, and the walks over the tree recurse.
 */
const MAX_DEPTH = 400;

function flattenDeep(root: Element): void {
  const stack: [Element, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    for (const c of el.children) {
      if (!isElement(c)) continue;
      if (depth + 1 >= MAX_DEPTH) flatten(c);
      else stack.push([c, depth + 1]);
    }
  }
}

/** Replaces an element's children by one text node holding their text, read without recursion. */
function flatten(el: Element): void {
  let s = "";
  const todo: AnyNode[] = [...el.children].reverse();
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (n.type === "text") s += n.data;
    else if (isElement(n) && !skipped(n)) for (let i = n.children.length - 1; i >= 0; i--) todo.push(n.children[i]!);
  }
  const text = new Text(s);
  text.parent = el;
  el.children = [text];
}

/** The page's <title>, its <body> and its <meta name=… content=…> pairs, found in one walk of the tree. */
function pageHead(root: AnyNode): { title: string; body: Element | undefined; metas: Map<string, string> } {
  let title: string | undefined;
  let body: Element | undefined;
  const metas = new Map<string, string>();
  const visit = (n: AnyNode): void => {
    if (!(isElement(n) || n.type === "root")) return;
    const el = n as Element;
    if (isElement(n)) {
      if (el.name === "title" && title === undefined) title = textOf(el, true);
      else if (el.name === "body" && !body) body = el;
      else if (el.name === "meta") {
        const name = el.attribs["name"]?.toLowerCase();
        if (name && !metas.has(name)) metas.set(name, (el.attribs["content"] ?? "").trim());
      }
    }
    for (const c of el.children) visit(c);
  };
  visit(root);
  return { title: (title ?? "").trim(), body, metas };
}

export function htmlToText(html: string): HtmlText {
  const depth = nestingDepth(html);
  if (depth > MAX_NESTING) throw new HtmlError(`网页结构嵌套过深（${depth} 层，上限 ${MAX_NESTING} 层），无法读取`);
  const root = parseDocument(html, { decodeEntities: true }) as unknown as Element;
  flattenDeep(root);
  const warnings: string[] = [];
  const collector = new MetaCollector();

  const head = pageHead(root);
  const metaNamed = (name: string): string => head.metas.get(name.toLowerCase()) ?? "";
  const pageTitle = head.title;
  const articleTitle = withoutRepostMarker(metaNamed("ArticleTitle")).title;
  // the names a site gives itself and its column, which its <title> repeats beside the document's
  const siteNames = [metaNamed("SiteName"), metaNamed("ColumnName")];
  const headPairs: MetaPair[] = [
    { label: "标题", value: articleTitle },
    { label: "发布日期", value: metaNamed("PubDate") || metaNamed("firstpublishedtime") },
    { label: "来源", value: metaNamed("ContentSource") },
  ];

  const body = head.body ?? root;
  const index = new PageIndex(root);
  const container = mainContainer(body, index);
  // a table that holds the article is layout however short its cells look
  const layout = new Set<Element>();
  for (let p: Element | null = container; p; p = p.parent as Element | null) if (p.name === "table") layout.add(p);
  const lines = new Linearizer(index, layout).run(body);

  const known = [squash(articleTitle), ...titleSegments(pageTitle, siteNames)].filter((s) => s.length >= 4);
  const titleEl = container === body ? undefined : outsideTitle(body, container, index, known, siteNames);
  const from = index.order.get(titleEl ?? container)!;
  const to = index.last.get(container)!;

  const kept: string[] = [];
  const consider = (l: Line, inContainer: boolean): "keep" | "drop" | "stop" => {
    if (!l.row && l.chars <= 20 && isStopLine(l.text)) return "stop";
    const pairs = parseMetaLine(l.text, inContainer);
    if (pairs) {
      collector.add(pairs);
      return "drop";
    }
    if (isChromeLine(l.text) || linkHeavy(l) || isSiteHeading(l.text, siteNames)) return "drop";
    return "keep";
  };

  let keptChars = 0;
  let i = 0;
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.start < from) continue;
    if (l.start > to) break;
    const inContainer = l.start >= index.order.get(container)!;
    const verdict = consider(l, inContainer);
    // a related-links box above the document (a broad container takes it in) ends nothing yet
    if (verdict === "stop" && keptChars >= STOP_AFTER) break;
    if (verdict === "keep") {
      kept.push(l.text);
      keptChars += l.chars;
    }
  }
  // a signature block or date that the template sets after the container, within the same parent
  const parent = container.parent as Element | null;
  if (parent && container !== body && (i >= lines.length || lines[i]!.start > to)) {
    let tail = 0;
    for (; i < lines.length && tail < 10; i++) {
      const l = lines[i]!;
      if (!index.contains(parent, l.start)) break;
      const pairs = parseMetaLine(l.text, true);
      if (pairs) {
        collector.add(pairs);
        break;
      }
      if (isStopLine(l.text) || isChromeLine(l.text) || linkHeavy(l) || l.chars > 300) break;
      kept.push(l.text);
      tail++;
    }
  }
  // metadata tables elsewhere on the page (above the title, in a side box) still describe the document
  for (const l of lines) {
    if (l.start >= from && l.start <= to) continue;
    const pairs = parseMetaLine(l.text, true);
    if (pairs) collector.add(pairs);
  }
  collector.add(headPairs);

  const reposted = [metaNamed("ArticleTitle"), pageTitle, collector.meta.title ?? ""].some((t) => withoutRepostMarker(t).reposted);
  const meta = collector.result({ republished: reposted });
  if (meta.title) meta.title = withoutRepostMarker(meta.title).title;
  if (!meta.title && !articleTitle) {
    const t = titleFromPageTitle(pageTitle, siteNames);
    if (t) meta.title = t;
  }
  // the title heading of a republished document carries the republisher's marker, not the document's words
  if (kept.length > 0) kept[0] = withoutRepostMarker(kept[0]!).title;
  dropRepeatedHeading(kept);
  if (kept.length === 0 && lines.length > 0) warnings.push("网页的主体部分中没有找到文件正文");
  return { text: kept.join("\n"), meta, warnings };
}
