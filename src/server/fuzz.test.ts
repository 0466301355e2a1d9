/**
 * Requests made by fast-check from the OpenAPI document's own schemas (test/support/fuzz.ts), sent to every
 * route as every kind of caller: no answer may be a 500. They go in small batches sent at once, the first request
 * of each twice, so that requests also race each other (on PostgreSQL; PGlite has one connection). Seeded, so a
 * failure is reproduced by its seed (fast-check prints it with the shrunk batch); LUOSHI_FUZZ_SEED and
 * LUOSHI_FUZZ_RUNS change the seed and the number of batches per engine, LUOSHI_FUZZ_REPORT=FILE appends the
 * answers counted by route and status to FILE.
 */
import { appendFileSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { ADMIN_PASSWORD, fileForm, openApi, passwordOf, seedBytes, seedFiles, type Api } from "../../test/support/api.js";
import { requestsOf, type FuzzRequest } from "../../test/support/fuzz.js";
import { CALLERS, type Caller } from "./access.js";

type Json = Record<string, any>;

const SEED = Number(process.env.LUOSHI_FUZZ_SEED ?? 20_200_615);
const RUNS = Number(process.env.LUOSHI_FUZZ_RUNS ?? 800);

describeEngines("request fuzz from the OpenAPI schemas", (engine) => {
  let api: Api;
  let doc: Json;
  const ids: number[] = [];
  /** each caller's user and the row it must keep (a fuzzed PATCH or password change may alter it) */
  const callers: Partial<Record<Caller, { id: number; role: string; bodyIds: number[]; token: string }>> = {};

  beforeAll(async () => {
    api = await openApi(engine);
    const admin = await api.login("admin", ADMIN_PASSWORD);
    for (const f of seedFiles().slice(0, 2)) await api.upload(admin, fileForm(f, seedBytes(f)));
    const tasks = ((await (await api.req("/api/tasks?pageSize=20", { token: admin })).json()) as Json).items as Json[];
    const a = tasks[0]!;
    const b = tasks.find((t) => t.bodyId !== a.bodyId)!;
    const wanted: Array<[Caller, string, number[]]> = [["editorOwn", "editor", [a.bodyId]], ["editorOther", "editor", [b.bodyId]], ["supervisor", "supervisor", []]];
    for (const [caller, role, bodyIds] of wanted) {
      const username = `fuzz-${caller.toLowerCase()}`;
      const r = await api.req("/api/users", { token: admin, json: { username, password: passwordOf(username), role, bodyIds } });
      expect(r.status).toBe(201);
      callers[caller] = { id: ((await r.json()) as Json).id, role, bodyIds, token: randomBytes(24).toString("base64url") };
    }
    const me = (await (await api.req("/api/auth/me", { token: admin })).json()) as Json;
    callers.admin = { id: me.id, role: "admin", bodyIds: [], token: randomBytes(24).toString("base64url") };
    // ids that exist, of every kind: the generator draws most ids from these
    const some = await api.db.query<{ id: number }>(
      `(select id from document limit 3) union (select id from measure limit 5) union (select id from task limit 5)
       union (select id from responsible_body limit 5) union (select id from app_user) union (select id from suggested_body limit 3)`,
    );
    ids.push(...new Set(some.rows.map((r) => r.id)));
    doc = (await (await api.req("/openapi.json")).json()) as Json;
    await restoreCallers();
  });
  afterAll(async () => api?.close());

  /**
   * Puts each caller back as it was: a fuzzed request may disable a user, change its role or bodies, or end its
   * session; the sessions are made in the database, as a login would, without its password hashing.
   */
  async function restoreCallers(): Promise<void> {
    for (const c of Object.values(callers)) {
      await api.db.query(`update app_user set role = $2, disabled = false where id = $1`, [c.id, c.role]);
      await api.db.query(`delete from user_body where user_id = $1`, [c.id]);
      for (const b of c.bodyIds) await api.db.query(`insert into user_body (user_id, body_id) values ($1, $2) on conflict do nothing`, [c.id, b]);
      await api.db.query(
        `insert into user_session (token_hash, user_id, expires_at) values ($1, $2, now() + interval '1 day') on conflict (token_hash) do nothing`,
        [createHash("sha256").update(c.token).digest("hex"), c.id],
      );
    }
  }

  it(`answers ${RUNS} batches of generated requests without a 500 (seed ${SEED})`, async () => {
    const statuses = new Map<number, number>();
    const byRoute = new Map<string, number>();
    const send = async (r: FuzzRequest & { route: string }, caller: Caller) => {
      const token = callers[caller as keyof typeof callers]?.token;
      const headers = { ...r.headers, ...(token && caller !== "anonymous" ? { authorization: `Bearer ${token}` } : {}) };
      const res = await api.app.request(r.url, { method: r.method, headers, body: r.body });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const k = `${r.route} ${res.status}`;
      byRoute.set(k, (byRoute.get(k) ?? 0) + 1);
      return { status: res.status, text: await res.text() };
    };
    const batches = fc
      .array(fc.tuple(requestsOf({ doc, ids }), fc.constantFrom(...CALLERS)), { minLength: 1, maxLength: 3 })
      .map((batch) => [batch[0]!, ...batch]);
    await fc.assert(
      fc.asyncProperty(batches, async (batch) => {
        const answers = await Promise.all(batch.map(([r, caller]) => send(r, caller)));
        if (batch.some(([r]) => /^(PATCH \/api\/users|POST \/api\/auth\/(password|logout)|POST \/api\/bodies)/.test(r.route))) await restoreCallers();
        answers.forEach(({ status, text }, i) => {
          const [r, caller] = batch[i]!;
          if (status >= 500) throw new Error(`${r.method} ${r.url.slice(0, 200)} as ${caller} answered ${status}: ${text.slice(0, 200)}`);
          // every refusal is the API's JSON error, not a bare one
          if (status >= 400) expect(JSON.parse(text)).toMatchObject({ error: expect.any(String), message: expect.any(String) });
        });
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    const sent = [...statuses.values()].reduce((a, b) => a + b, 0);
    if (process.env.LUOSHI_FUZZ_REPORT) appendFileSync(process.env.LUOSHI_FUZZ_REPORT, `${engine.name} seed ${SEED}: ${JSON.stringify([...byRoute].sort())}\n`);
    // the requests got past the front door, not only bounced off it
    expect(sent).toBeGreaterThan(RUNS * 2);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(sent / 10);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(sent / 10);
    // and some writes went through: a 201 of a POST, or a PATCH or DELETE done (which of them a seed reaches
    // shifts with every route added to the document; a document deleted early leaves fewer records to create on)
    const writes = [...byRoute].filter(([k]) => /^(POST|PATCH|DELETE) /.test(k) && !k.startsWith("POST /api/auth/") && / 2\d\d$/.test(k));
    expect(writes.reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
  }, 60_000 + RUNS * 300); // a bound for a slow machine, not a measure: the default 800 batches take 15-40 s
});
