/**
 * The exported files open in an office suite: LibreOffice (headless, with a private profile) converts the XLSX and
 * the DOCX to PDF without error, and the PDF's text layer holds the Chinese title and the measures. Skipped, with the
 * reason in its name, where `soffice` is not installed.
 */
import { execFile } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TODAY } from "../../test/support/api.js";
import { pglite } from "../../test/support/engines.js";
import { officeStore } from "../../test/support/office.js";
import { pdfToText } from "../text/pdf.js";
import { taskTableDocx } from "./docx-export.js";
import { gatherTaskTable, type TaskTable } from "./task-table.js";
import { taskTableXlsx } from "./xlsx-export.js";

const run = promisify(execFile);

function findSoffice(): string | null {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    try {
      accessSync(join(dir, "soffice"), constants.X_OK);
      return join(dir, "soffice");
    } catch {
      // not in this folder
    }
  }
  return null;
}

const SOFFICE = findSoffice();
const suite = SOFFICE ? describe : describe.skip;
const name = SOFFICE ? "LibreOffice opens the exported files" : "LibreOffice opens the exported files — skipped: soffice is not on PATH";
if (!SOFFICE) console.log(name);

suite(name, () => {
  let dir: string;
  let table: TaskTable;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "luoshi-soffice-"));
    const s = await officeStore(pglite);
    close = s.close;
    table = await gatherTaskTable(s.db, { filter: { documentId: s.sample }, today: TODAY, now: new Date("2020-06-15T08:00:00Z") });
    writeFileSync(join(dir, "sheet.xlsx"), await taskTableXlsx(table));
    writeFileSync(join(dir, "document.docx"), await taskTableDocx(table));
    // one start of LibreOffice converts both; a profile of its own, so it neither needs nor touches a user's
    await run(
      SOFFICE!,
      [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--convert-to", "pdf", "--outdir", join(dir, "pdf"), join(dir, "sheet.xlsx"), join(dir, "document.docx")],
      { timeout: 180_000 },
    );
  }, 240_000);
  afterAll(async () => {
    await close?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const [format, file] of [["XLSX", "sheet"], ["DOCX", "document"]] as const) {
    it(`converts the ${format} to a PDF that reads as the table, in Chinese`, async () => {
      const bytes = new Uint8Array(readFileSync(join(dir, "pdf", `${file}.pdf`)));
      expect(bytes.length).toBeGreaterThan(1000);
      const pdf = await pdfToText(bytes, { timeoutMs: 30_000, maxPages: 100 });
      expect(pdf.pages).toBeGreaterThan(0);
      const text = pdf.text.replace(/\s+/g, "");
      expect(text).toContain("任务分工表");
      expect(text).toContain("具体措施");
      expect(text).toContain("提速5G网络建设");
    });
  }
});
