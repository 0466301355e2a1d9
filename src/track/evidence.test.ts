import { describe, expect, it } from "vitest";
import { fakeZip } from "../../test/support/zip.js";
import { cleanName, sniff } from "./evidence.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("evidence files are typed by their bytes", () => {
  it("knows PDF, PNG, JPEG, GIF, WebP by their signatures", () => {
    expect(sniff(bytes("%PDF-1.7\n…"))?.ext).toBe("pdf");
    expect(sniff(bytes("\n%PDF-1.4\n"))?.ext).toBe("pdf");
    expect(sniff(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.ext).toBe("png");
    expect(sniff(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))?.ext).toBe("jpg");
    expect(sniff(bytes("GIF89a…"))?.ext).toBe("gif");
    expect(sniff(bytes("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "))?.ext).toBe("webp");
  });

  it("knows DOCX and XLSX by the parts their ZIP directory names", () => {
    const types = { name: "[Content_Types].xml", data: Buffer.from("<Types/>") };
    expect(sniff(fakeZip([types, { name: "word/document.xml", data: Buffer.from("<w/>") }]))?.ext).toBe("docx");
    expect(sniff(fakeZip([types, { name: "xl/workbook.xml", data: Buffer.from("<x/>") }]))?.ext).toBe("xlsx");
    // a ZIP of something else, a truncated ZIP
    expect(sniff(fakeZip([{ name: "word/document.xml", data: Buffer.from("<w/>") }]))).toBeNull();
    expect(sniff(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull();
  });

  it("refuses the rest, whatever its name says: a program, HTML that mentions %PDF-, text", () => {
    expect(sniff(new Uint8Array([0x4d, 0x5a, 0x90, 0]))).toBeNull();
    expect(sniff(bytes("<html><!-- %PDF-1.4 --><script>alert(1)</script>"))).toBeNull();
    expect(sniff(bytes("hello"))).toBeNull();
    expect(sniff(new Uint8Array()))
      .toBeNull();
  });

  it("names a download by what the bytes are, without folders or quotes", () => {
    const pdf = sniff(bytes("%PDF-1.4"))!;
    expect(cleanName("C:\\\\报告\\\\整改\"报告\".exe", pdf)).toBe("整改报告.pdf");
    expect(cleanName("", pdf)).toBe("佐证材料.pdf");
  });
});
