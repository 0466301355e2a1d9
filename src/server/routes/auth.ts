/** Login, logout, who am I; users (admin). */
import { createRoute, z } from "@hono/zod-openapi";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { createUser, listUsers, login, logout, updateUser } from "../../track/users.js";
import { requireRole, type App, type AppDeps, type AppEnv } from "../context.js";
import { ApiError } from "../errors.js";
import { IdParam, LoginSchema, NewUserSchema, SessionSchema, UserChangeSchema, UserSchema } from "../schemas.js";
import { errors, json, security } from "./common.js";

/**
 * The address a login comes from. X-Forwarded-For is anyone's to write, so it is read only behind a proxy the
 * operator says they trust, and then its last entry: the one that proxy appended, not what the client sent.
 */
export function clientOf(c: Context<AppEnv>, deps: AppDeps): string {
  if (deps.trustProxy) {
    const fwd = c.req.header("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean).pop();
    if (fwd) return fwd.slice(0, 100);
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "local";
  }
}

export function registerAuth(app: App, deps: AppDeps): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/auth/login",
      tags: ["auth"],
      summary: "Log in; returns a session token (also set as a cookie)",
      request: { body: { content: { "application/json": { schema: LoginSchema } }, required: true } },
      responses: { 200: json(SessionSchema), ...errors(400, 401, 429) },
    }),
    async (c) => {
      const { username, password } = c.req.valid("json");
      const r = await login(deps.db, username, password, clientOf(c, deps), { sessionHours: deps.sessionHours });
      if (!r.ok) {
        if (r.reason === "rate-limited") {
          throw new ApiError("rate_limited", `登录失败次数过多，请 ${r.retryAfterSeconds ?? 60} 秒后再试`, undefined, {
            "Retry-After": String(r.retryAfterSeconds ?? 60),
          });
        }
        throw new ApiError("unauthorized", "wrong username or password");
      }
      const maxAge = Math.max(0, Math.floor((Date.parse(r.expiresAt) - Date.now()) / 1000));
      c.header("Set-Cookie", `luoshi_session=${r.token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}`);
      return c.json({ token: r.token, expiresAt: r.expiresAt, user: r.user }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/auth/logout",
      tags: ["auth"],
      security,
      summary: "End the session",
      responses: { 200: json(z.object({ ok: z.boolean() })), ...errors(401) },
    }),
    async (c) => {
      const token = c.get("token");
      if (!token) throw new ApiError("unauthorized", "log in first");
      await logout(deps.db, token);
      c.header("Set-Cookie", `luoshi_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
      return c.json({ ok: true }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/auth/me",
      tags: ["auth"],
      security,
      summary: "Who is logged in",
      responses: {
        200: json(z.object({ id: z.number().nullable(), username: z.string(), role: z.string(), bodyIds: z.array(z.number()), region: z.string().nullable() })),
        ...errors(401),
      },
    }),
    async (c) => {
      const a = c.get("actor");
      requireRole(a, "admin", "supervisor", "editor");
      return c.json({ id: a.id, username: a.name, role: a.role, bodyIds: a.bodyIds ?? [], region: a.region ?? null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/users",
      tags: ["users"],
      security,
      summary: "Every user (admin)",
      responses: { 200: json(z.object({ items: z.array(UserSchema) })), ...errors(401, 403) },
    }),
    async (c) => {
      requireRole(c.get("actor"), "admin");
      return c.json({ items: await listUsers(deps.db) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/users",
      tags: ["users"],
      security,
      summary: "Create a user (admin); editors are bound to responsible bodies",
      request: { body: { content: { "application/json": { schema: NewUserSchema } }, required: true } },
      responses: { 201: json(UserSchema, "created"), ...errors(400, 401, 403, 409) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const body = c.req.valid("json");
      const user = await deps.db.transaction((tx) => createUser(tx, actor, body));
      return c.json(user, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/users/{id}",
      tags: ["users"],
      security,
      summary: "Change a user's role, bodies, password or state (admin)",
      request: { params: IdParam, body: { content: { "application/json": { schema: UserChangeSchema } }, required: true } },
      responses: { 200: json(UserSchema), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const { id } = c.req.valid("param");
      const user = await deps.db.transaction((tx) => updateUser(tx, actor, id, c.req.valid("json")));
      return c.json(user, 200);
    },
  );
}
