/**
 * The server against a PostgreSQL server that goes away: backends terminated (pg_terminate_backend) during
 * requests and between the statements of a transaction, the server unreachable, and not ready yet at start.
 * PostgreSQL only (LUOSHI_TEST_DATABASE_URL); each suite works in a schema of its own.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PG_URL } from "../../test/support/engines.js";
import { ADMIN_PASSWORD } from "../../test/support/api.js";
import { freePort, tcpProxy, type TcpProxy } from "../../test/support/tcp-proxy.js";
import { DatabaseUnavailable, type Db } from "../store/db.js";
import { openStore } from "../store/index.js";
import { dropSchema } from "../store/postgres.js";
import { ensureAdmin } from "../track/users.js";
import { createApp } from "./app.js";

type Json = Record<string, any>;
const d = PG_URL ? describe : describe.skip;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tag = () => randomBytes(5).toString("hex");

async function loginOf(app: ReturnType<typeof createApp>): Promise<string> {
  const r = await app.request("/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
  });
  expect(r.status).toBe(200);
  return ((await r.json()) as Json).token;
}

d("a server that outlives its database: backends terminated", () => {
  const schema = `t_outage_${tag()}`;
  const appName = `luoshi_test_${tag()}`;
  let db: Db;
  let app: ReturnType<typeof createApp>;
  let killer: pg.Client;
  let token: string;
  /** ends every backend of this suite's pool; returns how many */
  const terminate = async () =>
    (await killer.query<{ n: number }>(`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = $1`, [appName])).rows[0]!.n;

  beforeAll(async () => {
    db = await openStore({ databaseUrl: PG_URL!, schema, applicationName: appName });
    await ensureAdmin(db, ADMIN_PASSWORD);
    app = createApp({ db, log: () => {} });
    killer = new pg.Client({ connectionString: PG_URL });
    await killer.connect();
    token = await loginOf(app);
  });
  afterAll(async () => {
    await killer?.end();
    await db?.close();
    await dropSchema(PG_URL!, schema);
  });

  it("fails a transaction whose backend is killed between its statements as unavailable, and carries on", async () => {
    const run = db.transaction(async (tx) => {
      await tx.query(`insert into app_meta (key, value) values ('outage-probe', 'x')`);
      // the backend dies while this connection is checked out and idle in its transaction: without a listener
      // on the client, the driver's 'error' event would end the process here
      expect(await terminate()).toBeGreaterThan(0);
      await sleep(200);
      await tx.query(`select 1`);
    });
    await expect(run).rejects.toBeInstanceOf(DatabaseUnavailable);
    // nothing of it was committed, and the next statements get a fresh connection
    expect((await db.query(`select * from app_meta where key = 'outage-probe'`)).rows).toHaveLength(0);
    expect((await db.transaction((tx) => tx.query<{ one: number }>(`select 1 as one`))).rows[0]!.one).toBe(1);
  });

  it("answers 503 (never 500) while its backends are killed under load, and recovers each time", async () => {
    let killed = 0;
    const seen = new Map<number, number>();
    for (let round = 0; round < 6; round++) {
      const requests = Array.from({ length: 16 }, (_, i) => {
        const r =
          i % 4 === 0
            ? app.request("/api/auth/login", {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
              })
            : i % 4 === 1
              ? app.request("/ready")
              : app.request(`/api/tasks?pageSize=5&page=${1 + (i % 3)}`, { headers: { authorization: `Bearer ${token}` } });
        return r;
      });
      await sleep(round * 3);
      killed += await terminate();
      for (const r of await Promise.all(requests)) {
        seen.set(r.status, (seen.get(r.status) ?? 0) + 1);
        if (r.status === 503) {
          const b = (await r.json()) as Json;
          expect(b.message).toMatch(/数据库暂时不可用/);
          expect(r.headers.get("retry-after")).toBeTruthy();
        }
      }
      // the same process answers the next request from a fresh connection
      expect((await app.request("/ready")).status).toBe(200);
      expect((await app.request("/api/auth/me", { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    }
    expect(killed).toBeGreaterThan(0);
    // a login cut off after its password was evaluated still counts as an attempt, so repeated cuts can make
    // the pair back off (429); nothing may answer 500
    expect([...seen.keys()].filter((s) => s !== 200 && s !== 503 && s !== 429)).toEqual([]);
    expect(seen.get(200)).toBeGreaterThan(0);
  });
});

d("a server that outlives its database: unreachable, and late at start", () => {
  const schema = `t_outage_${tag()}`;
  let proxy: TcpProxy;
  let db: Db;
  let app: ReturnType<typeof createApp>;
  let token: string;

  beforeAll(async () => {
    proxy = await tcpProxy(PG_URL!);
    db = await openStore({ databaseUrl: proxy.url, schema });
    await ensureAdmin(db, ADMIN_PASSWORD);
    app = createApp({ db, log: () => {} });
    token = await loginOf(app);
  });
  afterAll(async () => {
    await db?.close().catch(() => {});
    await proxy?.close();
    await dropSchema(PG_URL!, schema);
  });

  it("says it is up but not ready while the database is away, answers 503, and recovers when it is back", async () => {
    await proxy.down();
    expect((await app.request("/health")).status).toBe(200);
    const ready = await app.request("/ready");
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as Json).message).toMatch(/数据库暂时不可用/);
    const tasks = await app.request("/api/tasks", { headers: { authorization: `Bearer ${token}` } });
    expect(tasks.status).toBe(503);
    const login = await app.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(503);
    await proxy.up();
    expect((await app.request("/ready")).status).toBe(200);
    expect((await app.request("/api/tasks", { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it("waits at start for a database that is not ready yet, saying so, and gives up after its bound", async () => {
    const late = await tcpProxy(PG_URL!, { startDown: true });
    const lines: string[] = [];
    const opening = openStore({ databaseUrl: late.url, schema: `${schema}_late`, waitSeconds: 30, log: (l) => lines.push(l) });
    await sleep(1200);
    await late.up();
    const lateDb = await opening;
    try {
      expect((await lateDb.query<{ one: number }>(`select 1 as one`)).rows[0]!.one).toBe(1);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines[0]).toMatch(/the database is not ready .*retrying in \d+ ms \(attempt 1\)/);
    } finally {
      await lateDb.close();
      await late.close();
      await dropSchema(PG_URL!, `${schema}_late`);
    }
    const nowhere = new URL(PG_URL!);
    nowhere.hostname = "127.0.0.1";
    nowhere.port = String(await freePort());
    const started = Date.now();
    await expect(openStore({ databaseUrl: nowhere.toString(), waitSeconds: 1, log: () => {} })).rejects.toThrow(/did not become ready within 1 s/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
