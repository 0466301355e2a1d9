import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { pdfText } from "../../../test/support/bulletin.js";
import { fallbackFont } from "./fonts.js";
import { PdfFonts } from "./pdf-text.js";

/** A one-page PDF with these lines drawn, and its bytes. */
async function drawn(draw: (fonts: PdfFonts, doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 0 });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => doc.on("end", r));
  draw(new PdfFonts(doc), doc);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

describe("Chinese text in the PDF", () => {
  const doc = new PDFDocument({ size: "A4" });
  const fonts = new PdfFonts(doc);

  it("breaks lines between Chinese characters, within the width, none starting with a closing mark", () => {
    const text = "各单位要高度重视，切实抓好整改落实，确保各项任务按期完成。对逾期未办结的任务，督查室将进行通报。";
    const lines = fonts.wrap(text, 160, 16);
    expect(lines.join("")).toBe(text);
    expect(lines.length).toBeGreaterThan(4);
    for (const l of lines) {
      expect(l).not.toMatch(/^[，。、；：）」]/);
      // a closing mark may hang one character past the edge
      expect(fonts.width(l.replace(/[，。、；：]$/, ""), 16)).toBeLessThanOrEqual(160);
    }
  });

  it("keeps a Latin word or number whole when it fits, and breaks one longer than a line", () => {
    const lines = fonts.wrap("截至2026年9月30日，完成率100.5%，详见 https://example.gov.cn/abcdefghijklmnopqrstuvwxyz/0123456789/abcdefghijklmnopqrstuvwxyz", 150, 12);
    expect(lines.some((l) => l.includes("100.5%"))).toBe(true);
    expect(lines.some((l) => l.includes("2026"))).toBe(true);
    for (const l of lines) expect(fonts.width(l, 12)).toBeLessThanOrEqual(150 + 12);
    expect(lines.join("").replace(/\s/g, "")).toContain("https://example.gov.cn/abcdefghijklmnopqrstuvwxyz/0123456789/abcdefghijklmnopqrstuvwxyz");
  });

  it("takes an opening mark down with what it opens, and indents a first line", () => {
    const lines = fonts.wrap("一二三四五六七八九（十）", 16 * 10, 16);
    expect(lines[0]!.endsWith("（")).toBe(false);
    expect(lines[1]!.startsWith("（")).toBe(true);
    const indented = fonts.wrap("一二三四五六七八九十", 16 * 10, 16, 32);
    expect(indented.map((l) => [...l].length)).toEqual([8, 2]);
  });

  it("draws a character no font has as 〓, and drops control characters", async () => {
    const pdf = await drawn((f) => f.draw("督查\u0007通报𠀀完", 50, 50, 14));
    expect(await pdfText(pdf)).toBe("督查通报〓完");
  });

  const fallback = fallbackFont();
  it.skipIf(!fallback)(`draws what Noto Sans Hans lacks with the fallback font${fallback ? "" : " — skipped: no fallback font on this machine"}`, async () => {
    const hexagram = "䷀"; // U+4DC0: in WenQuanYi Zen Hei, not in Noto Sans Hans
    const pdf = await drawn((f) => f.draw(`乾${hexagram}卦`, 50, 50, 14));
    expect(await pdfText(pdf)).toBe(`乾${hexagram}卦`);
    expect(pdf.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+WenQuanYiZenHei/);
    expect(pdf.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
  });

  it("embeds only the main font when nothing needs the fallback", async () => {
    const pdf = await drawn((f) => f.draw("督查通报", 50, 50, 14));
    expect(pdf.toString("latin1")).not.toMatch(/WenQuanYi/);
  });
});
