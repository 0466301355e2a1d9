/** What every request carries: the deps of the app, and who is asking. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Db } from "../store/db.js";
import type { Actor, Role } from "../track/audit.js";
import type { Jobs } from "../jobs/queue.js";
import type { RenderTaskTable } from "../office/task-table-file.js";
import type { InboxSettings } from "../track/inbox.js";
import type { NoticeChannel } from "../track/notices.js";
import { readScope, type Scope } from "../track/scope.js";
import { ROLE_NAMES } from "../track/users.js";
import { chinaDay } from "../track/workdays.js";
import { ApiError } from "./errors.js";

export interface AppDeps {
  db: Db;
  /**
   * the job queue: uploads are parsed and stored by its workers, links recomputed. Without one the app serves
   * everything but uploads and their jobs (503).
   */
  jobs?: Jobs;
  /** the clock (tests set it) */
  now?: () => Date;
  /** the largest upload accepted, bytes (default 20 MiB) */
  maxUploadBytes?: number;
  sessionHours?: number;
  /** read the client address for the login rate limit from X-Forwarded-For (behind a proxy you trust) */
  trustProxy?: boolean;
  log?: (err: unknown) => void;
  /**
   * writes the 任务分工表 downloads; main.ts gives a worker thread's (office/render-threads.ts), so that a large
   * export does not hold other requests. In-process by default.
   */
  renderTaskTable?: RenderTaskTable;
  /** the supervision loop's deployment settings (main.ts reads them from the environment) */
  supervision?: SupervisionSettings;
}

export interface SupervisionSettings extends Partial<InboxSettings> {
  /** editors read every body's tasks (LUOSHI_EDITOR_READ=all); by default only their own bodies' */
  editorsReadAll?: boolean;
  /** the largest evidence file (LUOSHI_MAX_ATTACHMENT_BYTES, default 10 MiB) */
  maxAttachmentBytes?: number;
  /** delivery beyond the in-app inbox (mail, where a deployment has an SMTP server); none by default */
  channels?: NoticeChannel[];
}

/** The job queue, or a 503 for a route that needs one in an app made without it. */
export function jobsOf(deps: AppDeps): Jobs {
  if (!deps.jobs) throw new ApiError("unavailable", "此服务没有任务队列，不能上传文件");
  return deps.jobs;
}

export const PUBLIC: Actor = { id: null, name: "public", role: "public" };

export interface AppEnv {
  Variables: {
    actor: Actor;
    token: string | null;
  };
}

export type App = OpenAPIHono<AppEnv>;

/** Throws 401 for the public, 403 for a logged-in user without one of the roles. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (actor.role === "public") throw new ApiError("unauthorized", "请先登录");
  if (actor.role === "system") return;
  if (!roles.includes(actor.role)) throw new ApiError("forbidden", `此操作需要${roles.map((r) => ROLE_NAMES[r]).join("或")}权限`, { roles });
}

/** Which tasks (and their reports, files, notices) this user may read. */
export function scopeOf(actor: Actor, deps: AppDeps): Scope {
  return readScope(actor, { editorsReadAll: deps.supervision?.editorsReadAll });
}

export const isStaff = (a: Actor) => a.role !== "public";

export { chinaDay };

/**
 * Today as the officials' calendar has it: the day in China (UTC+8, no daylight saving), not the server's UTC day,
 * which lags by a day from midnight to 8 a.m. and would refuse a report dated today as in the future.
 */
export function todayOf(deps: AppDeps): string {
  return chinaDay(deps.now?.() ?? new Date());
}

export function paging(q: { page: number; pageSize: number }) {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}
