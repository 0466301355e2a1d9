import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { ADMIN_PASSWORD, openApi, type Api } from "../../test/support/api.js";
import { MAX_JSON_BYTES } from "./app.js";
import { toApiError } from "./errors.js";
import { isCalendarDate } from "../track/workdays.js";
import { DatabaseUnavailable } from "../store/db.js";

type Json = Record<string, any>;

describe("calendar dates", () => {
  it("accepts days of the calendar and refuses the rest", () => {
    expect(isCalendarDate("2020-02-29")).toBe(true);
    expect(isCalendarDate("2020-02-30")).toBe(false);
    expect(isCalendarDate("2021-02-29")).toBe(false);
    expect(isCalendarDate("2020-13-01")).toBe(false);
    expect(isCalendarDate("2020-04-31")).toBe(false);
    expect(isCalendarDate("0000-01-01")).toBe(false);
    expect(isCalendarDate("2020-1-01")).toBe(false);
  });
});

describe("errors past the schemas", () => {
  it("answers a value the database refuses as a 400, a lost database as a 503 in Chinese", () => {
    const nul = toApiError(Object.assign(new Error("unsupported Unicode escape sequence"), { code: "22P05" }));
    expect([nul.status, nul.code]).toEqual([400, "validation"]);
    const range = toApiError(Object.assign(new Error("integer out of range"), { code: "22003" }));
    expect(range.status).toBe(400);
    const killed = toApiError(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }));
    expect([killed.status, killed.code]).toEqual([503, "unavailable"]);
    expect(killed.message).toMatch(/数据库暂时不可用/);
    expect(killed.headers?.["Retry-After"]).toBeTruthy();
    expect(toApiError(new DatabaseUnavailable(new Error("Connection terminated unexpectedly"))).status).toBe(503);
    expect(toApiError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })).status).toBe(503);
    const raced = toApiError(Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505" }));
    expect([raced.status, raced.code]).toEqual([409, "conflict"]);
    expect(toApiError(new Error("something else")).status).toBe(500);
  });
});

describeEngines("input limits", (engine) => {
  let api: Api;
  let admin: string;
  beforeAll(async () => {
    api = await openApi(engine);
    admin = await api.login("admin", ADMIN_PASSWORD);
  });
  afterAll(async () => api?.close());

  const expectError = async (r: Response, status: number, error: string): Promise<Json> => {
    const b = (await r.json()) as Json;
    expect({ status: r.status, error: b.error }).toEqual({ status, error });
    expect(typeof b.message).toBe("string");
    return b;
  };

  it("refuses a JSON body over 1 MB with a 413 in Chinese, on an anonymous login and on any route", async () => {
    const huge = JSON.stringify({ username: "admin", password: "x".repeat(MAX_JSON_BYTES + 10) });
    const r = await api.app.request("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: huge });
    const b = await expectError(r, 413, "too_large");
    expect(b.message).toMatch(/请求体超过上限/);
    const patch = await api.req("/api/users/1", { token: admin, method: "PATCH", json: { displayName: "管".repeat(MAX_JSON_BYTES) } });
    await expectError(patch, 413, "too_large");
    // a streamed body (no Content-Length) is counted as it arrives
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(ctl) {
        if (sent++ > 40) ctl.close();
        else ctl.enqueue(chunk);
      },
    });
    const streamed = await api.app.request(
      new Request("http://x/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit),
    );
    await expectError(streamed, 413, "too_large");
    // under the limit, the body is read and judged by its schema
    const small = await api.req("/api/auth/login", { json: { username: "admin", password: "x".repeat(300) } });
    await expectError(small, 400, "validation");
  });

  it("refuses ids that do not fit an int4 column as 400, in paths, queries and bodies", async () => {
    const tooBig = "2147483648";
    for (const path of [`/api/documents/${tooBig}`, `/api/tasks/${tooBig}`, `/api/measures/99999999999999999999`, `/api/tasks?body=${tooBig}`, `/api/search?q=网络&document=${tooBig}`, `/api/dashboard?body=${tooBig}`, `/api/audit?document=${tooBig}`]) {
      const b = await expectError(await api.req(path, { token: admin }), 400, "validation");
      if (path.includes(tooBig)) expect(b.message).toMatch(/2147483647/);
    }
    await expectError(await api.req(`/api/measures/1/tasks`, { token: admin, json: { bodyId: 2 ** 31, role: "lead" } }), 400, "validation");
    await expectError(await api.req(`/api/bodies/1/merge`, { token: admin, json: { into: 2 ** 40 } }), 400, "validation");
    await expectError(await api.req(`/api/users/1`, { token: admin, method: "PATCH", json: { bodyIds: [2 ** 31] } }), 400, "validation");
    await expectError(await api.req(`/api/tasks/1/reports`, { token: admin, json: { text: "进展", targetId: 2 ** 31 } }), 400, "validation");
    // the largest int4 is a valid id that is simply not there
    await expectError(await api.req(`/api/documents/2147483647`, { token: admin }), 404, "not_found");
  });

  it("refuses NUL characters in strings as 400", async () => {
    await expectError(await api.req("/api/auth/login", { json: { username: "ad\u0000min", password: "whatever-password" } }), 400, "validation");
    await expectError(await api.req("/api/auth/login", { json: { username: "admin", password: "pass\u0000word" } }), 400, "validation");
    for (const path of ["/api/search?q=%00网络", "/api/bodies?q=%00", "/api/documents?docNumber=a%00b", "/api/audit?action=%00", "/api/dashboard?region=%00"]) {
      const b = await expectError(await api.req(path, { token: admin }), 400, "validation");
      expect(b.message).toMatch(/NUL/);
    }
    await expectError(await api.req(`/api/tasks/1/reports`, { token: admin, json: { text: "进展\u0000" } }), 400, "validation");
    await expectError(await api.req(`/api/tasks/1/comments`, { token: admin, json: { text: "\u0000" } }), 400, "validation");
    await expectError(await api.req(`/api/users`, { token: admin, json: { username: "nul-user", password: "long-enough-pw", role: "supervisor", displayName: "a\u0000" } }), 400, "validation");
    await expectError(
      await api.req(`/api/tasks/1/reports`, { token: admin, json: { text: "进展", evidence: ["https://example.org/\u0000"] } }),
      400,
      "validation",
    );
  });

  it("refuses impossible dates as 400, and takes 29 February of a leap year", async () => {
    const b = await expectError(await api.req("/api/tasks?dueBefore=2020-02-30", { token: admin }), 400, "validation");
    expect(b.message).toMatch(/dueBefore：不是日历上存在的日期/);
    await expectError(await api.req("/api/tasks?dueBefore=2021-02-29", { token: admin }), 400, "validation");
    expect((await api.req("/api/tasks?dueBefore=2020-02-29", { token: admin })).status).toBe(200);
    await expectError(await api.req(`/api/tasks/1/reports`, { token: admin, json: { text: "进展", reportDate: "2020-02-30" } }), 400, "validation");
    await expectError(await api.req(`/api/measures/1/tasks`, { token: admin, json: { bodyId: 1, role: "lead", dueDate: "2020-04-31" } }), 400, "validation");
  });

  it("answers no route of the OpenAPI document with a 500, whatever its parameters and body hold", async () => {
    const doc = (await (await api.req("/openapi.json")).json()) as Json;
    const hostile = ["2147483648", "-1", "1e400", "\u0000", "2020-02-30", "x".repeat(5000), "[]", "%"];
    const bodies: unknown[] = [{}, [], null, "text", { text: "\u0000", reportDate: "2020-02-30", targetId: 2 ** 31, value: 1e308, bodyId: 2 ** 53, role: "lead", into: -1, published: "yes", username: "\u0000", password: "\u0000".repeat(20), bodyIds: [2 ** 31], evidence: ["javascript:alert(1)"] }];
    const failures: string[] = [];
    let sent = 0;
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const query = ((op.parameters ?? []) as Json[]).filter((p) => p.in === "query").map((p) => p.name as string);
        for (const v of hostile) {
          const url = path.replace("{id}", encodeURIComponent(v)) + (query.length ? "?" + query.map((q) => `${q}=${encodeURIComponent(v)}`).join("&") : "");
          const payloads = method === "get" ? [undefined] : bodies;
          for (const json of payloads) {
            const r = await api.req(url, { token: admin, method: method.toUpperCase(), json });
            sent++;
            if (r.status >= 500) failures.push(`${method} ${url.slice(0, 80)} ${JSON.stringify(json)?.slice(0, 60)}: ${r.status}`);
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(200);
    expect(failures).toEqual([]);
  });

  it("refuses deeply nested JSON as a 400, not a crash", async () => {
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    const r = await api.app.request("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: deep });
    await expectError(r, 400, "validation");
  });
});
