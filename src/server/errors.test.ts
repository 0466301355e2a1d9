/** A document that cannot be read, as the API answers it: the file and the reader's problem, in Chinese. */
import { describe, expect, it } from "vitest";
import { failure } from "../../test/support/errors.js";
import { fakeZip } from "../../test/support/zip.js";
import { readDocument } from "../text/read.js";
import { prepareIngest } from "../track/ingest.js";
import { parseBytes } from "../parse/index.js";
import { toApiError } from "./errors.js";

describe("toApiError on a DocumentError", () => {
  it("says the reader's problem after the file's name, and keeps it in the details", async () => {
    const empty = toApiError(await failure(readDocument(new Uint8Array(0), "空.txt")));
    expect(empty.message).toBe("空.txt：空文件");
    const blank = toApiError(await failure(readDocument(Buffer.from("<html><body><p> </p></body></html>"), "空.html")));
    expect(blank.message).toMatch(/^空\.html：空文档/);
    const cut = toApiError(await failure(readDocument(Buffer.from("PK\x03\x04 cut short"), "坏.docx")));
    expect(cut).toMatchObject({ code: "unparseable_document", message: "坏.docx：文件已损坏或不完整（ZIP 压缩包：找不到 ZIP 中央目录，文件可能被截断）" });
    expect(cut.details).toEqual({ file: "坏.docx", problem: "文件已损坏或不完整（ZIP 压缩包：找不到 ZIP 中央目录，文件可能被截断）" });
    const prose = toApiError(await failure(prepareIngest(parseBytes, Buffer.from("随便写的一句话，没有标题也没有措施。"), "话.txt")));
    expect(prose.message).toMatch(/^话\.txt：未找到标题，也未找到编号的措施/);
  });

  it("answers a format it cannot read with what the format is and what to send", async () => {
    const xlsx = fakeZip([{ name: "xl/workbook.xml", data: Buffer.from("<workbook/>"), method: 0 }]);
    const e = toApiError(await failure(readDocument(xlsx, "表.docx")));
    expect(e).toMatchObject({ code: "unsupported_type", status: 415, message: "表.docx：不支持的格式：Excel 表格（XLSX），请上传 PDF、DOCX、网页或文本文件" });
  });
});
