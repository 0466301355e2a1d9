import { bodyLimit } from "hono/body-limit";
import type { Role } from "../../track/audit.js";
import { requireRole, type App } from "../context.js";
import { formatBytes } from "../../text/limits.js";
import { ApiError } from "../errors.js";
import type { z } from "@hono/zod-openapi";
import type { TaskStatus } from "../../track/status.js";
import { ErrorSchema, type TaskListQuery } from "../schemas.js";

const DESCRIPTIONS: Record<number, string> = {
  400: "invalid request",
  401: "not logged in",
  403: "not allowed for this role",
  404: "not found",
  409: "conflict",
  413: "too large",
  415: "unsupported type",
  422: "unparseable document, or an Idempotency-Key already used for another request",
  429: "too many attempts",
  503: "the database is unavailable; retry later (Retry-After)",
};

/** OpenAPI responses for the error statuses a route can answer. */
export function errors(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: DESCRIPTIONS[s] ?? "error", content: { "application/json": { schema: ErrorSchema } } }]),
  );
}

export function json<T>(schema: T, description = "ok") {
  return { description, content: { "application/json": { schema } } };
}

export const security = [{ bearer: [] }];

/**
 * Before a file upload's body is read: who may upload, that it comes as multipart/form-data, and how large it may
 * be (these paths are left out of app.ts's JSON limit).
 */
export function guardUpload(app: App, path: string, roles: Role[], maxBytes: number): void {
  app.use(path, async (c, next) => {
    if (c.req.method !== "POST") return next();
    requireRole(c.get("actor"), ...roles);
    if (!/^multipart\/form-data/i.test(c.req.header("content-type") ?? "")) {
      throw new ApiError("unsupported_type", "请以 multipart/form-data 上传，文件放在名为 file 的字段中");
    }
    return next();
  });
  app.use(
    path,
    bodyLimit({
      maxSize: maxBytes + 64 * 1024,
      onError: () => {
        throw new ApiError("too_large", `文件过大（上限 ${formatBytes(maxBytes)}）`, { maxBytes });
      },
    }),
  );
}

/** A task list's query (TaskListQuery) as the filter the task list and its download share. */
export function taskListFilter(q: Partial<{ [K in keyof typeof TaskListQuery]: z.infer<(typeof TaskListQuery)[K]> }>) {
  return {
    bodyId: q.body,
    status: q.status as TaskStatus | undefined,
    dueBefore: q.dueBefore,
    documentId: q.document,
    measureId: q.measure,
    acknowledged: q.acknowledged === undefined ? undefined : q.acknowledged === "true",
    assignedBefore: q.assignedBefore,
  };
}
