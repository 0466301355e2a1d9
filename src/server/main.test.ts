import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { EXAMPLES_DIR, seedOnce, startServer } from "./main.js";

describeEngines("first start", (engine) => {
  it("ingests the examples into an empty store once, and never again", async () => {
    const { db, close } = await engine.open();
    try {
      expect(await seedOnce(db, EXAMPLES_DIR, () => {})).toBe(5);
      const docs = await db.query<{ n: number }>(`select count(*)::int as n from document`);
      expect(docs.rows[0]!.n).toBe(5);
      // emptied by hand later: still not seeded again
      await db.query(`delete from document`);
      expect(await seedOnce(db, EXAMPLES_DIR, () => {})).toBe(0);
    } finally {
      await close();
    }
  });
});

const dir = mkdtempSync(join(tmpdir(), "luoshi-server-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("starts on a fresh data folder: one-time admin password, seeds, the API over a socket on loopback", async () => {
  const lines: string[] = [];
  const { port, stop } = await startServer({ port: 0, host: "127.0.0.1", store: { dataDir: join(dir, "data") }, seed: true, log: (s) => lines.push(s) });
  try {
    const pw = lines.join("\n").match(/one-time password: (\S+)/)?.[1];
    expect(pw).toBeTruthy();
    expect(lines.join("\n")).toMatch(/ingested 5 example documents/);
    const docs = (await (await fetch(`http://127.0.0.1:${port}/api/documents`)).json()) as { total: number };
    expect(docs.total).toBe(5);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: pw }),
    });
    const { token } = (await login.json()) as { token: string };
    const tasks = (await (await fetch(`http://127.0.0.1:${port}/api/tasks?pageSize=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      total: number;
    };
    expect(tasks.total).toBeGreaterThan(100);
  } finally {
    await stop();
  }
  // a restart keeps everything and creates no second admin nor seeds again
  const again: string[] = [];
  const second = await startServer({ port: 0, host: "127.0.0.1", store: { dataDir: join(dir, "data") }, seed: true, log: (s) => again.push(s) });
  await second.stop();
  expect(again.join("\n")).not.toMatch(/one-time password|ingested/);
});
