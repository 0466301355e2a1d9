/**
 * A worker thread's entry as built JavaScript. Run built, the entry is the module beside its caller. Under the test
 * runner the caller is TypeScript source, and a worker thread cannot load source: the build (dist/, made by
 * `npm run build`) serves then.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** `caller`: the import.meta.url of the module starting the thread; `dir`/`name`: the entry's place under src/. */
export function threadEntry(caller: string, dir: string, name: string): string {
  const built = fileURLToPath(new URL(`./${name}`, caller));
  if (existsSync(built)) return built;
  // this module is src/jobs/thread-entry.ts (or dist/jobs/…): the project root is two folders up
  return fileURLToPath(new URL(`../../dist/${dir}/${name}`, import.meta.url));
}
