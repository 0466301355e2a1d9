/**
 * Makes PGlite's data folder durable: a commit is acknowledged only once its WAL is on the disk.
 *
 * As shipped, PGlite cannot lose a commit to a crash of its own process (every write reaches the operating
 * system's page cache at once) but can lose it to an OS crash or power loss: it starts PostgreSQL with fsync
 * off (`-F` in its default start parameters), and its Node filesystem (Emscripten's NODEFS) has no fsync
 * operation, so even an fsync PostgreSQL asked for would do nothing. Its own `relaxedDurability` option does
 * not help here: it only says whether a query waits for `syncToFs`, which is empty for NODEFS.
 *
 * So, written here because PGlite offers no switch for it:
 *  - NODEFS's stream operations gain `fsync`, a real fsync(2) of the open file (or folder) behind the stream;
 *  - PostgreSQL starts with fsync on and `wal_sync_method=fsync` (Emscripten's fdatasync is a no-op that never
 *    reaches the filesystem; fsync does), so commits, checkpoints, new WAL segments, renames and the folders
 *    holding them are synced as on a PostgreSQL server;
 *  - a folder created by PGlite (initdb's files are copied in without a sync) or written by an earlier luoshi
 *    is synced once, file by file, and marked as synced.
 *
 * It depends on PGlite's internals (the `-F` parameter, NODEFS's shape); `openDurablePglite` refuses to start
 * when they have changed, and test/durability.test.ts checks with strace that the WAL is synced before a commit
 * is acknowledged.
 */
import { closeSync, existsSync, fsyncSync, lstatSync, openSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

/** Written once the whole folder has been synced; from then on PostgreSQL's own syncs keep it so. */
const SYNCED_MARKER = "luoshi.synced";

interface NodeFsStream {
  nfd: number;
}
interface NodeFsModule {
  NODEFS?: { stream_ops?: Record<string, unknown>; tryFSOperation?: (f: () => unknown) => unknown };
}

/** NODEFS with an fsync that reaches the disk. */
class DurableNodeFS extends NodeFS {
  patched = false;

  override async init(...args: Parameters<NodeFS["init"]>): ReturnType<NodeFS["init"]> {
    const r = await super.init(...args);
    const addFsync = (mod: NodeFsModule) => {
      const nodefs = mod.NODEFS;
      if (!nodefs?.stream_ops || typeof nodefs.tryFSOperation !== "function") return;
      const tryOp = nodefs.tryFSOperation.bind(nodefs);
      // an error (EIO) becomes the errno PostgreSQL sees, and with data_sync_retry off it stops rather than go on
      nodefs.stream_ops.fsync = (stream: NodeFsStream) => {
        tryOp(() => fsyncSync(stream.nfd));
        return 0;
      };
      this.patched = true;
    };
    r.emscriptenOpts.preRun = [...(r.emscriptenOpts.preRun ?? []), addFsync as never];
    return r;
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsync(2) every file and folder under `dir`, folders after what they hold. */
function syncTree(dir: string): void {
  const st = lstatSync(dir);
  if (st.isDirectory()) for (const name of readdirSync(dir)) syncTree(join(dir, name));
  if (st.isDirectory() || st.isFile()) fsyncPath(dir);
}

/** PGlite's start parameters less `-F` (fsync off), with the one WAL sync method that reaches the disk. */
/** The embedded database's buffer cache (see durableStartParams). */
export const EMBEDDED_SHARED_BUFFERS = "32MB";

function durableStartParams(): string[] {
  const defaults = (PGlite as unknown as { defaultStartParams?: string[] }).defaultStartParams;
  if (!Array.isArray(defaults) || !defaults.includes("-F")) {
    throw new Error("this version of PGlite starts PostgreSQL differently than luoshi expects; its data folder cannot be made durable (use DATABASE_URL)");
  }
  // shared_buffers: PostgreSQL's 128MB default lives in the WebAssembly heap, which never shrinks, and duplicates
  // the operating system's file cache that NODEFS reads go through anyway; 32MB took the idle process from 312 to
  // 206 MB resident with the examples loaded, and scans were no slower
  return [...defaults.filter((p) => p !== "-F"), "-c", "fsync=on", "-c", "wal_sync_method=fsync", "-c", `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`];
}

/** Opens PGlite on the folder `dir` with every commit synced to disk before it is acknowledged. */
export async function openDurablePglite(dir: string, options: Omit<PGliteOptions, "fs" | "dataDir" | "startParams">): Promise<PGlite> {
  const root = resolve(dir);
  const fs = new DurableNodeFS(root);
  const pg = await PGlite.create({ ...options, fs, startParams: durableStartParams() });
  if (!fs.patched) {
    await pg.close();
    throw new Error("this version of PGlite has a file system luoshi cannot make durable (use DATABASE_URL)");
  }
  const marker = join(root, SYNCED_MARKER);
  if (!existsSync(marker)) {
    syncTree(root);
    writeFileSync(marker, `${new Date().toISOString()}\n`);
    fsyncPath(marker);
    fsyncPath(root);
  }
  return pg;
}
