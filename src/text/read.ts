import { normalizeText } from "./normalize.js";
import type { ReadResult } from "./types.js";

/** Reads a document's bytes into normalised text. (UTF-8 text only for now; other formats follow.) */
export async function readDocument(bytes: Uint8Array, _name: string): Promise<ReadResult> {
  const text = normalizeText(new TextDecoder("utf-8").decode(bytes));
  return { text, format: "txt", encoding: "utf-8", meta: {}, warnings: [] };
}
