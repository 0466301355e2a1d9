import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { Converter } from "opencc-js/cn2t";
import { afterEach, describe, expect, it } from "vitest";
import { readDocument, readDocumentFile } from "./read.js";
import { failure } from "../../test/support/errors.js";

const TEXT = "广州市扩大和升级信息消费实施意见(2019-2021年)\n一、工作目标\n到2021年，4K用户超过300万户。\n二、主要任务\n（一）生活类信息消费跃升工程。";


describe("readDocument", () => {
  const envBefore = process.env["LUOSHI_MAX_BYTES"];
  afterEach(() => {
    if (envBefore === undefined) delete process.env["LUOSHI_MAX_BYTES"];
    else process.env["LUOSHI_MAX_BYTES"] = envBefore;
  });

  it("reads plain UTF-8 and GB18030 text to the same normalised text", async () => {
    const utf8 = await readDocument(Buffer.from(TEXT), "a.txt");
    const gb = await readDocument(iconv.encode(TEXT.replace(/\n/g, "\r\n"), "gb18030"), "a.txt");
    expect(utf8).toMatchObject({ format: "txt", encoding: "utf-8", text: TEXT, meta: {}, warnings: [] });
    expect(gb).toMatchObject({ format: "txt", encoding: "gb18030", text: TEXT });
  });

  it("goes by the bytes, not the name: an HTML page called .txt is read as HTML", async () => {
    const page = `<!doctype html><html><body><div class="crumb">当前位置：首页 &gt; 通知公告</div><div id="zoom">${TEXT.split("\n").map((l) => `<p>${l}</p>`).join("")}</div></body></html>`;
    const r = await readDocument(Buffer.from(page), "notice.txt");
    expect(r.format).toBe("html");
    expect(r.text).toBe(TEXT);
  });

  it("keeps plain text that merely mentions a tag as text", async () => {
    const text = "关于<p>标签的说明\n一、页面中的<br>会被忽略。";
    const r = await readDocument(Buffer.from(text), "note.html");
    expect(r.format).toBe("txt");
    expect(r.text).toBe(text);
  });

  it("converts a mostly traditional text to simplified, keeping its length", async () => {
    const trad = Converter({ from: "cn", to: "tw" })(TEXT);
    expect(trad).not.toBe(TEXT);
    const r = await readDocument(Buffer.from(trad), "trad.txt");
    expect(r.text).toBe(TEXT);
    expect(r.convertedFromTraditional).toBe(true);
    expect(r.warnings).toContain("已将繁体字转换为简体字");
  });

  it("leaves a simplified text with a few traditional names alone", async () => {
    const text = `${TEXT}\n联合香港中文大學和臺灣清華大學开展研究。`;
    const r = await readDocument(Buffer.from(text), "mixed.txt");
    expect(r.text).toBe(text);
    expect(r.convertedFromTraditional).toBeUndefined();
  });

  it("maps Kangxi radicals and compatibility ideographs from PDF text layers to ideographs", async () => {
    const r = await readDocument(Buffer.from("\u2f00、\u2f2f作⽬标"), "radicals.txt");
    expect(r.text).toBe("一、工作目标");
  });

  it("refuses an empty file and one with only whitespace", async () => {
    expect((await failure(readDocument(new Uint8Array(0), "empty.txt"))).message).toBe("empty.txt: 空文件");
    expect((await failure(readDocument(Buffer.from(" \r\n\t\u3000\n"), "blank.txt"))).message).toBe("blank.txt: 空文件");
  });

  it("refuses an HTML page without text", async () => {
    const err = await failure(readDocument(Buffer.from("<html><body><script>x()</script></body></html>"), "blank.html"));
    expect(err.message).toBe("blank.html: 空文档：网页中没有文字");
  });

  it("refuses binary garbage", async () => {
    const bytes = new Uint8Array(8192);
    let seed = 7;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    const err = await failure(readDocument(bytes, "random.bin"));
    expect(err.message).toMatch(/^random\.bin: 无法识别的文件格式（二进制数据：含 (?:NUL 字节|控制字符)），请上传 PDF、DOCX、网页或文本文件$/);
    expect(err.kind).toBe("unreadable");
  });

  it("refuses old Word files and images as unsupported", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const err = await failure(readDocument(ole, "old.doc"));
    expect(err.kind).toBe("unsupported");
    expect(err.problem).toMatch(/^不支持的格式：旧版 Word、WPS 或 Excel 文件（\.doc、\.wps、\.xls）.*请另存为不加密的 DOCX 或 PDF/);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    expect((await failure(readDocument(png, "scan.png"))).problem).toBe("不支持的格式：PNG 图片（图片中的文字无法读取），请上传 PDF、DOCX、网页或文本文件");
  });

  it("refuses input over the size limit, from the options or LUOSHI_MAX_BYTES", async () => {
    const bytes = Buffer.from(TEXT.repeat(20));
    const byOption = await failure(readDocument(bytes, "big.txt", { maxBytes: 1024 }));
    expect(byOption.kind).toBe("too-large");
    expect(byOption.message).toBe(`big.txt: 文件过大（${(bytes.length / 1024).toFixed(1)} KB，上限 1.0 KB）`);
    process.env["LUOSHI_MAX_BYTES"] = "100";
    const byEnv = await failure(readDocument(bytes, "big.txt"));
    expect(byEnv.problem).toMatch(/，上限 100 字节）$/);
  });
});

describe("readDocumentFile", () => {
  it("refuses a file over the limit from its size alone, without reading it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "luoshi-read-"));
    try {
      const path = join(dir, "huge.pdf");
      writeFileSync(path, "%PDF-1.7\n");
      // a sparse 5 GB file: reading it would take the memory the check is there to save
      truncateSync(path, 5 * 1024 * 1024 * 1024);
      const err = await failure(readDocumentFile(path));
      expect(err.kind).toBe("too-large");
      expect(err.message).toBe("huge.pdf: 文件过大（5.0 GB，上限 20.0 MB）");
      const small = join(dir, "small.txt");
      writeFileSync(small, TEXT);
      expect((await readDocumentFile(small)).text).toBe(TEXT);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("readDocument on a field copied out of a CMS", () => {
  it("reads two paragraphs with entities and no <html> as HTML, without its tags", async () => {
    const field = `<p>&nbsp;&nbsp;各区人民政府，市政府各部门：</p>\n<p>&ldquo;十四五&rdquo;期间，${"全市新增养老床位不少于一万张，社区养老服务设施覆盖率达到百分之百。".repeat(4)}</p>`;
    const r = await readDocument(Buffer.from(field), "field.txt");
    expect(r.format).toBe("html");
    expect(r.text.split("\n")[0]).toBe("各区人民政府，市政府各部门：");
    expect(r.text).toContain("“十四五”期间");
    expect(r.text).not.toMatch(/<\/?p>|&nbsp;|&ldquo;/);
  });
});

describe("readDocument on pathologically nested HTML", () => {
  it("reads a run of thousands of unclosed inline tags without running out of stack", async () => {
    const page = `<html><body>${"<font>".repeat(15_000)}<p>一、加强组织领导。</p><p>二、强化督促检查。</p></body></html>`;
    const { text } = await readDocument(Buffer.from(page), "fonts.html");
    // beyond a few hundred levels a subtree is read as bare text: the words stay, the paragraph breaks may not
    expect(text).toContain("一、加强组织领导。");
    expect(text).toContain("二、强化督促检查。");
  });

  it("does not count comparisons in a script as tags", async () => {
    const page = `<html><head><script>${"if(a<b&&c>d)x++;".repeat(30_000)}</script></head><body><p>一、加强组织领导。</p></body></html>`;
    expect((await readDocument(Buffer.from(page), "script.html")).text).toBe("一、加强组织领导。");
  });

  it("refuses tags nested deeper than the parser can take in reasonable time, in one line", async () => {
    const page = `<html><body>${"<div>".repeat(30_000)}<p>一、加强组织领导。</p>${"</div>".repeat(30_000)}</body></html>`;
    const err = await failure(readDocument(Buffer.from(page), "deep.html"));
    expect(err.message).toBe("deep.html: 网页结构嵌套过深（30002 层，上限 20000 层），无法读取");
    expect(err.kind).toBe("unreadable");
  });
});
