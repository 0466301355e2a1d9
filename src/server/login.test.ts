import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { ADMIN_PASSWORD, openApi, passwordOf, type Api } from "../../test/support/api.js";
import { LOGIN_LIMIT, loginBackoffSeconds } from "../track/users.js";
import { createApp } from "./app.js";

type Json = Record<string, any>;

describe("login backoff", () => {
  it("lets the first failures through, then doubles the wait from a minute up to the window", () => {
    expect(loginBackoffSeconds(LOGIN_LIMIT - 1)).toBe(0);
    expect(loginBackoffSeconds(LOGIN_LIMIT)).toBe(60);
    expect(loginBackoffSeconds(LOGIN_LIMIT + 1)).toBe(120);
    expect(loginBackoffSeconds(LOGIN_LIMIT + 20)).toBe(15 * 60);
  });
});

describeEngines("login under load", (engine) => {
  let api: Api;
  let admin: string;
  /** the same database behind a proxy the operator trusts: the address comes from X-Forwarded-For */
  let proxied: ReturnType<typeof createApp>;

  beforeAll(async () => {
    api = await openApi(engine);
    admin = await api.login("admin", ADMIN_PASSWORD);
    proxied = createApp({ db: api.db, jobs: api.jobs, trustProxy: true, log: () => {} });
  });
  afterAll(async () => api?.close());

  const mkUser = async (username: string) => {
    const r = await api.req("/api/users", { token: admin, json: { username, password: passwordOf(username), role: "supervisor" } });
    expect(r.status).toBe(201);
    return ((await r.json()) as Json).id as number;
  };
  const attempt = (app: { request: Api["app"]["request"] }, username: string, password: string, from?: string) =>
    app.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", ...(from ? { "x-forwarded-for": from } : {}) },
      body: JSON.stringify({ username, password }),
    });

  it("evaluates at most the limit of 100 concurrent guesses, the right password among them", async () => {
    const id = await mkUser("besieged");
    const guesses = Array.from({ length: 100 }, (_, i) => (i === 99 ? passwordOf("besieged") : `wrong-guess-${i}`));
    const statuses = (await Promise.all(guesses.map((p) => attempt(api.app, "besieged", p)))).map((r) => r.status);
    const evaluated = statuses.filter((s) => s !== 429);
    expect(evaluated.length).toBeLessThanOrEqual(LOGIN_LIMIT);
    expect(evaluated.every((s) => s === 401 || s === 200)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBe(100 - evaluated.length);
    // every evaluated attempt is in the audit log, and nothing of the passwords
    const log = (await (await api.req(`/api/audit?entity=user&entityId=${id}&pageSize=200`, { token: admin })).json()) as Json;
    const failed = log.items.filter((e: Json) => e.action === "auth.login_failed");
    expect(failed.length).toBe(statuses.filter((s) => s === 401).length);
    expect(failed[0].after).toMatchObject({ username: "besieged" });
    expect(JSON.stringify(log.items)).not.toMatch(/wrong-guess/);
    expect(JSON.stringify(log.items)).not.toContain(passwordOf("besieged"));
  });

  it("backs off per name and address: a stranger's failures do not lock the owner out from elsewhere", async () => {
    await mkUser("owner");
    const stranger = "198.51.100.7";
    for (let i = 0; i < LOGIN_LIMIT; i++) expect((await attempt(proxied, "owner", `guess-${i}-xxxx`, stranger)).status).toBe(401);
    const refused = await attempt(proxied, "owner", passwordOf("owner"), stranger);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(50);
    expect(((await refused.json()) as Json).message).toMatch(/登录失败次数过多/);
    // the client cannot step out of its backoff by writing its own X-Forwarded-For before the proxy's entry
    expect((await attempt(proxied, "owner", passwordOf("owner"), `203.0.113.50, ${stranger}`)).status).toBe(429);
    // the owner, from their own address, logs in; so does the same name in other capitals, counted as one
    expect((await attempt(proxied, "owner", passwordOf("owner"), "203.0.113.9")).status).toBe(200);
    expect((await attempt(proxied, "OWNER", passwordOf("owner"), stranger)).status).toBe(429);
  });

  it("lets the pair try again once the wait is over, and doubles the next wait", async () => {
    await mkUser("patient");
    const from = "192.0.2.44";
    for (let i = 0; i < LOGIN_LIMIT; i++) await attempt(proxied, "patient", `guess-${i}-xxxx`, from);
    expect((await attempt(proxied, "patient", passwordOf("patient"), from)).status).toBe(429);
    await api.db.query(`update login_attempt set at = at - interval '61 seconds' where username = 'patient'`);
    expect((await attempt(proxied, "patient", "another-wrong-one", from)).status).toBe(401);
    const next = await attempt(proxied, "patient", passwordOf("patient"), from);
    expect(next.status).toBe(429);
    expect(Number(next.headers.get("retry-after"))).toBeGreaterThan(100);
    await api.db.query(`update login_attempt set at = at - interval '121 seconds' where username = 'patient'`);
    expect((await attempt(proxied, "patient", passwordOf("patient"), from)).status).toBe(200);
    // a success starts the count afresh
    expect((await attempt(proxied, "patient", "wrong-again-xxxx", from)).status).toBe(401);
  });

  it("reads X-Forwarded-For only when told to trust a proxy", async () => {
    await mkUser("direct");
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      expect((await attempt(api.app, "direct", `guess-${i}-xxxx`, `10.0.0.${i}`)).status).toBe(401);
    }
    expect((await attempt(api.app, "direct", passwordOf("direct"), "10.0.0.200")).status).toBe(429);
  });

  it("audits a successful login with the address it came from", async () => {
    const id = await mkUser("audited");
    expect((await attempt(proxied, "audited", passwordOf("audited"), "192.0.2.8")).status).toBe(200);
    const log = (await (await api.req(`/api/audit?action=auth.login&entityId=${id}`, { token: admin })).json()) as Json;
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ actor: "audited", entity: "user", after: { username: "audited", client: "192.0.2.8" } });
  });

  it("sets a cookie the page can read beside the HttpOnly session, and clears both at logout", async () => {
    const login = await attempt(api.app, "admin", ADMIN_PASSWORD);
    const set = login.headers.getSetCookie();
    const session = set.find((s) => s.startsWith("luoshi_session="))!;
    const hint = set.find((s) => s.startsWith("luoshi_signed_in="))!;
    expect(session).toMatch(/HttpOnly/);
    expect(hint).toMatch(/^luoshi_signed_in=1;/);
    expect(hint).not.toMatch(/HttpOnly/);
    expect(hint.match(/Max-Age=(\d+)/)![1]).toBe(session.match(/Max-Age=(\d+)/)![1]);
    const { token } = (await login.json()) as Json;
    const out = await api.req("/api/auth/logout", { token, method: "POST" });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().sort()).toEqual([
      expect.stringMatching(/^luoshi_session=; .*Max-Age=0/),
      expect.stringMatching(/^luoshi_signed_in=; .*Max-Age=0/),
    ]);
  });

  it("marks authenticated answers and the login's token as not to be cached", async () => {
    const login = await attempt(api.app, "admin", ADMIN_PASSWORD);
    expect(login.headers.get("cache-control")).toBe("no-store");
    expect((await api.req("/api/auth/me", { token: admin })).headers.get("cache-control")).toBe("no-store");
    expect((await api.req("/api/tasks", { token: admin })).headers.get("cache-control")).toBe("no-store");
    expect((await api.req("/api/tasks", { token: "not-a-session" })).headers.get("cache-control")).toBe("no-store");
    expect((await api.req("/api/documents")).headers.get("cache-control")).toBeNull();
    // the web app's files keep their own caching for a logged-in browser
    expect((await api.req("/openapi.json", { token: admin })).headers.get("cache-control")).not.toBe("no-store");
  });
});
