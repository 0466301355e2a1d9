/**
 * What is known of the client: its address and whether it reached us over HTTPS. Both come from the
 * connection, or, behind a reverse proxy the operator says they trust (LUOSHI_TRUST_PROXY=1), from the headers
 * that proxy sets: anyone can write X-Forwarded-For or X-Forwarded-Proto, so they are read only then, and only
 * their last entry (the one the proxy nearest us appended), never what the client put before it.
 */
import type { HttpBindings } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { SIGNED_IN_COOKIE } from "../model/api.js";
import type { AppDeps, AppEnv } from "./context.js";

const lastEntry = (header: string | undefined) => header?.split(",").map((s) => s.trim()).filter(Boolean).pop();

/** The address a request comes from (for the login backoff and the audit log). */
export function clientOf(c: Context<AppEnv>, deps: AppDeps): string {
  if (deps.trustProxy) {
    const fwd = lastEntry(c.req.header("x-forwarded-for"));
    if (fwd) return fwd.slice(0, 100);
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "local";
  }
}

/**
 * True when the client reached us over HTTPS: a TLS socket of our own, or a trusted proxy's
 * `X-Forwarded-Proto: https`. Without a socket (the app called in-process) the request's URL says.
 */
export function isHttps(c: Context<AppEnv>, deps: AppDeps): boolean {
  if (deps.trustProxy) {
    const proto = lastEntry(c.req.header("x-forwarded-proto"));
    if (proto) return proto.toLowerCase() === "https";
  }
  const socket = (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket as { encrypted?: boolean } | undefined;
  if (socket) return socket.encrypted === true;
  return new URL(c.req.url).protocol === "https:";
}

/** HSTS for a year: a browser that once reached us over HTTPS does not try plain HTTP again */
export const HSTS = "max-age=31536000";

/** The session cookie's attributes; `Secure` over HTTPS, so that the browser never sends it in the clear. */
export function sessionCookie(c: Context<AppEnv>, deps: AppDeps, value: string, maxAgeSeconds: number): string {
  return `luoshi_session=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}${isHttps(c, deps) ? "; Secure" : ""}`;
}

/**
 * A cookie the page's script may read, set and cleared with the session's: the session cookie is HttpOnly, so
 * without it the public pages could learn whether someone is logged in only by asking /api/auth/me, which
 * answers a logged-out visitor with a 401 that the browser logs as an error. It holds no secret.
 */
export function signedInCookie(c: Context<AppEnv>, deps: AppDeps, maxAgeSeconds: number): string {
  return `${SIGNED_IN_COOKIE}=${maxAgeSeconds > 0 ? "1" : ""}; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}${isHttps(c, deps) ? "; Secure" : ""}`;
}
