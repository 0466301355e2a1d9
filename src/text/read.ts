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
import { looksLikeHtml, sniff } from "./sniff.js";
import { isMostlyTraditional, toSimplified } from "./tradsimp.js";
import type { ReadOptions, ReadResult } from "./types.js";
import { readCentralDirectory, ZipError } from "./zip.js";

export async function readDocument(bytes: Uint8Array, name: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const limits = resolveLimits(opts);
  if (bytes.length > limits.maxBytes) {
    throw new DocumentError(name, `file is too large (${formatBytes(bytes.length)}; the limit is ${formatBytes(limits.maxBytes)})`, "too-large");
  }
  if (bytes.length === 0) throw new DocumentError(name, "empty file");

  const raw = await readRaw(bytes, name, opts);
  let text = normalizeText(raw.text);
  if (text.trim() === "") throw new DocumentError(name, raw.format === "txt" ? "empty file" : `empty document (no text in the ${raw.format.toUpperCase()})`);
  let converted = raw.traditional === true;
  if (converted) raw.warnings.push("converted traditional characters to simplified");
  else if (!opts.keepTraditional && isMostlyTraditional(text)) {
    text = toSimplified(text);
    raw.meta = Object.fromEntries(Object.entries(raw.meta).map(([k, v]) => [k, toSimplified(v)]));
    converted = true;
    raw.warnings.push("converted traditional characters to simplified");
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
    if (!st.isFile()) throw new DocumentError(name, "not a regular file", "unsupported");
    size = st.size;
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    throw new DocumentError(name, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (size > maxBytes) {
    throw new DocumentError(name, `file is too large (${formatBytes(size)}; the limit is ${formatBytes(maxBytes)})`, "too-large");
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
      throw new DocumentError(name, `unsupported format: ${kind.what}`, "unsupported");
    case "pdf":
      try {
        const pdf = await pdfToText(bytes, { timeoutMs: limits.pdfTimeoutMs, maxPages: limits.maxPdfPages });
        return { text: pdf.text, format: "pdf", meta: {}, warnings: pdf.warnings, pages: pdf.pages };
      } catch (err) {
        if (err instanceof PdfError) {
          const kindOf = err.kind === "too-large" || err.kind === "timeout" ? "too-large" : err.kind === "unsupported" ? "unsupported" : "unreadable";
          throw new DocumentError(name, err.message, kindOf);
        }
        throw new DocumentError(name, `corrupt or truncated PDF (${(err as Error).message})`);
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
    const what = /word\/document\.xml/.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1")) ? "DOCX" : "ZIP archive";
    const kind = err instanceof ZipError && err.kind === "too-large" ? "too-large" : "unreadable";
    throw new DocumentError(name, `corrupt or truncated ${what} (${(err as Error).message})`, kind);
  }
  if (!isDocxDirectory(entries)) {
    const names = entries.map((e) => e.name);
    const what = names.includes("OFD.xml")
      ? "an OFD document (not supported yet; use the PDF or DOCX version)"
      : names.some((n) => n.startsWith("xl/"))
        ? "an XLSX spreadsheet"
        : names.some((n) => n.startsWith("ppt/"))
          ? "a PPTX presentation"
          : "a ZIP archive that is not a Word document";
    throw new DocumentError(name, `unsupported format: ${what}`, "unsupported");
  }
  try {
    const docx = docxToText(bytes, maxUnzipped);
    return { text: docx.text, format: "docx", meta: {}, warnings: docx.warnings };
  } catch (err) {
    if (err instanceof DocxError) {
      if (err.kind === "too-large") throw new DocumentError(name, `DOCX refused: ${err.message}`, "too-large");
      if (err.kind === "unsupported") throw new DocumentError(name, `unsupported DOCX: ${err.message}`, "unsupported");
      throw new DocumentError(name, `corrupt or truncated DOCX (${err.message})`);
    }
    throw new DocumentError(name, `corrupt or truncated DOCX (${(err as Error).message})`);
  }
}
