/** What an upload's job says when its file is refused: the reader's own Chinese words, each said once. */
import { describe, expect, it } from "vitest";
import { failure } from "../../test/support/errors.js";
import { fakeZip } from "../../test/support/zip.js";
import { readDocument } from "../text/read.js";
import { failureOf } from "./ingest-job.js";
import { DEFAULT_PARSE_LIMITS, ParseLimitError } from "./parse-threads.js";

describe("failureOf", () => {
  it("tells a refused type and size in the reader's words, without a prefix that repeats them", async () => {
    const xlsx = fakeZip([{ name: "xl/workbook.xml", data: Buffer.from("<workbook/>"), method: 0 }]);
    expect(failureOf(await failure(readDocument(xlsx, "表.docx")))).toEqual({
      error: "unsupported_type",
      message: "不支持的格式：Excel 表格（XLSX），请上传 PDF、DOCX、网页或文本文件",
    });
    const big = await failure(readDocument(Buffer.alloc(3000, 0x41), "大.txt", { maxBytes: 1024 }));
    expect(failureOf(big)).toEqual({ error: "too_large", message: "文件过大（2.9 KB，上限 1.0 KB）" });
  });

  it("puts 无法解析 before what makes a file unreadable", async () => {
    const cut = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("a zip cut short")]);
    expect(failureOf(await failure(readDocument(cut, "坏.docx")))).toEqual({
      error: "unparseable_document",
      message: "无法解析：文件已损坏或不完整（ZIP 压缩包：找不到 ZIP 中央目录，文件可能被截断）",
    });
    expect(failureOf(await failure(readDocument(new Uint8Array(0), "空.txt"))).message).toBe("无法解析：空文件");
  });

  it("says a parse limit as the limit says it", () => {
    const spun = failureOf(new ParseLimitError("慢.pdf", "time", DEFAULT_PARSE_LIMITS));
    expect(spun).toEqual({ error: "parse_timeout", message: "解析超过时限（60 秒）后被终止：文件过大或结构异常，未入库" });
  });
});
