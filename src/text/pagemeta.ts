/**
 * A web page's metadata block (索引号 / 发布机构 / 成文日期 / 文号 / 标题 …, as a table or as one line such as
 * "信息来源:本网 时间:2019-08-30 字体:[大][中][小]") describes the document but is not part of it: its values
 * go to PageMeta and its lines leave the text.
 */
import type { PageMeta } from "./types.js";

type Field = "issuer" | "source" | "date" | "posted" | "docNumber" | "title" | null;

/** Labels and what they tell. Only 成文日期 is the date of issue; every other date is when the page went up. */
const LABELS: Record<string, Field> = {
  索引号: null, 索取号: null, 主题分类: null, 主题词: null, 体裁分类: null, 组配分类: null, 服务对象: null,
  公文种类: null, 文件类型: null, 分类: null, 有效性: null, 时效性: null, 是否有效: null, 关键词: null, 作者: null,
  责任编辑: null, 编辑: null, 字号: null, 字体: null, 视力保护色: null, 浏览次数: null, 阅读次数: null, 访问次数: null,
  发文日期: null, 印发日期: null, 生效日期: null, 实施日期: null, 施行日期: null, 废止日期: null, 失效日期: null,
  统一编号: null, 文件状态: null, 公开方式: null, 公开范围: null,
  发布机构: "issuer", 发布机关: "issuer", 发文机关: "issuer", 发文单位: "issuer", 发布单位: "issuer", 制发机关: "issuer",
  信息来源: "source", 文章来源: "source", 来源: "source",
  成文日期: "date", 成文时间: "date",
  发布日期: "posted", 发布时间: "posted", 公开日期: "posted", 公开时间: "posted", 更新时间: "posted", 更新日期: "posted",
  日期: "posted", 时间: "posted",
  文号: "docNumber", 发文字号: "docNumber", 发文文号: "docNumber", 文件编号: "docNumber",
  标题: "title", 名称: "title", 文件名称: "title",
};

/** Labels that also head lines of a document's own text (a 会议通知's 时间：…); alone on a line they are no metadata. */
const GENERIC = new Set(["时间", "日期", "来源", "名称", "标题", "分类", "作者", "编辑", "关键词", "字号", "字体"]);

// tables space labels out to a common width: 标　　题, 索 引 号
const GAP = "[\\s\\u00a0\\u3000]*";
const NAMES = Object.keys(LABELS)
  .sort((a, b) => b.length - a.length)
  .map((l) => [...l].join(GAP))
  .join("|");
const LABEL_AT = new RegExp(`(${NAMES})${GAP}[:：]`, "g");
const LABEL_FIRST = new RegExp(`^(${NAMES})${GAP}[:：]`);
const LABEL_CELL = new RegExp(`^(${NAMES})${GAP}[:：]?$`);

function label(raw: string): string {
  return raw.replace(/[\s\u00a0\u3000]+/g, "");
}

export interface MetaPair {
  label: string;
  value: string;
}

/**
 * The label/value pairs a line consists of, or null when the line is text. A line of tab-separated cells
 * (a metadata table row) may give labels and values in separate cells.
 */
export function parseMetaLine(line: string, strict: boolean): MetaPair[] | null {
  const s = line.trim();
  if (s === "") return null;
  // "2020-03-13 16:39 来源：中国政府网": a posting time without its label opens the line
  const stamp = STAMP.exec(s);
  if (stamp && (stamp[2] || !strict)) {
    const rest = s.slice(stamp[0].length).trim();
    const after = rest === "" ? [] : linePairs(rest);
    if (after) return [{ label: "发布时间", value: stamp[1]! }, ...after];
  }
  const pairs = s.includes("\t") ? cellPairs(s.split("\t")) : linePairs(s);
  if (!pairs || pairs.length === 0) return null;
  // …unless a table row sets the label apart in its own cell with a colon (「名称：」), as no document's table does
  if (pairs.length === 1 && strict && GENERIC.has(pairs[0]!.label) && !/^[^\t]*[:：][\s\u00a0\u3000]*\t/.test(s)) return null;
  // a body sentence that merely opens with 来源： carries a long value; metadata values are short
  if (pairs.length === 1 && pairs[0]!.value.length > 80) return null;
  return pairs;
}

/** an ISO-style date with an optional clock time: how a CMS stamps a page, never how a document dates itself */
const STAMP = /^(\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?)(?![\d:])/;

function linePairs(s: string): MetaPair[] | null {
  // most lines are text: refuse them before looking for labels all along the line
  if (!LABEL_FIRST.test(s)) return null;
  const hits = [...s.matchAll(LABEL_AT)];
  if (hits.length === 0 || hits[0]!.index !== 0) return null;
  const pairs: MetaPair[] = [];
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    const end = i + 1 < hits.length ? hits[i + 1]!.index! : s.length;
    pairs.push({ label: label(h[1]!), value: s.slice(h.index! + h[0].length, end).trim() });
  }
  return pairs;
}

function cellPairs(cells: string[]): MetaPair[] | null {
  const pairs: MetaPair[] = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!.trim();
    if (c === "") continue;
    const bare = LABEL_CELL.exec(c);
    if (bare) {
      pairs.push({ label: label(bare[1]!), value: (cells[i + 1] ?? "").trim() });
      i++;
      continue;
    }
    const inline = linePairs(c);
    if (!inline) return null;
    pairs.push(...inline);
  }
  return pairs;
}

/** "2019-08-30 10:00", "2019年8月30日", "2019/8/30" → "2019-08-30"; anything else as written */
export function isoDate(value: string): string | undefined {
  const m = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** A 信息来源 of 本网/本站 names the site, not a body. */
function bodyName(value: string): string | undefined {
  const v = value.replace(/\s+/g, "").replace(/[。；;，,]+$/, "");
  if (!/[\u4e00-\u9fff]{2}/.test(v) || v.length > 60) return undefined;
  if (/^(本网|本站|本网站|网站|原创|转载|其他|其它)/.test(v)) return undefined;
  // a site or a newspaper is where the page came from, not who issued the document
  if (/(政府网|门户网|网站|新闻网|日报|晚报|新华社)$/.test(v)) return undefined;
  return v;
}

/** Accumulates pairs into PageMeta; the first value seen for a field wins. */
export class MetaCollector {
  private source?: string;
  readonly meta: PageMeta = {};

  add(pairs: MetaPair[]): void {
    for (const { label, value } of pairs) {
      const field = LABELS[label];
      const v = value.trim();
      if (!field || v === "") continue;
      // a table cell lists joint issuers with commas; the text lists them with 、
      if (field === "issuer") this.meta.issuer ??= bodyName(v.replace(/\s*[,，]\s*/g, "、"));
      else if (field === "source") this.source ??= bodyName(v);
      else if (field === "date") this.meta.date ??= isoDate(v);
      else if (field === "posted") this.meta.postedDate ??= isoDate(v);
      else if (field === "docNumber") this.meta.docNumber ??= v.replace(/\s+/g, "");
      else if (field === "title") this.meta.title ??= v.replace(/[\s\u00a0\u3000]+/g, " ");
    }
  }

  /**
   * 发布机构 names the issuer; a 信息来源 counts only when no 发布机构 was given. A page that republishes
   * another body's document (「（转载）」) names itself as 发布机构, so only a 信息来源 can name the issuer.
   */
  result(opts: { republished?: boolean } = {}): PageMeta {
    const m = { ...this.meta };
    if (opts.republished) delete m.issuer;
    if (!m.issuer && this.source) m.issuer = this.source;
    for (const k of Object.keys(m) as (keyof PageMeta)[]) if (m[k] === undefined) delete m[k];
    return m;
  }
}
