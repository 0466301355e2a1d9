/**
 * The 督查通报's files read back as a reader's tools read them: the PDF's text layer (pdf.js), the DOCX's text
 * (mammoth) and parts (jszip), LibreOffice converting the DOCX; hostile text from documents stays text and wraps.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pglite } from "../../../test/support/engines.js";
import { pdfItems, pdfText, quarterScenario, reportAt, storePlan, type Plan } from "../../../test/support/bulletin.js";
import type { Db } from "../../store/db.js";
import { bulletinFigures, type BulletinFigures } from "./figures.js";
import { parsePeriod } from "./period.js";
import { renderBulletin } from "./index.js";

const run = promisify(execFile);
const squash = (s: string) => s.replace(/\s+/g, "");

const SCRIPT = "<script>alert(1)</script>清理涉企收费";
const FORMULA = '=HYPERLINK("http://evil.example/x","点此")';
const LONG = `${"材料已报送，正在逐项核对整改清单并组织专家评审，".repeat(30)}详见https://example.gov.cn/a/very/long/path/without/any/space/${"x".repeat(120)}`;

/** soffice on PATH, else null */
async function soffice(): Promise<string | null> {
  try {
    const { stdout } = await run("sh", ["-c", "command -v soffice || command -v libreoffice"]);
    return stdout.trim() || null;
  } catch {
    return null;
  }
}
const SOFFICE = await soffice();

describe("the bulletin as DOCX and PDF", () => {
  let db: Db;
  let close: () => Promise<void>;
  let plan: Plan;
  let f: BulletinFigures;
  let pdf: Buffer;
  let docx: Buffer;
  let pdfLayer: string;
  let docxText: string;

  beforeAll(async () => {
    ({ db, close } = await pglite.open());
    plan = await storePlan(db);
    await quarterScenario(db, plan);
    // a second overdue task whose words come from a hostile document: markup, a spreadsheet formula, a report far longer than a line
    const m = await db.query<{ measure_id: number }>(`select measure_id from task where id = $1`, [plan.task["四"]!]);
    await db.query(`update measure set title = $2 where id = $1`, [m.rows[0]!.measure_id, SCRIPT]);
    await db.query(`update task set due_date = '2026-09-20' where id = $1`, [plan.task["四"]!]);
    await reportAt(db, plan.task["四"]!, { date: "2026-09-18", text: `${FORMULA} ${LONG}` });
    f = await bulletinFigures(db, parsePeriod("2026Q3")!, {}, { today: "2026-11-27", now: new Date("2026-11-27T08:00:00Z") });
    [pdf, docx] = await Promise.all([renderBulletin(f, "pdf"), renderBulletin(f, "docx")]);
    pdfLayer = await pdfText(pdf);
    docxText = squash((await mammoth.extractRawText({ buffer: docx })).value);
  }, 120_000);
  afterAll(async () => close?.());

  it("has the overdue tasks the figures say (the hostile one among them)", () => {
    expect(f.overdue.items.map((o) => o.measureTitle).sort()).toEqual(["开展营商环境评价", SCRIPT].sort());
    expect(f.inPeriod).toMatchObject({ due: 5, closedOnTime: 1, closedLate: 1, overdue: 2, pendingClose: 1, rate: 0.2 });
  });

  for (const [name, text] of [
    ["PDF's text layer", () => pdfLayer],
    ["DOCX's text", () => docxText],
  ] as const) {
    it(`the ${name} holds the title, the period, each headline figure and each overdue task`, () => {
      const t = text();
      expect(t).toContain("关于2026年第三季度重点任务落实情况的督查通报");
      expect(t).toContain("截至2026年9月30日");
      expect(t).toContain("纳入督查的重点任务共7项");
      expect(t).toContain("2026年第三季度到期任务5项，其中按期办结1项、逾期办结1项、已逾期2项、已申请办结待审核1项，按期率20%");
      expect(t).toContain("累计到期任务6项，按期办结2项，按期率33.3%");
      expect(t).toContain("已逾期任务2项，有风险任务0项");
      // the ranking: each body with its row
      for (const b of f.bodies) expect(t).toContain(b.bodyName);
      for (const o of f.overdue.items) expect(t).toContain(squash(o.measureTitle));
      expect(t).toContain("已完成选址");
      expect(t).toContain(squash(FORMULA));
      // generated when, over what
      expect(t).toContain("生成时间2026年11月27日16:00");
      expect(t).toContain("统计范围：全部任务");
    });
  }

  it("keeps markup and formulas as text in the DOCX: escaped in its XML, no field, no hyperlink", async () => {
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(xml).not.toMatch(/<script/);
    expect(xml).not.toMatch(/w:instrText|w:fldSimple|w:hyperlink/);
  });

  it("puts the charts into the DOCX as images: an SVG and its PNG fallback each", async () => {
    const zip = await JSZip.loadAsync(docx);
    const media = Object.keys(zip.files).filter((n) => n.startsWith("word/media/"));
    expect(media.filter((n) => n.endsWith(".svg"))).toHaveLength(3);
    expect(media.filter((n) => n.endsWith(".png"))).toHaveLength(3);
    for (const n of media.filter((x) => x.endsWith(".png"))) {
      const png = await zip.file(n)!.async("nodebuffer");
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect(png.length).toBeGreaterThan(5_000); // drawn, not blank
    }
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain('descr="截至期末任务状态：已逾期2项'); // the charts' alt text says their figures
  });

  it("draws the charts into the PDF as vectors with their words in the text layer", () => {
    // the bodies' names are in the ranking table too; the legend and axis words only in the charts
    for (const w of ["按期办结逾期办结已逾期其他", "2026年9月", "×已逾期", "△有风险"]) expect(pdfLayer).toContain(w);
  });

  it("wraps long text inside the page: no text runs past the right margin, no line is cut", async () => {
    const pages = await pdfItems(pdf);
    expect(pages.length).toBeGreaterThan(2);
    const right = 595.28 - (26 * 72) / 25.4;
    for (const [i, p] of pages.entries()) {
      for (const it of p.items) {
        // a closing mark may hang past the edge by its own width, as Chinese is set
        expect(it.x + it.width, `page ${i + 1}: ${it.str}`).toBeLessThanOrEqual(right + 11);
        expect(it.x).toBeGreaterThanOrEqual(0);
      }
    }
    // every character of the long report is there, in order, across lines and pages (each new page: its number, then the repeated header)
    const flowing = pdfLayer.replace(/—\d+—序号任务责任单位完成时限逾期天数最新进展/g, "");
    expect(flowing).toContain(squash(LONG));
    expect(pdfLayer.match(/序号任务责任单位完成时限逾期天数最新进展/g)!.length).toBeGreaterThan(2);
  });

  it("numbers its pages", async () => {
    const pages = await pdfItems(pdf);
    pages.forEach((p, i) => expect(p.items.map((x) => x.str).join("")).toContain(`— ${i + 1} —`));
  });

  it.skipIf(!SOFFICE)(`converts to PDF with LibreOffice without error${SOFFICE ? "" : " — skipped: soffice is not on PATH"}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "luoshi-bulletin-lo-"));
    try {
      const { writeFileSync } = await import("node:fs");
      writeFileSync(join(dir, "bulletin.docx"), docx);
      // a private profile: a LibreOffice already running for the user would take the job over otherwise
      await run(SOFFICE!, [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--convert-to", "pdf", "--outdir", dir, join(dir, "bulletin.docx")], {
        timeout: 120_000,
      });
      expect(existsSync(join(dir, "bulletin.pdf"))).toBe(true);
      const converted = readFileSync(join(dir, "bulletin.pdf"));
      const text = await pdfText(converted);
      expect(text).toContain("关于2026年第三季度重点任务落实情况的督查通报");
      expect(text).toContain("开展营商环境评价");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
