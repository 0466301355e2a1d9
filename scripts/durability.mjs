// Shows with strace that a commit to the embedded database is on the disk before it is acknowledged: runs
// scripts/commit-ack.mjs under `strace -f -y` and checks, for every "acked I" it prints, that since the
// previous acknowledgement a WAL file (pg_wal/…) was written and then fsynced (or fdatasynced), with no WAL
// write after that sync; and that the run that created the folder fsynced every file and folder in it.
// Prints one line with the figures; exits 1 when a commit was acknowledged unsynced or a new file was never
// synced, 2 when strace is missing or the script failed.
//   node scripts/durability.mjs [--plain] [--commits N]    (needs `npm run build` and strace)
import { spawnSync } from "node:child_process";
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const plain = args.includes("--plain");
const commits = Number(args[args.indexOf("--commits") + 1]) || 5;
const root = fileURLToPath(new URL("..", import.meta.url));

const work = mkdtempSync(join(tmpdir(), "luoshi-durability-"));
try {
  const trace = join(work, "trace");
  const subject = [join(root, "scripts/commit-ack.mjs"), ...(plain ? ["--plain"] : []), join(work, "data"), String(commits)];
  const traced = (file) => {
    const r = spawnSync("strace", ["-f", "-y", "-qq", "-o", file, "-e", "trace=write,pwrite64,pwritev,fsync,fdatasync", process.execPath, ...subject], {
      encoding: "utf8",
    });
    if (r.error) fail(`strace is needed (apt-get install strace): ${r.error.message}`);
    if (r.status !== 0) fail(`strace or commit-ack failed: ${r.stderr}`);
    return readFileSync(file, "utf8");
  };
  // a first run creates the folder: initdb's files are copied in, and must reach the disk too
  const created = traced(`${trace}.created`);
  const inFolder = listTree(join(work, "data"));
  const syncedPaths = new Set([...created.matchAll(/^\d+\s+f(?:data)?sync\(\d+<([^>]*)>/gm)].map((m) => m[1]));
  const newSynced = inFolder.filter((p) => syncedPaths.has(p)).length;
  // the measured run opens it again, as a restart would
  const v = verdict(traced(trace));
  console.log(
    `durability${plain ? " (plain PGlite)" : ""}: ${v.synced}/${v.acks} commits had their WAL fsynced before "acked"` +
      ` (${v.walFiles.join(", ") || "no WAL file written"}; ${(v.syncs / Math.max(v.acks, 1)).toFixed(1)} syncs per commit);` +
      ` a new folder had ${newSynced}/${inFolder.length} files and folders fsynced`,
  );
  process.exitCode = v.acks === commits && v.synced === v.acks && newSynced === inFolder.length ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** every file and folder under `dir`, itself included */
function listTree(dir) {
  const out = [dir];
  if (lstatSync(dir).isDirectory()) for (const name of readdirSync(dir)) out.push(...listTree(join(dir, name)));
  return out;
}

function fail(message) {
  console.error(`durability: ${message}`);
  process.exit(2);
}

/** Reads the strace log: for each acknowledgement, was the WAL written and synced after the last WAL write? */
function verdict(log) {
  const call = /^\d+\s+(write|pwrite64|pwritev|fsync|fdatasync)\((\d+)<([^>]*)>(.*)$/;
  let wrote = false; // a WAL write since the last acknowledgement
  let pending = false; // a WAL write not yet followed by a sync of its file
  const unsynced = new Set();
  const walFiles = new Set();
  let acks = 0;
  let synced = 0;
  let syncs = 0;
  let started = false;
  for (const line of log.split("\n")) {
    const m = call.exec(line);
    if (!m) continue;
    const [, name, fd, path, rest] = m;
    if (name === "write" && fd === "1") {
      if (/"opened\\n"/.test(rest)) {
        started = true;
        wrote = pending = false;
        unsynced.clear();
      } else if (started && /"acked \d+\\n"/.test(rest)) {
        acks++;
        if (wrote && !pending) synced++;
        wrote = false;
      }
      continue;
    }
    if (!started || !/\/pg_wal\/[0-9A-F]{24}$/.test(path)) continue;
    const file = path.slice(path.lastIndexOf("/pg_wal/") + 1);
    if (name.startsWith("pwrite") || name === "write") {
      wrote = true;
      unsynced.add(file);
      walFiles.add(file);
    } else {
      syncs++;
      unsynced.delete(file);
    }
    pending = unsynced.size > 0;
  }
  return { acks, synced, syncs, walFiles: [...walFiles] };
}
