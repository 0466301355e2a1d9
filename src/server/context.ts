/** What every request carries: the deps of the app, and who is asking. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Db } from "../store/db.js";
import type { Actor, Role } from "../track/audit.js";
import type { Jobs } from "../jobs/queue.js";
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
  if (actor.role === "public") throw new ApiError("unauthorized", "log in first");
  if (actor.role === "system") return;
  if (!roles.includes(actor.role)) throw new ApiError("forbidden", `this needs the role ${roles.join(" or ")}`);
}

export const isStaff = (a: Actor) => a.role !== "public";

export function todayOf(deps: AppDeps): string {
  return (deps.now?.() ?? new Date()).toISOString().slice(0, 10);
}

export function paging(q: { page: number; pageSize: number }) {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}
