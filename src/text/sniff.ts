/**
 * What the bytes are, from their first bytes and never from the file name: government sites serve .doc files
 * that are HTML, .html files that are PDF, and attachments with no extension at all.
 */
export type Sniffed =
  | { kind: "pdf" }
  | { kind: "zip" }
  | { kind: "text" }
  | { kind: "unsupported"; what: string };

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  return sig.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, n: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(n, bytes.length)).toString("latin1");
}

/** what to send instead of a file that cannot be read as a document */
export const SEND_INSTEAD = "请上传 PDF、DOCX、网页或文本文件";

export function sniff(bytes: Uint8Array): Sniffed {
  // the PDF header may follow some junk (readers accept it within the first kilobyte); a text that merely
  // mentions %PDF- has no objects after it
  const head = ascii(bytes, 1024);
  const at = head.search(/%PDF-[12]\.\d/);
  if (at === 0 || (at > 0 && / \d+ obj\b|\n\d+ \d+ obj/.test(ascii(bytes, 16 * 1024)))) return { kind: "pdf" };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return { kind: "zip" };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return { kind: "unsupported", what: "旧版 Word、WPS 或 Excel 文件（.doc、.wps、.xls），或加密的 Office 文件，请另存为不加密的 DOCX 或 PDF 后上传" };
  }
  if (ascii(bytes, 6) === "{\\rtf1") return { kind: "unsupported", what: "RTF 文件，请另存为 DOCX 或 PDF 后上传" };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return { kind: "unsupported", what: `PNG 图片（图片中的文字无法读取），${SEND_INSTEAD}` };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: "unsupported", what: `JPEG 图片（图片中的文字无法读取），${SEND_INSTEAD}` };
  if (ascii(bytes, 4) === "GIF8") return { kind: "unsupported", what: `GIF 图片（图片中的文字无法读取），${SEND_INSTEAD}` };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { kind: "unsupported", what: `TIFF 图片（图片中的文字无法读取），${SEND_INSTEAD}` };
  }
  if (startsWith(bytes, [0x1f, 0x8b])) return { kind: "unsupported", what: "gzip 压缩包，请解压后上传其中的文件" };
  if (ascii(bytes, 6) === "Rar!\x1a\x07") return { kind: "unsupported", what: "RAR 压缩包，请解压后上传其中的文件" };
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return { kind: "unsupported", what: "7z 压缩包，请解压后上传其中的文件" };
  return { kind: "text" };
}

/** Block and inline tags a CMS editor writes around paragraphs; any other "<word>" counts for nothing. */
const TAG = /<(\/?)(p|div|br|span|font|strong|b|i|u|em|center|table|tbody|thead|tr|td|th|ul|ol|li|h[1-6]|a|img|section|article|blockquote|hr)\b[^<>]{0,400}>/gi;
const LEADING_TAG = new RegExp(`^${TAG.source}`, "i");
/** closing tags of elements that hold a paragraph: plain text that mentions a tag does not close it */
const CLOSES = new Set(["p", "div", "td", "th", "tr", "li", "table", "h1", "h2", "h3", "h4", "h5", "h6", "span", "font", "strong", "center", "blockquote", "section", "article"]);
/** character references (&nbsp; &ldquo; &#12288; &#x3000;), which no typed text contains */
const ENTITY = /&(#\d{2,7}|#x[0-9a-f]{2,6}|[a-z][a-z0-9]{1,7});/gi;

/**
 * Whether decoded text is an HTML document rather than plain text that happens to contain a "<" or a 《》.
 * A page saved from a site starts with a doctype or <html>. A field copied out of a CMS has no <html> and may
 * have only a few tags around long paragraphs; it is HTML when it closes a paragraph tag it opened and also
 * starts with a tag, closes two, or writes a character reference; when it breaks lines with three or more <br>;
 * or when it writes two character references beside a tag. A text that names <p> or <br> in a sentence does
 * none of these.
 */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096).replace(/^\ufeff/, "");
  const start = head.replace(/^(\s|<\?xml[^>]*>|<!--[\s\S]*?-->)*/, "");
  if (/^<!doctype\s+html/i.test(start) || /^<(html|head|body)[\s>]/i.test(start)) return true;
  if (/<(html|body)[\s>]/i.test(head)) return true;
  const sample = text.slice(0, 64 * 1024);
  const opened = new Set<string>();
  let tags = 0;
  let tagChars = 0;
  let closes = 0;
  let breaks = 0;
  for (const m of sample.matchAll(TAG)) {
    const name = m[2]!.toLowerCase();
    tags++;
    tagChars += m[0].length;
    if (name === "br") breaks++;
    else if (m[1] === "") opened.add(name);
    else if (CLOSES.has(name) && opened.has(name)) closes++;
  }
  if (tags === 0) return false;
  const entities = sample.match(ENTITY)?.length ?? 0;
  const startsWithTag = LEADING_TAG.test(start);
  if (closes >= 1 && (startsWithTag || closes >= 2 || entities >= 1)) return true;
  if (breaks >= 3 || (entities >= 2 && tags >= 1)) return true;
  // mostly markup, whatever the tags
  return tags >= 5 && tagChars > 0.3 * sample.replace(/\s+/g, "").length;
}
