/**
 * The HTTP API as a function of its dependencies: `createApp(deps)` returns a Hono app that tests call with
 * `app.request(...)`, no socket; main.ts serves it with @hono/node-server.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import { actorOf, userOfSession } from "../track/users.js";
import { HSTS, isHttps } from "./client.js";
import { PUBLIC, type AppDeps, type AppEnv } from "./context.js";
import { ApiError, errorBody, respondError, unavailable } from "./errors.js";
import { registerAdmin } from "./routes/admin.js";
import { registerAuth } from "./routes/auth.js";
import { registerBulletin } from "./routes/bulletin.js";
import { registerCorrections } from "./routes/corrections.js";
import { registerDocuments } from "./routes/documents.js";
import { registerExport } from "./routes/export.js";
import { IMPORT_UPLOAD, registerImports } from "./routes/imports.js";
import { registerJobs } from "./routes/jobs.js";
import { registerLinks } from "./routes/links.js";
import { registerSuggestions } from "./routes/suggestions.js";
import { ATTACHMENT_UPLOAD, registerSupervision } from "./routes/supervision.js";
import { registerTasks } from "./routes/tasks.js";
import { serveWeb } from "./static.js";

export type { AppDeps } from "./context.js";

/** the largest request body of any route but the upload (which has the document limit): JSON is small */
export const MAX_JSON_BYTES = 1024 * 1024;
const UPLOAD_PATH = "/api/documents";

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
        const first = issues[0];
        return c.json(errorBody("validation", first ? `${first.path || "请求"}：${first.message}` : "请求无效", issues), 400);
      }
    },
  });

  app.onError((err, c) => respondError(c, err, deps.log));
  app.notFound((c) => c.json(errorBody("not_found", `没有这个接口：${c.req.method} ${new URL(c.req.url).pathname}`), 404));

  // security headers on every answer; the API is JSON only
  app.use("*", async (c, next) => {
    await next();
    c.header("x-content-type-options", "nosniff");
    c.header("referrer-policy", "no-referrer");
    c.header("x-frame-options", "DENY");
    if (isHttps(c, deps)) c.header("strict-transport-security", HSTS);
    // what a logged-in user sees (and the token a login hands out) must not sit in a shared or browser cache;
    // the web app's files are the same for everyone and keep their own caching
    const path = new URL(c.req.url).pathname;
    if (path.startsWith("/api/") && (c.get("token") || path === "/api/auth/login")) c.header("cache-control", "no-store");
  });

  // every body is bounded before it is read: an anonymous 400 MB JSON must not reach the parser. The upload
  // route sets its own (larger) limit, checked after its role check.
  const jsonLimit = bodyLimit({
    maxSize: MAX_JSON_BYTES,
    onError: () => {
      throw new ApiError("too_large", `请求体超过上限 ${MAX_JSON_BYTES / 1024 / 1024} MB`, { maxBytes: MAX_JSON_BYTES });
    },
  });
  app.use("*", async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (c.req.method === "POST" && (path === UPLOAD_PATH || ATTACHMENT_UPLOAD.test(path) || IMPORT_UPLOAD.test(path))) return next();
    return jsonLimit(c, next);
  });

  // for an orchestrator: /health says the process answers (no database), /ready that the database does
  app.get("/health", (c) => c.json({ ok: true }));
  app.get("/ready", async (c) => {
    try {
      await deps.db.query("select 1");
    } catch (err) {
      deps.log?.(err);
      const e = unavailable();
      for (const [k, v] of Object.entries(e.headers ?? {})) c.header(k, v);
      return c.json({ ok: false, engine: deps.db.engine, error: e.code, message: e.message }, 503);
    }
    return c.json({ ok: true, engine: deps.db.engine });
  });

  // who is asking: a bearer token or the session cookie; none means the public
  app.use("*", async (c, next) => {
    const auth = c.req.header("authorization");
    const bearer = auth?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const token = bearer ?? getCookie(c, "luoshi_session") ?? null;
    c.set("token", token);
    c.set("actor", PUBLIC);
    if (token) {
      if (token.length > 200) throw new ApiError("unauthorized", "会话无效，请重新登录");
      const user = await userOfSession(deps.db, token);
      if (!user) throw new ApiError("unauthorized", "会话不存在或已过期，请重新登录");
      c.set("actor", actorOf(user));
    }
    return next();
  });

  registerAuth(app, deps);
  registerDocuments(app, deps);
  registerJobs(app, deps);
  registerLinks(app, deps);
  // before the task routes: /api/tasks/export would otherwise be taken for /api/tasks/{id}
  registerExport(app, deps);
  registerTasks(app, deps);
  registerSuggestions(app, deps);
  registerSupervision(app, deps);
  registerCorrections(app, deps);
  registerAdmin(app, deps);
  registerImports(app, deps);
  registerBulletin(app, deps);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  app.doc("/openapi.json", {
    openapi: "3.0.3",
    info: {
      title: "luoshi 落实 API",
      version: "0.1.0",
      description:
        "Policy documents, their measures and the tasks of responsible bodies, with progress reports and derived status. " +
        "Errors are JSON {error, message, details}.",
    },
  });
  // the web app (web/dist) for every other path; unknown /api paths still get the JSON 404
  app.use("*", serveWeb());
  return app;
}
