// The system under test as a user runs it: the built server (`node dist/server/main.js`) and the command
// (`node bin/luoshi.js …`) as child processes, and the HTTP API. Every child started here is remembered, so
// that the chaos run ends them (by their pid) however it stops.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { freePort } from "./cluster.mjs";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = join(ROOT, "bin/luoshi.js");
export const ADMIN_PASSWORD = "Kx7-chaos-drill-Q9";

const children = new Set();

/** Ends every child still running (SIGKILL): for the exit of the chaos run. */
export function killChildren() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
}

/** Starts a child process; resolves `exited` with its code or signal. */
export function start(args, env = {}) {
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.add(proc);
  let out = "";
  proc.stdout.on("data", (d) => (out = (out + d).slice(-20_000)));
  proc.stderr.on("data", (d) => (out = (out + d).slice(-20_000)));
  const exited = new Promise((resolve) => proc.on("exit", (code, signal) => {
    children.delete(proc);
    resolve({ code, signal });
  }));
  return { proc, exited, output: () => out };
}

/** `luoshi ingest PATHS --database-url URL`. */
export function ingest(url, paths) {
  return start([BIN, "ingest", "--database-url", url, ...paths]);
}

/** Whether the built command has a subcommand (asked through its own --help). */
export function hasCommand(name) {
  const r = spawnSync(process.execPath, [BIN, "--help"], { cwd: ROOT, encoding: "utf8" });
  // a command line of the help is indented by two spaces; its wrapped descriptions by many more
  return new RegExp(`^  ${name}\\b`, "m").test(r.stdout ?? "");
}

/** Starts the server on a free port; resolves once it listens. */
export async function startServer(url, env = {}) {
  const port = await freePort();
  const child = start([join(ROOT, "dist/server/main.js")], {
    DATABASE_URL: url,
    PORT: String(port),
    HOST: "127.0.0.1",
    LUOSHI_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LUOSHI_SEED: "0",
    ...env,
  });
  const deadline = Date.now() + 120_000;
  while (!/服务地址 http/.test(child.output())) {
    if (child.proc.exitCode !== null || Date.now() > deadline) {
      child.proc.kill("SIGKILL");
      throw new Error(`the server did not start: ${child.output().trim().split("\n").slice(-3).join(" | ")}`);
    }
    await sleep(100);
  }
  const base = `http://127.0.0.1:${port}`;
  return {
    ...child,
    base,
    alive: () => child.proc.exitCode === null && child.proc.signalCode === null,
    async stop() {
      if (child.proc.exitCode === null) child.proc.kill("SIGTERM");
      const timer = setTimeout(() => child.proc.kill("SIGKILL"), 10_000);
      await child.exited;
      clearTimeout(timer);
    },
  };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * One request to the API: resolves to { status, body } — status 0 when no answer came (connection refused or
 * reset), never throws.
 */
export async function call(base, method, path, { token, json, form, timeoutMs = 60_000 } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let body;
  if (json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form) body = form;
  try {
    const r = await fetch(base + path, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    const text = await r.text();
    let parsed = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: r.status, body: parsed };
  } catch (err) {
    return { status: 0, body: String(err?.cause?.code ?? err?.message ?? err) };
  }
}

export async function login(base, username, password) {
  const r = await call(base, "POST", "/api/auth/login", { json: { username, password } });
  if (r.status !== 200) throw new Error(`login as ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

/**
 * Uploads a document; a 202 (a job, where uploads are queued) is followed until the job is over. Resolves to the
 * status of the upload and the document stored (or null).
 */
export async function upload(base, token, name, bytes, { jobWaitMs = 120_000 } = {}) {
  const form = new FormData();
  form.append("file", new Blob([bytes], { type: "text/plain" }), name);
  const r = await call(base, "POST", "/api/documents", { token, form });
  if (r.status !== 202) return { status: r.status, documentId: r.body?.documentId ?? null, body: r.body };
  const job = await waitForJob(base, token, r.body.id, jobWaitMs);
  return { status: r.status, job, documentId: job?.result?.documentId ?? null, body: r.body };
}

/** Follows GET /api/jobs/{id} until the job is done or failed; null when it is still open at the deadline. */
export async function waitForJob(base, token, id, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const r = await call(base, "GET", `/api/jobs/${id}`, { token });
    if (r.status === 200 && (r.body.state === "done" || r.body.state === "failed")) return r.body;
    await sleep(200);
  }
  return null;
}
