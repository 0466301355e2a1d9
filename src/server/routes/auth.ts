/** Login, logout, who am I; users (admin). */
import { createRoute, z } from "@hono/zod-openapi";
import { changeOwnPassword, createUser, listUsers, login, logout, updateUser } from "../../track/users.js";
import { clientOf, sessionCookie, signedInCookie } from "../client.js";
import { requireRole, type App, type AppDeps } from "../context.js";
import { ApiError } from "../errors.js";
import { IdParam, LoginSchema, NewUserSchema, OwnPasswordSchema, SessionSchema, UserChangeSchema, UserSchema } from "../schemas.js";
import { IdempotencyHeaders, respondOnce } from "../idempotency.js";
import { errors, json, security } from "./common.js";

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
        if (r.reason === "rate-limited") throw rateLimited(r.retryAfterSeconds);
        throw new ApiError("unauthorized", "用户名或密码错误");
      }
      const maxAge = Math.max(0, Math.floor((Date.parse(r.expiresAt) - Date.now()) / 1000));
      c.header("Set-Cookie", sessionCookie(c, deps, r.token, maxAge));
      c.header("Set-Cookie", signedInCookie(c, deps, maxAge), { append: true });
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
      if (!token) throw new ApiError("unauthorized", "请先登录");
      await logout(deps.db, token);
      c.header("Set-Cookie", sessionCookie(c, deps, "", 0));
      c.header("Set-Cookie", signedInCookie(c, deps, 0), { append: true });
      return c.json({ ok: true }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/auth/password",
      tags: ["auth"],
      security,
      summary: "Change one's own password, giving the current one; the user's other sessions end",
      description: "A wrong current password counts as a failed login of the name from this address (same backoff, 429).",
      request: { body: { content: { "application/json": { schema: OwnPasswordSchema } }, required: true } },
      responses: { 200: json(z.object({ ok: z.boolean() })), ...errors(400, 401, 429) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin", "supervisor", "editor");
      const { currentPassword, newPassword } = c.req.valid("json");
      const r = await changeOwnPassword(deps.db, actor, c.get("token")!, currentPassword, newPassword, clientOf(c, deps));
      if (!r.ok) {
        if (r.reason === "rate-limited") throw rateLimited(r.retryAfterSeconds);
        throw new ApiError("validation", "当前密码不正确", { field: "currentPassword" });
      }
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
      request: { headers: IdempotencyHeaders, body: { content: { "application/json": { schema: NewUserSchema } }, required: true } },
      responses: { 201: json(UserSchema, "created"), ...errors(400, 401, 403, 409, 422) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const body = c.req.valid("json");
      // what a repeat must match leaves the password out: a fast hash of it, kept beside the answer, could be
      // guessed offline past argon2
      const { password: _password, ...request } = body;
      return respondOnce(c, deps, { request, run: async (tx) => ({ status: 201, body: await createUser(tx, actor, body) }) });
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

function rateLimited(retryAfterSeconds = 60): ApiError {
  return new ApiError("rate_limited", `登录失败次数过多，请 ${retryAfterSeconds} 秒后再试`, undefined, { "Retry-After": String(retryAfterSeconds) });
}
