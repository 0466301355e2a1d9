/** Parsing: from a document's bytes or text to a ParsedFile (the exchange format with spans). */
import { readDocument } from "../text/read.js";
import type { ParsedFile } from "../model/exchange.js";
import { parseText } from "./document.js";

export { parseText } from "./document.js";
export type { ParseOptions } from "./document.js";

/** Reads bytes of any supported format and parses them. Unreadable input throws DocumentError. */
export async function parseBytes(bytes: Uint8Array, name: string): Promise<ParsedFile> {
  const read = await readDocument(bytes, name);
  const parsed = parseText(read.text, { source: name, format: read.format, meta: read.meta });
  if (read.warnings.length) parsed.warnings = [...read.warnings, ...(parsed.warnings ?? [])];
  return parsed;
}
