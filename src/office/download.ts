/**
 * An exported file as a download: its media type, and a Content-Disposition whose file name survives in every
 * browser — the Chinese name as RFC 5987 `filename*=UTF-8''…`, and an ASCII `filename` for clients that know only
 * that. Names come from document titles, so they are cleaned of what a file system or a header cannot hold.
 */
import { xmlSafe } from "./cell-text.js";

export const OFFICE_FORMATS = ["xlsx", "docx", "csv"] as const;
export type OfficeFormat = (typeof OFFICE_FORMATS)[number];

export const MEDIA_TYPES: Record<OfficeFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  csv: "text/csv; charset=utf-8",
};

/** the longest name kept, in characters, before the extension (file systems allow 255 bytes: 80 Chinese characters are 240) */
const MAX_NAME = 80;

/** A file name from a title: no path separators, no characters Windows refuses, no control characters; bounded. */
export function fileNameOf(title: string, format: OfficeFormat): string {
  const base = xmlSafe(title)
    .replace(/[\u0000-\u001f\u007f\\/:*?"<>|]+/g, " ")
    .replace(/\s+/g, " ")
    .replace(/^[.\s]+/, "")
    .trim();
  const cut = [...base].slice(0, MAX_NAME).join("") || "luoshi";
  return `${cut}.${format}`;
}

/** RFC 5987 attribute value: UTF-8, percent-encoded, with the characters encodeURIComponent leaves but the RFC does not allow encoded too. */
function rfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(name: string): string {
  const ext = /\.[a-z0-9]+$/i.exec(name)?.[0] ?? "";
  // a client that reads only `filename` gets the name when it is plain ASCII, else a neutral one (never a mangled half)
  const fallback = /^[\x20-\x7e]+$/.test(name) && !/["\\;%]/.test(name) ? name : `luoshi${ext}`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(name)}`;
}
