// Runs the whole suite (type check, build, then vitest) and ends with a plain "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { readFileSync, mkdirSync } from "node:fs";

const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit" }).status ?? 1;
const typecheck = [["tsc", "-p", "tsconfig.json", "--noEmit"], ["tsc", "-p", "web/tsconfig.json"], ["tsc", "-p", "test/e2e/tsconfig.json"]];
if (typecheck.some((args) => run("npx", args) !== 0)) {
  console.log("0 passed, 1 failed");
  process.exit(1);
}
// the command-line and browser suites run the built command and web app: build both from the sources under test
if (run("npm", ["run", "build", "--silent"]) !== 0) {
  console.log("0 passed, 1 failed");
  process.exit(1);
}
mkdirSync("test-output", { recursive: true });
const status = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json",
  "--outputFile.json=test-output/vitest.json", ...process.argv.slice(2)]);
try {
  const r = JSON.parse(readFileSync("test-output/vitest.json", "utf8"));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
} catch {
  console.log(`0 passed, ${status === 0 ? 0 : 1} failed`);
}
process.exit(status);
