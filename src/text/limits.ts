import type { ReadOptions } from "./types.js";

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;
export const DEFAULT_PDF_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_PDF_PAGES = 1000;

export interface Limits {
  maxBytes: number;
  maxUnzippedBytes: number;
  pdfTimeoutMs: number;
  maxPdfPages: number;
}

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Options win over the environment, the environment over the defaults. */
export function resolveLimits(opts: ReadOptions = {}): Limits {
  return {
    maxBytes: opts.maxBytes ?? envNumber("LUOSHI_MAX_BYTES") ?? DEFAULT_MAX_BYTES,
    maxUnzippedBytes: opts.maxUnzippedBytes ?? DEFAULT_MAX_UNZIPPED_BYTES,
    pdfTimeoutMs: opts.pdfTimeoutMs ?? envNumber("LUOSHI_PDF_TIMEOUT_MS") ?? DEFAULT_PDF_TIMEOUT_MS,
    maxPdfPages: opts.maxPdfPages ?? DEFAULT_MAX_PDF_PAGES,
  };
}

/** "20.0 MB", "512.0 KB", "100 字节": sizes in messages a person reads */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 / 1024 / 1024).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} 字节`;
}
