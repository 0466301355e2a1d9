/**
 * Renders a plain-text document (one paragraph per line, tab-separated rows for a table) in the other formats
 * the readers take, the way they reach us in the wild: an HTML page with a government site's navigation
 * around it, a Word document with a real table, a PDF printed by Chromium with a CJK font.
 */
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { chromium, type Browser } from "playwright-core";

export type Block = { kind: "p"; text: string } | { kind: "table"; rows: string[][] };

/** Non-empty lines become paragraphs; consecutive lines with tabs become one table. */
export function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    if (raw.includes("\t")) {
      const cells = raw.split("\t").map((c) => c.trim());
      const last = blocks[blocks.length - 1];
      if (last?.kind === "table") last.rows.push(cells);
      else blocks.push({ kind: "table", rows: [cells] });
    } else blocks.push({ kind: "p", text: line });
  }
  return blocks;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function bodyHtml(blocks: Block[]): string {
  return blocks
    .map((b) =>
      b.kind === "p"
        ? `<p>${escapeHtml(b.text)}</p>`
        : `<table border="1" cellspacing="0">${b.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("\n")}</table>`,
    )
    .join("\n");
}

/**
 * A page as a municipal portal serves it: header, menu, breadcrumb, toolbar, a metadata line with the
 * posting date, the document in div#zoom, share buttons, related links, footer, scripts and styles.
 */
export function sitePage(text: string, opts: { charset?: string; pageTitle?: string } = {}): string {
  const first = blocksOf(text).find((b): b is Block & { kind: "p" } => b.kind === "p")?.text ?? "";
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=${opts.charset ?? "utf-8"}">
<title>${escapeHtml(opts.pageTitle ?? first)}_江门市人民政府门户网站</title>
<style>.nav li{display:inline} #zoom p{text-indent:2em}</style>
<script>var _hmt = _hmt || []; document.write("<p>统计代码</p>");</script>
</head>
<body>
<div class="header"><div class="logo">江门市人民政府门户网站</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zcwj/">政策文件</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="top-tools"><a href="#">无障碍</a> | <a href="#">长者助手</a> | <a href="#">繁体版</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zcwj/">政策文件</a></div>
<div class="main">
  <div class="info">发布日期：2020-06-05&nbsp;&nbsp;浏览次数：1024&nbsp;&nbsp;字号：<a href="#">【大</a> <a href="#">中</a> <a href="#">小】</a></div>
  <div id="zoom" class="article-content">
${bodyHtml(blocksOf(text))}
  </div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
  <div class="tools"><a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
  <div class="related"><h3>相关链接</h3><ul>
    <li><a href="/a/1.html">江门市人民政府关于进一步做好稳就业工作的实施意见</a></li>
    <li><a href="/a/2.html">关于印发江门市促进消费若干措施的通知</a></li></ul></div>
</div>
<div class="footer"><p>主办：江门市人民政府办公室　承办：江门市政务服务数据管理局</p>
<p>版权所有：江门市人民政府 粤ICP备05002588号 网站标识码：4407000002</p></div>
<script>console.log("footer")</script>
</body>
</html>`;
}

const NUMBERING = {
  config: [
    {
      reference: "cn-outline",
      levels: [
        { level: 0, format: LevelFormat.CHINESE_COUNTING, text: "%1、", alignment: AlignmentType.START },
        { level: 1, format: LevelFormat.CHINESE_COUNTING, text: "（%2）", alignment: AlignmentType.START },
        { level: 2, format: LevelFormat.DECIMAL, text: "%3.", alignment: AlignmentType.START },
      ],
    },
  ],
};

/** A Word document: a paragraph per line, each block of tab-separated rows a real table. */
export async function docxOf(text: string): Promise<Buffer> {
  const children: (Paragraph | Table)[] = blocksOf(text).map((b) =>
    b.kind === "p"
      ? new Paragraph({ children: [new TextRun({ text: b.text, font: "仿宋_GB2312" })] })
      : new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.rows.map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph(c)] })) })),
        }),
  );
  return Packer.toBuffer(new Document({ numbering: NUMBERING, sections: [{ children }] }));
}

/** Paragraphs with Word's automatic numbering: the labels exist only in numbering.xml. */
export async function numberedDocx(items: { level: 0 | 1 | 2; text: string }[]): Promise<Buffer> {
  const children = items.map((it) => new Paragraph({ text: it.text, numbering: { reference: "cn-outline", level: it.level } }));
  return Packer.toBuffer(new Document({ numbering: NUMBERING, sections: [{ children }] }));
}

/** The document as a print stylesheet sets it: indented paragraphs, justified, a ruled table. */
export function printHtml(text: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 25mm 22mm; }
body { font-family: "WenQuanYi Zen Hei"; font-size: 12pt; line-height: 1.5; }
p { margin: 0; text-indent: 2em; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
td { border: 0.75pt solid #000; padding: 3pt 5pt; vertical-align: middle; }
</style></head><body>
${bodyHtml(blocksOf(text))}
</body></html>`;
}

let browser: Promise<Browser> | undefined;

/** One headless Chromium (Debian's) per test file; nothing downloads a browser. */
export function sharedBrowser(): Promise<Browser> {
  browser ??= chromium.launch({
    executablePath: process.env["LUOSHI_CHROMIUM"] ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  if (browser) await (await browser).close();
  browser = undefined;
}

export async function printPdf(html: string): Promise<Buffer> {
  const b = await sharedBrowser();
  const page = await b.newPage();
  try {
    await page.setContent(html, { waitUntil: "load" });
    return await page.pdf({ preferCSSPageSize: true, printBackground: false });
  } finally {
    await page.close();
  }
}
