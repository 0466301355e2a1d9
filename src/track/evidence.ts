/**
 * 佐证材料: evidence files of a report (PDF, images, DOCX, XLSX), kept in the database. The type is read from the
 * bytes, never taken from the name or the browser's word: PDF, PNG, JPEG, GIF and WebP by their signatures, DOCX
 * and XLSX as ZIP archives whose directory holds the part that makes them one (word/document.xml,
 * xl/workbook.xml), read with the project's own defensive ZIP reader (src/text/zip.ts). Nothing is parsed or
 * rendered: a file is only ever downloaded as an attachment, under a sandboxing CSP (the route's job).
 *
 * Hand-written because the five signatures and two directory look-ups are all that is needed; a detection
 * library would bring a stream tokenizer and hundreds of types we must refuse anyway.
 */
import { createHash } from "node:crypto";
import type { Queryable } from "../store/db.js";
import { formatBytes } from "../text/limits.js";
import { readCentralDirectory, ZipError } from "../text/zip.js";
import type { Actor } from "./audit.js";
import { taskInScope, type Scope } from "./scope.js";
import { mayReport, TrackError } from "./tasks.js";
import type { Attachment } from "../model/api.js";

/** The largest evidence file by default (LUOSHI_MAX_ATTACHMENT_BYTES). */
export const DEFAULT_MAX_ATTACHMENT = 10 * 1024 * 1024;

export interface FileKind {
  mediaType: string;
  /** the extension the download is named with */
  ext: string;
  label: string;
}

const KINDS = {
  pdf: { mediaType: "application/pdf", ext: "pdf", label: "PDF" },
  png: { mediaType: "image/png", ext: "png", label: "PNG 图片" },
  jpeg: { mediaType: "image/jpeg", ext: "jpg", label: "JPEG 图片" },
  gif: { mediaType: "image/gif", ext: "gif", label: "GIF 图片" },
  webp: { mediaType: "image/webp", ext: "webp", label: "WebP 图片" },
  docx: { mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ext: "docx", label: "Word 文档（DOCX）" },
  xlsx: { mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ext: "xlsx", label: "Excel 表格（XLSX）" },
} satisfies Record<string, FileKind>;

export const ACCEPTED = "PDF、图片（PNG、JPEG、GIF、WebP）、DOCX、XLSX";

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** What the bytes are, or null when they are none of the accepted kinds. */
export function sniff(bytes: Uint8Array): FileKind | null {
  // the header opens the file (after a byte-order mark or blank lines at most): a text that merely mentions
  // %PDF- somewhere in its first kilobyte is not a PDF
  if (/^(?:\uFEFF|\xEF\xBB\xBF)?\s*%PDF-\d/.test(Buffer.from(bytes.subarray(0, 64)).toString("latin1"))) return KINDS.pdf;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return KINDS.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return KINDS.jpeg;
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return KINDS.gif;
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return KINDS.webp;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    try {
      const names = new Set(readCentralDirectory(bytes).map((e) => e.name));
      if (!names.has("[Content_Types].xml")) return null;
      if (names.has("word/document.xml")) return KINDS.docx;
      if (names.has("xl/workbook.xml")) return KINDS.xlsx;
    } catch (err) {
      if (err instanceof ZipError) return null;
      throw err;
    }
  }
  return null;
}

/** A file name from a browser, made safe to store and to send back: no folders, no control characters, bounded. */
export function cleanName(name: string, kind: FileKind): string {
  const base = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f"]/g, "").trim().slice(-120);
  const stem = base.replace(/\.[^.]*$/, "") || "佐证材料";
  // the extension is the one the bytes earn, whatever the name said
  return `${stem}.${kind.ext}`;
}

/**
 * Stores a file for a report the actor is about to file on the task (POST /api/tasks/{id}/attachments); the report
 * binds it (attachmentIds). Files nobody bound within a day are removed on the next upload.
 */
export async function storeAttachment(
  tx: Queryable,
  actor: Actor,
  taskId: number,
  scope: Scope,
  name: string,
  bytes: Uint8Array,
  maxBytes: number,
): Promise<Attachment> {
  const t = await taskInScope(tx, taskId, scope);
  if (!t) throw new TrackError("not-found", `任务 ${taskId} 不存在`);
  if (!mayReport(actor, t.bodyId)) throw new TrackError("forbidden", "只有本单位的填报人员或管理员可以上传佐证材料");
  if (bytes.length === 0) throw new TrackError("invalid", "文件是空的", { field: "file" });
  if (bytes.length > maxBytes) throw new TrackError("too-large", `文件过大（${formatBytes(bytes.length)}，上限 ${formatBytes(maxBytes)}）`, { maxBytes });
  const kind = sniff(bytes);
  if (!kind) throw new TrackError("unsupported", `不支持的文件类型：只接受 ${ACCEPTED}（按文件内容判断，不看扩展名）`, { accepted: Object.values(KINDS).map((k) => k.ext) });
  await tx.query(`delete from attachment where report_id is null and created_at < now() - interval '1 day'`);
  const r = await tx.query<{ id: number }>(
    `insert into attachment (task_id, name, media_type, byte_size, sha256, bytes, uploaded_by) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [taskId, cleanName(name, kind), kind.mediaType, bytes.length, createHash("sha256").update(bytes).digest("hex"), bytes, actor.id],
  );
  return { id: r.rows[0]!.id, name: cleanName(name, kind), mediaType: kind.mediaType, size: bytes.length };
}

/** A file for download, when the scope reaches its task. */
export async function readAttachment(db: Queryable, id: number, scope: Scope): Promise<(Attachment & { bytes: Uint8Array }) | null> {
  const r = await db.query<{ id: number; task_id: number; name: string; media_type: string; byte_size: number; bytes: Uint8Array; report_id: number | null; uploaded_by: number | null }>(
    `select id, task_id, name, media_type, byte_size, bytes, report_id, uploaded_by from attachment where id = $1`,
    [id],
  );
  const a = r.rows[0];
  if (!a || !(await taskInScope(db, a.task_id, scope))) return null;
  return { id: a.id, name: a.name, mediaType: a.media_type, size: a.byte_size, bytes: a.bytes };
}
