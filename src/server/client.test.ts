import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pglite } from "../../test/support/engines.js";
import { ADMIN_PASSWORD, openApi, type Api } from "../../test/support/api.js";
import { createApp } from "./app.js";

describe("HTTPS: the session cookie is Secure and answers carry HSTS", () => {
  let api: Api;
  let proxied: ReturnType<typeof createApp>;
  beforeAll(async () => {
    api = await openApi(pglite);
    proxied = createApp({ db: api.db, trustProxy: true, log: () => {} });
  });
  afterAll(async () => api?.close());

  const login = (app: { request: Api["app"]["request"] }, url: string, headers: Record<string, string> = {}) =>
    app.request(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }) });
  const secure = (r: Response) => ({
    status: r.status,
    secureCookie: /;\s*Secure(;|$)/.test(r.headers.get("set-cookie") ?? ""),
    hsts: r.headers.get("strict-transport-security"),
  });

  it("over plain HTTP: no Secure, no HSTS", async () => {
    expect(secure(await login(api.app, "http://luoshi.example/api/auth/login"))).toEqual({ status: 200, secureCookie: false, hsts: null });
  });

  it("over HTTPS: a Secure cookie, at login and logout, and HSTS on every answer", async () => {
    const r = await login(api.app, "https://luoshi.example/api/auth/login");
    expect(secure(r)).toEqual({ status: 200, secureCookie: true, hsts: "max-age=31536000" });
    const { token } = (await r.json()) as { token: string };
    const out = await api.app.request("https://luoshi.example/api/auth/logout", { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(secure(out)).toMatchObject({ status: 200, secureCookie: true });
    expect((await api.app.request("https://luoshi.example/api/documents")).headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect((await api.app.request("https://luoshi.example/api/nothing")).headers.get("strict-transport-security")).toBe("max-age=31536000");
  });

  it("behind a trusted proxy, believes its X-Forwarded-Proto (its own, last entry)", async () => {
    expect(secure(await login(proxied, "http://internal/api/auth/login", { "x-forwarded-proto": "https" }))).toMatchObject({ secureCookie: true, hsts: "max-age=31536000" });
    expect(secure(await login(proxied, "http://internal/api/auth/login", { "x-forwarded-proto": "https, http" }))).toMatchObject({ secureCookie: false, hsts: null });
    expect(secure(await login(proxied, "http://internal/api/auth/login"))).toMatchObject({ secureCookie: false, hsts: null });
  });

  it("without a trusted proxy, ignores X-Forwarded-Proto", async () => {
    expect(secure(await login(api.app, "http://luoshi.example/api/auth/login", { "x-forwarded-proto": "https" }))).toMatchObject({ secureCookie: false, hsts: null });
  });
});
