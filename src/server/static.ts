/**
 * Serves the browser app (web/, built by `npm run build:web` into web/dist) from the API server:
 * files by path with their content type, index.html for client routes (/documents/3, /my …), hashed assets
 * cached for a year, no way out of the folder. API paths (/api/…, /openapi.json, /health, /ready) are passed on
 * untouched, so an unknown API path still answers the API's JSON 404.
 *
 *   app.use("*", serveWeb());   // after the API routes
 */
import { readFile, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { MiddlewareHandler } from "hono";

/** web/dist beside src/ (from src/server in tests, dist/server when built) */
export const WEB_DIST = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../web/dist");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".svg", ".map", ".txt"]);

/** The page's policy: our own scripts only; antd writes its styles inline. */
export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const API_PATH = /^\/(api(\/|$)|openapi\.json$|health$|ready$)/;

export interface WebOptions {
  /** the built app (default web/dist) */
  root?: string;
}

/** Resolves a URL path to a file inside root, or null when it would leave it or is malformed. */
export function resolveInside(root: string, urlPath: string): string | null {
  let p: string;
  try {
    p = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (p.includes("\0") || p.includes("\\")) return null;
  if (p.split("/").some((s) => s === "..")) return null;
  const full = resolve(root, `.${p.startsWith("/") ? p : `/${p}`}`);
  return full === root || full.startsWith(root + sep) ? full : null;
}

export function serveWeb(opts: WebOptions = {}): MiddlewareHandler {
  const root = resolve(opts.root ?? WEB_DIST);
  const gz = new Map<string, Uint8Array>();

  const send = async (file: string, path: string, acceptGzip: boolean, head: boolean): Promise<Response> => {
    const ext = extname(file).toLowerCase();
    let body: Uint8Array = await readFile(file);
    const headers: Record<string, string> = {
      "content-type": TYPES[ext] ?? "application/octet-stream",
      "cache-control": path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      "x-content-type-options": "nosniff",
    };
    if (ext === ".html") headers["content-security-policy"] = WEB_CSP;
    if (COMPRESSIBLE.has(ext) && body.length > 1024) {
      headers.vary = "accept-encoding";
      if (acceptGzip) {
        let z = gz.get(file);
        if (!z) {
          z = gzipSync(body);
          // only hashed assets never change under the same name; others are compressed again on change
          if (path.startsWith("/assets/")) gz.set(file, z);
        }
        body = z;
        headers["content-encoding"] = "gzip";
      }
    }
    headers["content-length"] = String(body.length);
    return new Response(head ? null : (body as unknown as ConstructorParameters<typeof Response>[0]), { status: 200, headers });
  };

  return async (c, next) => {
    const method = c.req.method;
    const path = c.req.path;
    if ((method !== "GET" && method !== "HEAD") || API_PATH.test(path)) return next();
    const acceptGzip = /\bgzip\b/.test(c.req.header("accept-encoding") ?? "");
    const head = method === "HEAD";
    const file = resolveInside(root, path);
    if (!file) return c.text("路径无效", 400);
    const info = await stat(file).catch(() => null);
    if (info?.isFile()) return send(file, path, acceptGzip, head);
    // a missing file under /assets or with an extension is a 404; any other path is a page of the app
    if (path.startsWith("/assets/") || extname(path)) return next();
    const index = resolve(root, "index.html");
    if (!(await stat(index).catch(() => null))?.isFile()) {
      return c.html(
        `<!doctype html><meta charset="utf-8"><title>luoshi</title><p>网页应用尚未构建：请运行 <code>npm run build:web</code>。接口文档见 <a href="/openapi.json">/openapi.json</a>。</p>`,
        503,
      );
    }
    return send(index, "/index.html", acceptGzip, head);
  };
}
