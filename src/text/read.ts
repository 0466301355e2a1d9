/**
 * Bytes of any supported document → normalised text. The format is read from the bytes, never from the
 * name: PDF, DOCX (a ZIP with word/document.xml), HTML (decoded text that is a page), else plain text.
 * Every failure is a DocumentError with a one-line problem; no library's stack trace reaches the caller.
 */
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { DocxError, docxToText, isDocxDirectory } from "./docx.js";
import { decodeText } from "./encoding.js";
import { DocumentError } from "./errors.js";
import { HtmlError, htmlToText } from "./html.js";
import { formatBytes, resolveLimits } from "./limits.js";
import { normalizeText } from "./normalize.js";
import { PdfError, pdfToText } from "./pdf.js";
import { looksLikeHtml, SEND_INSTEAD, sniff } from "./sniff.js";
import { isMostlyTraditional, toSimplified } from "./tradsimp.js";
import type { ReadOptions, ReadResult } from "./types.js";
import { readCentralDirectory, ZipError } from "./zip.js";

export async function readDocument(bytes: Uint8Array, name: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const limits = resolveLimits(opts);
  if (bytes.length > limits.maxBytes) {
    throw new DocumentError(name, `文件过大（${formatBytes(bytes.length)}，上限 ${formatBytes(limits.maxBytes)}）`, "too-large");
  }
  if (bytes.length === 0) throw new DocumentError(name, "空文件");

  const raw = await readRaw(bytes, name, opts);
  let text = normalizeText(raw.text);
  if (text.trim() === "") throw new DocumentError(name, raw.format === "txt" ? "空文件" : `空文档：${raw.format === "html" ? "网页" : `${raw.format.toUpperCase()} 文件`}中没有文字`);
  let converted = raw.traditional === true;
  if (converted) raw.warnings.push("已将繁体字转换为简体字");
  else if (!opts.keepTraditional && isMostlyTraditional(text)) {
    text = toSimplified(text);
    raw.meta = Object.fromEntries(Object.entries(raw.meta).map(([k, v]) => [k, toSimplified(v)]));
    converted = true;
    raw.warnings.push("已将繁体字转换为简体字");
  }
  const result: ReadResult = { text, format: raw.format, meta: raw.meta, warnings: raw.warnings };
  if (raw.encoding) result.encoding = raw.encoding;
  if (raw.pages !== undefined) result.pages = raw.pages;
  if (converted) result.convertedFromTraditional = true;
  return result;
}

/** Reads a file from disk, refusing one over the size limit before reading a byte of it. */
export async function readDocumentFile(path: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const name = basename(path);
  const { maxBytes } = resolveLimits(opts);
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new DocumentError(name, "不是普通文件", "unsupported");
    size = st.size;
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    throw new DocumentError(name, `无法读取文件（${(err as NodeJS.ErrnoException).code ?? (err as Error).message}）`);
  }
  if (size > maxBytes) {
    throw new DocumentError(name, `文件过大（${formatBytes(size)}，上限 ${formatBytes(maxBytes)}）`, "too-large");
  }
  // read at most one byte past the limit: a file that grew since stat() is still caught
  const handle = await open(path, "r");
  try {
    const buf = Buffer.alloc(Math.min(size, maxBytes) + 1);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return await readDocument(buf.subarray(0, bytesRead), name, opts);
  } finally {
    await handle.close();
  }
}

type Raw = Omit<ReadResult, "text" | "convertedFromTraditional"> & { text: string; traditional?: boolean };

async function readRaw(bytes: Uint8Array, name: string, opts: ReadOptions): Promise<Raw> {
  const limits = resolveLimits(opts);
  const kind = sniff(bytes);
  switch (kind.kind) {
    case "unsupported":
      throw new DocumentError(name, `不支持的格式：${kind.what}`, "unsupported");
    case "pdf":
      try {
        const pdf = await pdfToText(bytes, { timeoutMs: limits.pdfTimeoutMs, maxPages: limits.maxPdfPages });
        return { text: pdf.text, format: "pdf", meta: {}, warnings: pdf.warnings, pages: pdf.pages };
      } catch (err) {
        if (err instanceof PdfError) {
          const kindOf = err.kind === "too-large" || err.kind === "timeout" ? "too-large" : err.kind === "unsupported" ? "unsupported" : "unreadable";
          throw new DocumentError(name, err.message, kindOf);
        }
        throw new DocumentError(name, `文件已损坏或不完整（PDF：${(err as Error).message}）`);
      }
    case "zip":
      return readZip(bytes, name, limits.maxUnzippedBytes);
    case "text":
      break;
  }
  const decoded = decodeText(bytes);
  if ("error" in decoded) throw new DocumentError(name, decoded.error);
  if (looksLikeHtml(decoded.text)) {
    // a 繁体版 page is converted before it is read, so that its metadata table's labels (發文字號, 發布機構) are
    // recognised like the simplified ones; the conversion keeps every character's place
    const traditional = !opts.keepTraditional && isMostlyTraditional(decoded.text);
    let html;
    try {
      html = htmlToText(traditional ? toSimplified(decoded.text) : decoded.text);
    } catch (err) {
      if (err instanceof HtmlError) throw new DocumentError(name, err.message);
      throw err;
    }
    return { text: html.text, format: "html", encoding: decoded.encoding, meta: html.meta, warnings: html.warnings, traditional };
  }
  return { text: decoded.text, format: "txt", encoding: decoded.encoding, meta: {}, warnings: [] };
}

function readZip(bytes: Uint8Array, name: string, maxUnzipped: number): Raw {
  let entries;
  try {
    entries = readCentralDirectory(bytes);
  } catch (err) {
    const what = /word\/document\.xml/.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1")) ? "DOCX" : "ZIP 压缩包";
    const kind = err instanceof ZipError && err.kind === "too-large" ? "too-large" : "unreadable";
    throw new DocumentError(name, `文件已损坏或不完整（${what}：${(err as Error).message}）`, kind);
  }
  if (!isDocxDirectory(entries)) {
    const names = entries.map((e) => e.name);
    const what = names.includes("OFD.xml")
      ? "OFD 版式文件（暂不支持），请上传其 PDF 或 DOCX 版本"
      : names.some((n) => n.startsWith("xl/"))
        ? `Excel 表格（XLSX），${SEND_INSTEAD}`
        : names.some((n) => n.startsWith("ppt/"))
          ? `PowerPoint 演示文稿（PPTX），${SEND_INSTEAD}`
          : "ZIP 压缩包（不是 Word 文档），请解压后上传其中的文件";
    throw new DocumentError(name, `不支持的格式：${what}`, "unsupported");
  }
  try {
    const docx = docxToText(bytes, maxUnzipped);
    return { text: docx.text, format: "docx", meta: {}, warnings: docx.warnings };
  } catch (err) {
    if (err instanceof DocxError) {
      if (err.kind === "too-large") throw new DocumentError(name, `DOCX 文件解压后过大，拒绝读取（${err.message}）`, "too-large");
      if (err.kind === "unsupported") throw new DocumentError(name, `无法读取此 DOCX 文件：${err.message}`, "unsupported");
      throw new DocumentError(name, `文件已损坏或不完整（DOCX：${err.message}）`);
    }
    throw new DocumentError(name, `文件已损坏或不完整（DOCX：${(err as Error).message}）`);
  }
}
