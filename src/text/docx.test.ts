import { deflateRawSync } from "node:zlib";
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { describe, expect, it } from "vitest";
import { numberedDocx } from "../../test/support/formats.js";
import { fakeZip } from "../../test/support/zip.js";
import { DocumentError } from "./errors.js";
import { readDocument } from "./read.js";

async function build(children: (Paragraph | Table)[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

const DOCUMENT_XML = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>一、工作目标</w:t></w:r></w:p></w:body></w:document>`;

describe("DOCX", () => {
  it("reads paragraphs one per line and a table as tab-separated rows", async () => {
    const bytes = await build([
      new Paragraph({ children: [new TextRun("广州市工业和信息化局关于印发"), new TextRun({ text: "《实施意见》", bold: true }), new TextRun("的通知")] }),
      new Paragraph({ children: [new TextRun("一、工作目标"), new TextRun({ text: "，已删除的草稿", vanish: true })] }),
      new Paragraph({ children: [new TextRun("到2021年，4K用户超过300万户。"), new TextRun({ text: "第二行", break: 1 })] }),
      new Table({
        rows: [
          new TableRow({ children: ["序号", "政策措施", "负责单位"].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
          new TableRow({
            children: [
              new TableCell({ children: [new Paragraph("1")] }),
              new TableCell({ children: [new Paragraph("提速 5G 网络建设")] }),
              new TableCell({ children: [new Paragraph("省工业和信息化厅、通信管理局，"), new Paragraph("各地级以上市人民政府")] }),
            ],
          }),
        ],
      }),
      new Paragraph("附件：重点任务分工方案"),
    ]);
    const r = await readDocument(bytes, "plan.docx");
    expect(r.format).toBe("docx");
    expect(r.text.split("\n")).toEqual([
      "广州市工业和信息化局关于印发《实施意见》的通知",
      "一、工作目标",
      "到2021年，4K用户超过300万户。",
      "第二行",
      "序号\t政策措施\t负责单位",
      "1\t提速 5G 网络建设\t省工业和信息化厅、通信管理局， 各地级以上市人民政府",
      "附件：重点任务分工方案",
    ]);
  });

  it("writes out Word's automatic numbering (一、 （一） 1.) that exists only in numbering.xml", async () => {
    const bytes = await numberedDocx([
      { level: 0, text: "加快信息基础设施建设" },
      { level: 1, text: "提速网络建设。" },
      { level: 2, text: "建设5G基站。" },
      { level: 2, text: "推进光网提速。" },
      { level: 1, text: "完善乡村设施。" },
      { level: 2, text: "覆盖自然村。" },
      { level: 0, text: "保障措施" },
    ]);
    const r = await readDocument(bytes, "numbered.docx");
    expect(r.text.split("\n")).toEqual([
      "一、加快信息基础设施建设",
      "（一）提速网络建设。",
      "1.建设5G基站。",
      "2.推进光网提速。",
      "（二）完善乡村设施。",
      "1.覆盖自然村。",
      "二、保障措施",
    ]);
  });

  it("is recognised by its bytes whatever the file is called", async () => {
    const bytes = await build([new Paragraph("一、总体要求")]);
    const r = await readDocument(bytes, "download.pdf");
    expect(r.format).toBe("docx");
    expect(r.text).toBe("一、总体要求");
  });

  it("reads a hand-made minimal DOCX with stored and deflated parts", async () => {
    const stored = await readDocument(fakeZip([{ name: "word/document.xml", data: Buffer.from(DOCUMENT_XML), method: 0 }]), "min.docx");
    const deflated = await readDocument(fakeZip([{ name: "word/document.xml", data: deflateRawSync(Buffer.from(DOCUMENT_XML)), declaredSize: Buffer.byteLength(DOCUMENT_XML) }]), "min.docx");
    expect(stored.text).toBe("一、工作目标");
    expect(deflated.text).toBe("一、工作目标");
  });

  it("refuses a truncated DOCX with a one-line DocumentError", async () => {
    const bytes = await build([new Paragraph("一、总体要求"), new Paragraph("二、主要任务")]);
    const err = await readDocument(bytes.subarray(0, Math.floor(bytes.length / 2)), "cut.docx").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentError);
    expect((err as DocumentError).message).toMatch(/^cut\.docx: 文件已损坏或不完整（DOCX：.+）$/);
    expect((err as DocumentError).message).not.toContain("\n");
  });

  it("refuses a DOCX whose part does not inflate", async () => {
    const bytes = fakeZip([{ name: "word/document.xml", data: Buffer.from("this is not deflate data at all, just text"), declaredSize: 5000 }]);
    const err = await readDocument(bytes, "bad.docx").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentError);
    expect((err as DocumentError).message).toMatch(/^bad\.docx: 文件已损坏或不完整（DOCX：其中 word\/document\.xml 无法解压（.+））$/);
  });

  it("refuses a zip bomb whose directory declares gigabytes, before inflating anything", async () => {
    const bomb = fakeZip([
      { name: "[Content_Types].xml", data: deflateRawSync(Buffer.from("<Types/>")), declaredSize: 8 },
      { name: "word/document.xml", data: deflateRawSync(Buffer.from(DOCUMENT_XML)), declaredSize: 0xfffffff0 },
    ]);
    expect(bomb.length).toBeLessThan(1024);
    const err = await readDocument(bomb, "bomb.docx").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentError);
    expect((err as DocumentError).kind).toBe("too-large");
    expect((err as DocumentError).message).toBe("bomb.docx: DOCX 文件解压后过大，拒绝读取（解压后声明有 4.0 GB，超过 400.0 MB 的上限）");
  });

  it("refuses an entry with an absurd compression ratio", async () => {
    const bomb = fakeZip([{ name: "word/document.xml", data: Buffer.alloc(20_000), declaredSize: 60 * 1024 * 1024 }]);
    const err = await readDocument(bomb, "ratio.docx").catch((e: unknown) => e);
    expect((err as DocumentError).kind).toBe("too-large");
    expect((err as DocumentError).problem).toMatch(/^DOCX 文件解压后过大，拒绝读取（其中 word\/document\.xml 的压缩比高达 \d+:1，疑似压缩炸弹）$/);
  });

  it("stops inflating an entry that lies about its size", async () => {
    // 16 MB of zeros deflate to about 16 KB; the directory claims 2 KB
    const liar = fakeZip([{ name: "word/document.xml", data: deflateRawSync(Buffer.alloc(16 * 1024 * 1024)), declaredSize: 2048 }]);
    const err = await readDocument(liar, "liar.docx").catch((e: unknown) => e);
    expect((err as DocumentError).kind).toBe("too-large");
    expect((err as DocumentError).problem).toBe("DOCX 文件解压后过大，拒绝读取（其中 word/document.xml 解压后超过其声明的 2.0 KB，疑似压缩炸弹）");
  });

  it("refuses other ZIP archives as unsupported", async () => {
    const xlsx = fakeZip([{ name: "xl/workbook.xml", data: Buffer.from("<workbook/>"), method: 0 }]);
    const err = await readDocument(xlsx, "table.docx").catch((e: unknown) => e);
    expect((err as DocumentError).kind).toBe("unsupported");
    expect((err as DocumentError).message).toBe("table.docx: 不支持的格式：Excel 表格（XLSX），请上传 PDF、DOCX、网页或文本文件");
  });
});
