/**
 * What a page says its document is called. A page's <title> joins the document's title with the site's name
 * and sometimes the column's ("标题 - 某市人民政府门户网站", "政策文件_某某局_标题"); only the document's title
 * is a title. A page that republishes another body's document marks its title 「（转载）」.
 */
import { isChromeLine } from "./chrome.js";

/** 「（转载）」「【转载】」「(转自某某网)」 before a title: the page republishes someone else's document */
const REPOST = /^[\s\u3000]*[（(【[]\s*(转载|转自[^）)】\]]{0,30})\s*[）)】\]][\s\u3000]*/;

/** Words a site, a portal section or a publishing platform is named with; a document title never ends in them. */
const SITE_ENDINGS = ["门户网站", "网站", "政府网", "信息网", "新闻网", "在线", "信息公开平台", "信息公开", "发布平台", "公开平台", "频道", "首页"];
const SITE_NAME = new RegExp(`(${SITE_ENDINGS.join("|")})$`);

export function squash(s: string): string {
  return s.replace(/[\s\u00a0\u3000]+/g, "");
}

/** Whether a heading or <title> segment names the site or its column rather than a document. */
export function isSiteName(text: string, siteNames: readonly string[] = []): boolean {
  const t = squash(text);
  return SITE_NAME.test(t) || siteNames.some((n) => n !== "" && squash(n) === t);
}

/**
 * A line naming the site in the page's frame (「某某街道办事处政府信息公开」 over a site whose SiteName is
 * 某某街道办事处): it opens with the site's own name and ends like a site. A document's line that merely ends in
 * 信息公开 (「三、加强政府信息公开」) does not open with the site's name.
 */
export function isSiteHeading(line: string, siteNames: readonly string[]): boolean {
  const t = squash(line);
  if (t.length > 40 || !SITE_NAME.test(t)) return false;
  return siteNames.some((n) => squash(n).length >= 4 && t.startsWith(squash(n)));
}

/** The title without a republication marker, and whether it had one. */
export function withoutRepostMarker(title: string): { title: string; reposted: boolean } {
  const m = REPOST.exec(title);
  return m ? { title: title.slice(m[0].length), reposted: true } : { title, reposted: false };
}

/**
 * The segments of a <title> that may be the document's title: not a site or column name (as the page's
 * SiteName/ColumnName meta give them, or by their ending), not toolbar words, not a breadcrumb's short parts.
 */
export function titleSegments(pageTitle: string, siteNames: readonly string[] = []): string[] {
  return pageTitle
    .split(/\s*[_|｜>＞»]\s*|\s+[-—–]+\s+|--|——/)
    .map((s) => squash(withoutRepostMarker(s).title))
    .filter((s) => s.length >= 4 && !isSiteName(s, siteNames) && !isChromeLine(s));
}

/** The document's title among a <title>'s segments: the longest, since sites name columns briefly. */
export function titleFromPageTitle(pageTitle: string, siteNames: readonly string[] = []): string | undefined {
  let best: string | undefined;
  for (const s of titleSegments(pageTitle, siteNames)) if (!best || s.length > best.length) best = s;
  return best;
}
