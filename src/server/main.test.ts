import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { readXlsx } from "../../test/support/office.js";
import { EXAMPLES_DIR, seedOnce, serverOptionsFromEnv, startServer } from "./main.js";

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
    const pw = lines.join("\n").match(/一次性密码：(\S+)/)?.[1];
    expect(pw).toBeTruthy();
    expect(lines.join("\n")).toMatch(/已导入 examples\/seeds 中的 5 份示例文件/);
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
    // the 任务分工表 download, written in the server's office thread
    const xlsx = await fetch(`http://127.0.0.1:${port}/api/tasks/export?format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toMatch(/spreadsheetml/);
    const sheet = await (await readXlsx(new Uint8Array(await xlsx.arrayBuffer()))).sheet("任务分工表");
    expect(sheet.text("A3")).toBe("序号");
  } finally {
    await stop();
  }
  // a restart keeps everything and creates no second admin nor seeds again
  const again: string[] = [];
  const second = await startServer({ port: 0, host: "127.0.0.1", store: { dataDir: join(dir, "data") }, seed: true, log: (s) => again.push(s) });
  await second.stop();
  expect(again.join("\n")).not.toMatch(/一次性密码|已导入/);
});

const hasOpenssl = spawnSync("openssl", ["version"]).status === 0;

it.skipIf(!hasOpenssl)("serves HTTPS itself with LUOSHI_TLS_CERT and LUOSHI_TLS_KEY: a Secure cookie and HSTS", async () => {
  const tls = join(dir, "tls");
  const made = spawnSync("sh", ["-c", `mkdir -p ${tls} && cd ${tls} && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout key.pem -out cert.pem -days 1 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1`]);
  expect(made.status, made.stderr.toString()).toBe(0);
  const env = { LUOSHI_TLS_CERT: join(tls, "cert.pem"), LUOSHI_TLS_KEY: join(tls, "key.pem"), LUOSHI_DATA: join(dir, "tls-data") };
  expect(() => serverOptionsFromEnv({ LUOSHI_TLS_CERT: env.LUOSHI_TLS_CERT })).toThrow(/同时设置 LUOSHI_TLS_CERT 和 LUOSHI_TLS_KEY/);
  const lines: string[] = [];
  const o = serverOptionsFromEnv(env);
  const { port, stop } = await startServer({ ...o, port: 0, seed: false, adminPassword: "Tls-Keeper-2020!", log: (s) => lines.push(s) });
  try {
    expect(lines.join("\n")).toMatch(/服务地址 https:\/\/127\.0\.0\.1:/);
    const answer = await new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port, path: "/api/auth/login", method: "POST", ca: readFileSync(env.LUOSHI_TLS_CERT), headers: { "content-type": "application/json" } },
        (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify({ username: "admin", password: "Tls-Keeper-2020!" }));
    });
    expect(answer.status).toBe(200);
    expect(String(answer.headers["set-cookie"])).toMatch(/; Secure/);
    expect(answer.headers["strict-transport-security"]).toBe("max-age=31536000");
  } finally {
    await stop();
  }
});
