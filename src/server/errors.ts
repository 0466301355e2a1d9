/**
 * Errors as JSON `{error, message, details}` with the right status. Nothing else reaches the client: an
 * unexpected error is logged on the server and answered with a bare 500, never a stack trace.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { DatabaseUnavailable, isConnectionError, sqlState, UNIQUE_VIOLATION } from "../store/db.js";
import { DocumentError } from "../text/errors.js";
import { TrackError } from "../track/tasks.js";

export type ErrorCode =
  | "validation"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large"
  | "unsupported_type"
  | "unparseable_document"
  | "import_refused"
  | "idempotency_key_reused"
  | "rate_limited"
  | "unavailable"
  | "internal";

const STATUS: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_type: 415,
  unparseable_document: 422,
  // an imported sheet with rows refused, and nothing recorded (details.rows)
  import_refused: 422,
  idempotency_key_reused: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
  get status() {
    return STATUS[this.code];
  }
}

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return details === undefined ? { error: code, message } : { error: code, message, details };
}

/** seconds a client is told to wait before retrying when the database is away */
export const UNAVAILABLE_RETRY_SECONDS = 5;

export function unavailable(): ApiError {
  return new ApiError("unavailable", "数据库暂时不可用，请稍后重试", undefined, { "Retry-After": String(UNAVAILABLE_RETRY_SECONDS) });
}

// data exceptions a value from the client can still cause past its schema (a bug of a schema, not of the
// client's request): answered as a 400 naming the problem, never a 500
const DATA_EXCEPTIONS: Record<string, string> = {
  "22001": "有值过长",
  "22003": "有数字超出范围",
  "22007": "日期或时间格式有误",
  "22008": "日期或时间超出范围",
  "22021": "文本含有无效的字节序列（NUL？）",
  "22P02": "有值的格式不对",
  "22P05": "文本含有无法保存的字符（NUL？）",
};

const HTTP_MESSAGES: Partial<Record<ErrorCode, string>> = {
  too_large: "请求体过大",
  unauthorized: "请先登录",
  forbidden: "没有权限",
  not_found: "不存在",
  unsupported_type: "不支持的内容类型",
  validation: "请求无效",
};

/** Maps anything thrown in a handler to the API's error shape. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof DatabaseUnavailable || isConnectionError(err)) return unavailable();
  const state = sqlState(err);
  if (state && DATA_EXCEPTIONS[state]) return new ApiError("validation", DATA_EXCEPTIONS[state]!);
  // a concurrent request made the same record first (two users named alike at once, say)
  if (state === UNIQUE_VIOLATION) return new ApiError("conflict", "与同时提交的另一请求冲突：记录已存在");
  if (err instanceof TrackError) {
    const codes: Record<TrackError["kind"], ErrorCode> = {
      "not-found": "not_found",
      forbidden: "forbidden",
      conflict: "conflict",
      invalid: "validation",
      "too-large": "too_large",
      unsupported: "unsupported_type",
    };
    return new ApiError(codes[err.kind], err.message, err.details);
  }
  if (err instanceof DocumentError) {
    const code: ErrorCode = err.kind === "unsupported" ? "unsupported_type" : err.kind === "too-large" ? "too_large" : "unparseable_document";
    // the reader's problem says what is wrong in the reader's words (文件已损坏或不完整（DOCX：…）, 不支持的格式：…)
    return new ApiError(code, `${err.file}：${err.problem}`, { file: err.file, problem: err.problem });
  }
  if (err instanceof HTTPException) {
    const s = err.status;
    const code: ErrorCode =
      s === 413 ? "too_large" : s === 401 ? "unauthorized" : s === 403 ? "forbidden" : s === 404 ? "not_found" : s === 415 ? "unsupported_type" : s < 500 ? "validation" : "internal";
    return new ApiError(code, s < 500 ? HTTP_MESSAGES[code] ?? "请求无效" : "服务器内部错误", s < 500 && err.message ? { reason: err.message } : undefined);
  }
  if (err instanceof SyntaxError) return new ApiError("validation", "请求体不是有效的 JSON");
  return new ApiError("internal", "服务器内部错误");
}

export function respondError(c: Context, err: unknown, log: (err: unknown) => void = defaultLog): Response {
  const e = toApiError(err);
  if (e.code === "internal" || e.code === "unavailable") log(err);
  for (const [k, v] of Object.entries(e.headers ?? {})) c.header(k, v);
  return c.json(errorBody(e.code, e.message, e.details), e.status);
}

function defaultLog(err: unknown) {
  process.stderr.write(`luoshi: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
}
