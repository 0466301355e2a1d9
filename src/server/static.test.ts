import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { resolveInside, serveWeb } from "./static.js";

const root = mkdtempSync(join(tmpdir(), "luoshi-web-"));
mkdirSync(join(root, "assets"));
writeFileSync(join(root, "index.html"), "<!doctype html><title>落实</title><div id=root></div>");
writeFileSync(join(root, "assets", "index-abc123.js"), "console.log('落实');".repeat(200));
writeFileSync(join(root, "assets", "index-abc123.css"), "body{}");
writeFileSync(join(tmpdir(), "luoshi-secret.txt"), "secret");
afterAll(() => rmSync(root, { recursive: true, force: true }));

const app = new Hono();
app.get("/api/ping", (c) => c.json({ ok: true }));
app.use("*", serveWeb({ root }));
app.notFound((c) => c.json({ error: "not_found" }, 404));

describe("serveWeb", () => {
  it("serves index.html at / and for client routes, with a content security policy and no-cache", async () => {
    for (const p of ["/", "/documents/3", "/public/documents/1", "/my"]) {
      const r = await app.request(p);
      expect(r.status, p).toBe(200);
      expect(r.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(r.headers.get("cache-control")).toBe("no-cache");
      expect(r.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
      expect(await r.text()).toContain("落实");
    }
  });
  it("serves hashed assets with their type and a long cache, gzipped when asked", async () => {
    const r = await app.request("/assets/index-abc123.js", { headers: { "accept-encoding": "gzip, br" } });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(r.headers.get("cache-control")).toContain("immutable");
    expect(r.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await r.arrayBuffer())).toString()).toContain("落实");
    const css = await app.request("/assets/index-abc123.css");
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(css.headers.get("content-encoding")).toBeNull();
  });
  it("answers 404 for missing assets and leaves API paths to the API", async () => {
    expect((await app.request("/assets/nope.js")).status).toBe(404);
    expect((await app.request("/favicon.ico")).status).toBe(404);
    expect(await (await app.request("/api/ping")).json()).toEqual({ ok: true });
    const missing = await app.request("/api/nope");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "not_found" });
    expect((await app.request("/", { method: "POST" })).status).toBe(404);
  });
  it("never leaves its folder", async () => {
    for (const p of ["/../luoshi-secret.txt", "/%2e%2e/luoshi-secret.txt", "/assets/%2e%2e%2f%2e%2e%2fluoshi-secret.txt", "/..%5cluoshi-secret.txt", "/%00"]) {
      const r = await app.request(p);
      expect([400, 404], p).toContain(r.status);
      expect(await r.text()).not.toContain("secret");
    }
    expect(resolveInside(root, "/a/../../x")).toBeNull();
    expect(resolveInside(root, "/%E0%A4%A")).toBeNull();
    expect(resolveInside(root, "/assets/x.js")).toBe(join(root, "assets", "x.js"));
  });
  it("says how to build the app when it is not built", async () => {
    const bare = new Hono();
    bare.use("*", serveWeb({ root: join(root, "missing") }));
    const r = await bare.request("/");
    expect(r.status).toBe(503);
    expect(await r.text()).toContain("npm run build:web");
  });
});
