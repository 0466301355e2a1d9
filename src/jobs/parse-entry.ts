/**
 * The parse thread's side (see parse-threads.ts): imports the parser module once, parses what it is sent, and
 * answers a plain object, since an error crossing threads loses its class and its fields.
 */
import { workerData } from "node:worker_threads";
import type { ParsedFile } from "../model/exchange.js";
import { DocumentError } from "../text/errors.js";

export interface ParseTask {
  bytes: Uint8Array;
  name: string;
}

export type ParseAnswer =
  | { ok: true; parsed: ParsedFile }
  | { ok: false; problem: string; kind: DocumentError["kind"] };

interface ParserModule {
  parseBytes(bytes: Uint8Array, name: string): Promise<ParsedFile>;
}

const parser: Promise<ParserModule> = import((workerData as { parser?: string } | undefined)?.parser ?? "../parse/index.js");

export default async function parseTask(task: ParseTask): Promise<ParseAnswer> {
  try {
    return { ok: true, parsed: await (await parser).parseBytes(task.bytes, task.name) };
  } catch (err) {
    if (err instanceof DocumentError) return { ok: false, problem: err.problem, kind: err.kind };
    // a fault of the parser on this input is still this document's problem, not the worker's
    return { ok: false, problem: `解析程序出错（${err instanceof Error ? err.message : String(err)}）`, kind: "unreadable" };
  }
}
