/** Parsing: from a document's bytes, file or text to a ParsedFile (the exchange format with spans). */
import { readDocument, readDocumentFile } from "../text/read.js";
import type { ReadResult } from "../text/types.js";
import type { ParsedFile } from "../model/exchange.js";
import { parseText } from "./document.js";

export { parseText } from "./document.js";
export type { ParseOptions } from "./document.js";

function parseRead(read: ReadResult, name: string): ParsedFile {
  const parsed = parseText(read.text, { source: name, format: read.format, meta: read.meta });
  if (read.warnings.length) parsed.warnings = [...read.warnings, ...(parsed.warnings ?? [])];
  return parsed;
}

/** Reads bytes of any supported format and parses them. Unreadable input throws DocumentError. */
export async function parseBytes(bytes: Uint8Array, name: string): Promise<ParsedFile> {
  return parseRead(await readDocument(bytes, name), name);
}

/** Reads a file (refusing one over the size limit before reading it) and parses it. */
export async function parseDocumentFile(path: string, name: string): Promise<ParsedFile> {
  return parseRead(await readDocumentFile(path), name);
}
