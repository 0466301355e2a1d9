import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { binaryReason, decodeText, declaredHtmlCharset } from "./encoding.js";

const SAMPLE = "广东省人民政府关于印发广东省扩大和升级信息消费实施方案（2018-2020年）的通知\n粤府〔2018〕27号\n一、工作目标";

function decoded(bytes: Uint8Array) {
  const d = decodeText(bytes);
  if ("error" in d) throw new Error(d.error);
  return d;
}

describe("decodeText", () => {
  it("reads UTF-8 with and without a BOM", () => {
    expect(decoded(Buffer.from(SAMPLE))).toEqual({ text: SAMPLE, encoding: "utf-8" });
    expect(decoded(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)]))).toEqual({ text: SAMPLE, encoding: "utf-8" });
  });

  it("recognises GB18030 (and so GBK/GB2312) bytes without being told", () => {
    const d = decoded(iconv.encode(SAMPLE, "gb18030"));
    expect(d.encoding).toBe("gb18030");
    expect(d.text).toBe(SAMPLE);
  });

  it("reads a GBK file with characters outside GB2312 (〔〕 and rare names)", () => {
    const text = "关于印发《珠海市鳯凰山保护办法》的通知（珠府〔2019〕12号）".repeat(3);
    expect(decoded(iconv.encode(text, "gbk")).text).toBe(text);
  });

  it("tells Big5 from GB18030 by the characters each reading gives", () => {
    const trad = "廣東省人民政府關於印發廣東省擴大和升級信息消費實施方案的通知，請認真組織實施。";
    const d = decoded(iconv.encode(trad, "big5"));
    expect(d).toEqual({ text: trad, encoding: "big5" });
  });

  it("reads UTF-16 with a BOM in either byte order", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SAMPLE, "utf-16le")]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SAMPLE, "utf-16be")]);
    expect(decoded(le)).toEqual({ text: SAMPLE, encoding: "utf-16le" });
    expect(decoded(be)).toEqual({ text: SAMPLE, encoding: "utf-16be" });
  });

  it("takes a UTF-8 file cut inside its last character as UTF-8", () => {
    const bytes = Buffer.from(SAMPLE + "作");
    const d = decoded(bytes.subarray(0, bytes.length - 1));
    expect(d.encoding).toBe("utf-8");
    expect(d.text.startsWith(SAMPLE)).toBe(true);
  });

  it("follows an HTML page's declared charset when the bytes are not UTF-8", () => {
    const page = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>${SAMPLE}</p></body></html>`;
    const bytes = iconv.encode(page, "gb18030");
    expect(declaredHtmlCharset(bytes)).toBe("gb18030");
    expect(decoded(bytes).text).toBe(page);
  });

  it("refuses binary data", () => {
    const random = Buffer.alloc(4096);
    let seed = 12345;
    for (let i = 0; i < random.length; i++) random[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    expect(binaryReason(random)).toMatch(/^无法识别的文件格式（二进制数据：含 (?:NUL 字节|控制字符)），请上传/);
    const d = decodeText(random);
    expect("error" in d && d.error).toMatch(/^无法识别的文件格式（二进制数据/);
  });

  it("refuses high bytes without NULs that are valid in no candidate encoding", () => {
    // 0x80 and 0xff are lead bytes in neither UTF-8 nor GB18030 nor Big5
    const bytes = Buffer.from(Array.from({ length: 600 }, (_, i) => (i % 2 ? 0xff : 0x80)));
    const d = decodeText(bytes);
    expect("error" in d && d.error).toBe("无法识别文字编码（按 UTF-8、GB18030 等编码都无法正确读出），请另存为 UTF-8 编码的文本后上传");
  });
});
