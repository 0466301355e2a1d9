/** An API over a fresh database with the seeds ingested, and users of every role, for the server tests. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseBytes } from "../../src/parse/index.js";
import { createApp } from "../../src/server/app.js";
import type { SupervisionSettings } from "../../src/server/context.js";
import type { Db } from "../../src/store/db.js";
import { ensureAdmin } from "../../src/track/users.js";
import type { Engine } from "./engines.js";

export const SEEDS_DIR = join(import.meta.dirname, "../../examples/seeds");
export const seedFiles = () => readdirSync(SEEDS_DIR).filter((f) => f.endsWith(".txt")).sort();
export const seedBytes = (f: string) => new Uint8Array(readFileSync(join(SEEDS_DIR, f)));

export const ADMIN_PASSWORD = "admin-password-123";
/** the clock of the tests: mid-2020, while the seeds' measures run */
export const TODAY = "2020-06-15";

export interface Api {
  db: Db;
  app: ReturnType<typeof createApp>;
  req: (path: string, opts?: { token?: string | null; method?: string; json?: unknown; form?: FormData; headers?: Record<string, string> }) => Promise<Response>;
  login: (username: string, password: string) => Promise<string>;
  close: () => Promise<void>;
}

export async function openApi(engine: Engine, opts: { maxUploadBytes?: number; supervision?: SupervisionSettings } = {}): Promise<Api> {
  const { db, close } = await engine.open();
  const app = createApp({ db, parse: parseBytes, now: () => new Date(`${TODAY}T08:00:00Z`), maxUploadBytes: opts.maxUploadBytes, supervision: opts.supervision, log: () => {} });
  await ensureAdmin(db, ADMIN_PASSWORD);
  const req: Api["req"] = async (path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | FormData | undefined;
    if (o.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(o.json);
    } else if (o.form) body = o.form;
    return app.request(path, { method: o.method ?? (body ? "POST" : "GET"), headers, body });
  };
  const login = async (username: string, password: string) => {
    const r = await req("/api/auth/login", { json: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
    return ((await r.json()) as { token: string }).token;
  };
  return { db, app, req, login, close };
}

export function fileForm(name: string, bytes: Uint8Array, extra: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append("file", new File([Buffer.from(bytes)], name));
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  return form;
}
