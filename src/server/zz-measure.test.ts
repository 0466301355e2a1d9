import { randomBytes } from "node:crypto";
import pg from "pg";
import { it } from "vitest";
import { parseBytes } from "../parse/index.js";
import { pglite, postgres, PG_URL } from "../../test/support/engines.js";
import { ADMIN_PASSWORD, openApi } from "../../test/support/api.js";
import { openStore } from "../store/index.js";
import { dropSchema } from "../store/postgres.js";
import { ensureAdmin } from "../track/users.js";
import { createApp } from "./app.js";

for (const engine of [pglite, postgres]) {
  it(`500 concurrent guesses ${engine.name}`, async () => {
    const api = await openApi(engine);
    const admin = await api.login("admin", ADMIN_PASSWORD);
    await api.req("/api/users", { token: admin, json: { username: "victim", password: "victim-password", role: "supervisor" } });
    const t0 = Date.now();
    const rs = await Promise.all(Array.from({ length: 500 }, (_, i) => api.req("/api/auth/login", { json: { username: "victim", password: i === 499 ? "victim-password" : `wrong-${i}-xxxx` } })));
    const c: Record<number, number> = {};
    for (const r of rs) c[r.status] = (c[r.status] ?? 0) + 1;
    console.log(`MEASURE ${engine.name}: 500 concurrent guesses -> statuses ${JSON.stringify(c)} in ${Date.now() - t0} ms`);
    await api.close();
  }, 120_000);
}

it("terminations", async () => {
  const schema = `t_meas_${randomBytes(4).toString("hex")}`;
  const appName = `luoshi_meas_${randomBytes(4).toString("hex")}`;
  const db = await openStore({ databaseUrl: PG_URL!, schema, applicationName: appName });
  await ensureAdmin(db, ADMIN_PASSWORD);
  const app = createApp({ db, parse: parseBytes, log: () => {} });
  const killer = new pg.Client({ connectionString: PG_URL });
  await killer.connect();
  const lr = await app.request("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }) });
  const token = ((await lr.json()) as any).token;
  let terminated = 0;
  const c: Record<number, number> = {};
  let recovered = 0;
  for (let round = 0; round < 30; round++) {
    const reqs = Array.from({ length: 8 }, (_, i) =>
      i % 2 ? app.request(`/api/tasks?pageSize=5`, { headers: { authorization: `Bearer ${token}` } }) : app.request("/ready"));
    await new Promise((r) => setTimeout(r, round % 5));
    terminated += (await killer.query(`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = $1`, [appName])).rows[0].n;
    for (const r of await Promise.all(reqs)) c[r.status] = (c[r.status] ?? 0) + 1;
    if ((await app.request("/ready")).status === 200) recovered++;
  }
  console.log(`MEASURE terminations: ${terminated} backends terminated over 30 rounds of 8 requests; statuses ${JSON.stringify(c)}; ready again after ${recovered}/30 rounds; process alive`);
  await killer.end();
  await db.close();
  await dropSchema(PG_URL!, schema);
}, 120_000);
