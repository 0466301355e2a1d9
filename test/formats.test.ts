/**
 * Cross-format equivalence: each seed document, delivered as GB18030 text, as a government site's HTML page,
 * as a Word document, as a PDF printed by Chromium and as the site's traditional-character page, parses to
 * the same outline, the same responsible and lead bodies and the same quantities as the plain UTF-8 text.
 * Fixtures are generated into a temporary directory on every run.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { Converter } from "opencc-js/cn2t";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParsedFile } from "../src/model/exchange.js";
import { parseText } from "../src/parse/index.js";
import { readDocumentFile } from "../src/text/read.js";
import type { ReadResult } from "../src/text/types.js";
import { closeBrowser, docxOf, printHtml, printPdf, sitePage } from "./support/formats.js";

const seedsDir = join(__dirname, "..", "examples", "seeds");
const seeds = readdirSync(seedsDir).filter((f) => f.endsWith(".txt")).sort();
// a Big5 page is written in Taiwan's forms (為, not OpenCC's standard 爲, which Big5 lacks)
const toTraditional = Converter({ from: "cn", to: "tw" });

/** What must survive a change of format: the outline with its bodies and quantities. */
function essence(p: ParsedFile) {
  return p.outline.map((n) => ({
    path: n.path.join("/"),
    title: n.title,
    units: n.units,
    lead: n.lead,
    quantities: n.quantities.map((q) => ({ value: q.value, max: q.max, unit: q.unit, kind: q.kind })),
  }));
}

function parse(read: ReadResult, source: string): ParsedFile {
  return parseText(read.text, { source, format: read.format, meta: read.meta });
}

type Variant = "gb18030" | "html" | "docx" | "pdf" | "traditional-html";
const variants: Variant[] = ["gb18030", "html", "docx", "pdf", "traditional-html"];

let dir: string;
const files = new Map<string, string>();
const reads = new Map<string, Promise<ReadResult>>();

/** each fixture is read once and shared by the tests that look at it (a PDF read starts a worker) */
function readVariant(seed: string, variant: Variant): Promise<ReadResult> {
  const key = `${seed}:${variant}`;
  let r = reads.get(key);
  if (!r) {
    r = readDocumentFile(files.get(key)!);
    reads.set(key, r);
  }
  return r;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "luoshi-formats-"));
  for (const seed of seeds) {
    const text = readFileSync(join(seedsDir, seed), "utf8");
    const base = seed.replace(/\.txt$/, "");
    const write = (variant: Variant, bytes: Uint8Array): void => {
      // no telling extensions: the readers must go by the bytes
      const path = join(dir, `${base}.${variant}.bin`);
      writeFileSync(path, bytes);
      files.set(`${seed}:${variant}`, path);
    };
    write("gb18030", iconv.encode(text, "gb18030"));
    write("html", Buffer.from(sitePage(text)));
    write("docx", await docxOf(text));
    write("pdf", await printPdf(printHtml(text)));
    write("traditional-html", iconv.encode(sitePage(toTraditional(text), { charset: "big5" }), "big5"));
  }
  await closeBrowser();
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(seeds)("%s", (seed) => {
  const plain = parseText(readFileSync(join(seedsDir, seed), "utf8"), { source: seed, format: "txt" });

  it("has an outline to compare", () => {
    expect(plain.outline.length).toBeGreaterThan(5);
  });

  it.each(variants)("as %s parses like the plain text", async (variant) => {
    const read = await readVariant(seed, variant);
    const expectedFormat = { gb18030: "txt", html: "html", docx: "docx", pdf: "pdf", "traditional-html": "html" }[variant];
    expect(read.format).toBe(expectedFormat);
    if (variant === "gb18030") expect(read.encoding).toBe("gb18030");
    if (variant === "traditional-html") {
      expect(read.encoding).toBe("big5");
      expect(read.convertedFromTraditional).toBe(true);
    }
    const parsed = parse(read, seed);
    expect(essence(parsed)).toEqual(essence(plain));
  });

  it.each(variants)("as %s keeps the document's title, 文号, issuers and date", async (variant) => {
    const parsed = parse(await readVariant(seed, variant), seed);
    const meta = (p: ParsedFile) =>
      [p.document, ...p.wrappers].map((d) => ({ title: d.title, docNumber: d.docNumber, issuers: d.issuers, date: d.date }));
    expect(meta(parsed)).toEqual(meta(plain));
  });
});
