// A private PostgreSQL cluster for the chaos experiments: initdb into a temporary folder, started on a free port
// of 127.0.0.1 (never the shared server's 5432), restarted and stopped at will, removed at the end. Run as root
// (CI), the server's commands run as the `postgres` user (initdb refuses root).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/** The newest PostgreSQL server binaries on the machine (PG_BIN to choose), or null. */
export function findPgBin() {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, "initdb")) ? process.env.PG_BIN : null;
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, "bin", "initdb"))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions[0]) return join(base, versions[0], "bin");
  const onPath = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const dir = onPath.status === 0 ? onPath.stdout.trim() : "";
  return dir && existsSync(join(dir, "initdb")) ? dir : null;
}

/** A port nobody listens on now (the kernel's pick), never 5432. */
export async function freePort() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const s = createServer();
      s.once("error", reject);
      s.listen(0, "127.0.0.1", () => {
        const p = s.address().port;
        s.close(() => resolve(p));
      });
    });
    if (port !== 5432) return port;
  }
}

export class Cluster {
  /** @param {string} bin */
  constructor(bin) {
    this.bin = bin;
    this.dir = mkdtempSync(join(tmpdir(), "luoshi-chaos-pg-"));
    this.data = join(this.dir, "data");
    this.port = 0;
    this.running = false;
    // initdb and the server refuse to run as root: hand the folder to `postgres` and run as that user
    this.user = process.getuid?.() === 0 ? "postgres" : null;
    if (this.user) {
      const uid = Number(execFileSync("id", ["-u", this.user], { encoding: "utf8" }));
      const gid = Number(execFileSync("id", ["-g", this.user], { encoding: "utf8" }));
      chownSync(this.dir, uid, gid);
    }
  }

  command(tool, args) {
    return this.user ? ["runuser", ["-u", this.user, "--", join(this.bin, tool), ...args]] : [join(this.bin, tool), args];
  }

  run(tool, args, opts = {}) {
    const [cmd, argv] = this.command(tool, args);
    const r = spawnSync(cmd, argv, { encoding: "utf8", cwd: this.dir, timeout: opts.timeoutMs ?? 120_000 });
    if (r.status !== 0 && !opts.allowFail) {
      throw new Error(`${tool} ${args.join(" ")} failed: ${(r.stderr || r.stdout || String(r.error)).trim().split("\n").slice(-3).join(" | ")}`);
    }
    return r;
  }

  async start() {
    this.port = await freePort();
    this.run("initdb", ["-D", this.data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
    const opts = `-p ${this.port} -k ${this.data} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on`;
    this.run("pg_ctl", ["-D", this.data, "-l", join(this.dir, "server.log"), "-o", opts, "-w", "-t", "60", "start"]);
    this.running = true;
    return this;
  }

  /**
   * `pg_ctl restart -m fast|immediate` (immediate is a crash, recovered from the WAL on start), without blocking
   * this process: the writers go on while the server is away.
   */
  restart(mode) {
    const [cmd, argv] = this.command("pg_ctl", ["-D", this.data, "-m", mode, "-w", "-t", "60", "restart"]);
    return new Promise((resolve, reject) => {
      const p = spawn(cmd, argv, { cwd: this.dir, stdio: ["ignore", "ignore", "pipe"] });
      let err = "";
      p.stderr.on("data", (d) => (err += d));
      p.on("error", reject);
      p.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctl restart -m ${mode} failed: ${err.trim()}`))));
    });
  }

  version() {
    return this.run("postgres", ["--version"]).stdout.trim().replace(/^postgres \(PostgreSQL\) /, "");
  }

  url(db) {
    return `postgres://postgres@127.0.0.1:${this.port}/${db}`;
  }

  async createDb(name) {
    await this.sql("postgres", `create database ${name}`);
    return this.url(name);
  }

  /** A connected client of database `db` (the caller ends it). */
  async client(db) {
    const client = new pg.Client({ connectionString: this.url(db) });
    await client.connect();
    return client;
  }

  /** Runs one statement on database `db` and returns its rows. */
  async sql(db, text, params = []) {
    const client = await this.client(db);
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  }

  /** Stops the server (immediately: nothing in it is kept) and removes its folder. Safe to call twice. */
  stop() {
    if (this.running) this.run("pg_ctl", ["-D", this.data, "-m", "immediate", "-w", "stop"], { allowFail: true });
    this.running = false;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
