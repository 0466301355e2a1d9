/**
 * Parsing off the main thread, with a time and a memory limit per document (piscina's pool of worker threads).
 * A document that runs past its time has its thread terminated; one that needs more heap than the limit has its
 * thread stopped by V8 (`resourceLimits`: the JS heap; memory outside it, such as ArrayBuffers, is not counted, and
 * V8 takes a second or so of collecting before it gives up). Either way the document is refused with a reason, a fresh thread
 * takes the next one, and the process — its HTTP answers, its job heartbeats — never waits on it.
 *
 * The timer starts when the task is handed to the pool, so callers keep no more documents in flight than the
 * pool has threads (the job workers and `luoshi ingest` use the same number for both).
 */
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { ParsedFile } from "../model/exchange.js";
import { DocumentError } from "../text/errors.js";
import type { ParseFn } from "../track/ingest.js";
import type { ParseAnswer, ParseTask } from "./parse-entry.js";
import { threadEntry } from "./thread-entry.js";

export interface ParseLimits {
  /** wall-clock seconds one document may take */
  timeoutSeconds: number;
  /** heap (old generation) one document's thread may use, MB */
  memoryMb: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { timeoutSeconds: 60, memoryMb: 1024 };

/** A document refused for exceeding a parse limit; `limit` says which. */
export class ParseLimitError extends DocumentError {
  constructor(
    file: string,
    readonly limit: "time" | "memory",
    readonly limits: ParseLimits,
  ) {
    super(
      file,
      limit === "time"
        ? `解析超过时限（${limits.timeoutSeconds} 秒）后被终止：文件过大或结构异常，未入库`
        : `解析所需内存超过上限（${limits.memoryMb} MB）后被终止：文件过大或结构异常，未入库`,
      "too-large",
    );
    this.name = "ParseLimitError";
  }
}

function positive(v: string | undefined, what: string): number | undefined {
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${what} 须为正数，而不是“${v}”`);
  return n;
}

/** Limits from LUOSHI_PARSE_TIMEOUT_SECONDS and LUOSHI_PARSE_MEMORY_MB, then the flags' values over them. */
export function parseLimitsFrom(
  env: NodeJS.ProcessEnv = process.env,
  flags: { parseTimeout?: string; parseMemory?: string } = {},
): ParseLimits {
  return {
    timeoutSeconds:
      positive(flags.parseTimeout, "--parse-timeout") ??
      positive(env.LUOSHI_PARSE_TIMEOUT_SECONDS, "LUOSHI_PARSE_TIMEOUT_SECONDS") ??
      DEFAULT_PARSE_LIMITS.timeoutSeconds,
    memoryMb:
      positive(flags.parseMemory, "--parse-memory") ?? positive(env.LUOSHI_PARSE_MEMORY_MB, "LUOSHI_PARSE_MEMORY_MB") ?? DEFAULT_PARSE_LIMITS.memoryMb,
  };
}

/** Threads for parsing when nothing says: one per core, at most four (storing, not parsing, is then the wait). */
export function defaultParseThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export interface ParsePoolOptions {
  limits: ParseLimits;
  threads: number;
  /** a module exporting `parseBytes(bytes, name)` (file URL); the project's parser by default */
  parser?: string;
}

export class ParsePool {
  private readonly pool: Piscina<ParseTask, ParseAnswer>;
  readonly limits: ParseLimits;

  constructor(opts: ParsePoolOptions) {
    this.limits = opts.limits;
    this.pool = new Piscina({
      filename: threadEntry(import.meta.url, "jobs", "parse-entry.js"),
      minThreads: 0,
      maxThreads: Math.max(1, opts.threads),
      // a thread keeps the parser loaded between documents for a while, then gives its memory back
      idleTimeout: 60_000,
      workerData: { parser: opts.parser },
      resourceLimits: { maxOldGenerationSizeMb: opts.limits.memoryMb },
    });
    // a thread's error that no task is waiting for: one terminated for its time that ran out of memory on the
    // way down. Its document has had its answer; left unheard, the event would end the process.
    this.pool.on("error", () => {});
  }

  /** bytes → ParsedFile in a thread; DocumentError for unreadable input, ParseLimitError past a limit. */
  readonly parse: ParseFn = async (bytes, name) => {
    let answer: ParseAnswer;
    try {
      answer = await this.pool.run({ bytes, name }, { signal: AbortSignal.timeout(this.limits.timeoutSeconds * 1000) });
    } catch (err) {
      const e = err as { name?: string; code?: string };
      if (e.name === "AbortError" || e.name === "TimeoutError") throw new ParseLimitError(name, "time", this.limits);
      if (e.code === "ERR_WORKER_OUT_OF_MEMORY") throw new ParseLimitError(name, "memory", this.limits);
      throw err;
    }
    if (!answer.ok) throw new DocumentError(name, answer.problem, answer.kind);
    return answer.parsed satisfies ParsedFile;
  };

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
