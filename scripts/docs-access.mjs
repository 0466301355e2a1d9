// Writes the access table of src/server/access.ts (built into dist/) into docs/tracking.md, between its markers.
import { readFileSync, writeFileSync } from "node:fs";
import { withAccessTable } from "../dist/server/access.js";

const file = new URL("../docs/tracking.md", import.meta.url);
const doc = readFileSync(file, "utf8");
const next = withAccessTable(doc);
if (next === doc) console.log("docs/tracking.md: the access table is up to date");
else {
  writeFileSync(file, next);
  console.log("docs/tracking.md: the access table was rewritten");
}
