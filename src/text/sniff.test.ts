import { describe, expect, it } from "vitest";
import { looksLikeHtml, sniff } from "./sniff.js";

const PARA = "为进一步做好城乡困难群众基本生活保障工作，经市人民政府同意，现就提高救助标准有关事项通知如下，请各区认真贯彻执行。";

describe("looksLikeHtml on pages and fragments", () => {
  it("reads a saved page by its doctype or <html>", () => {
    expect(looksLikeHtml(`<!DOCTYPE html><html><body><p>${PARA}</p></body></html>`)).toBe(true);
    expect(looksLikeHtml(`\ufeff<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><p>${PARA}</p></html>`)).toBe(true);
  });

  it("reads a CMS field with two paragraphs and entities as HTML, though tags are a sliver of it", () => {
    const field = `<p>&nbsp;&nbsp;${PARA.repeat(6)}</p>\n<p>&ldquo;一网通办&rdquo;${PARA.repeat(6)}</p>`;
    expect(looksLikeHtml(field)).toBe(true);
  });

  it("reads a field that opens with a tag and closes one paragraph", () => {
    expect(looksLikeHtml(`<p style="text-indent:2em">${PARA.repeat(10)}</p>`)).toBe(true);
  });

  it("reads a field set with <br> line breaks and no other tags", () => {
    expect(looksLikeHtml(`各区民政局：<br>${PARA.repeat(3)}<br>${PARA.repeat(3)}<br>特此通知。<br>市民政局`)).toBe(true);
  });

  it("reads a field whose only markup is character references around one tag", () => {
    expect(looksLikeHtml(`${PARA}&nbsp;&nbsp;<strong>一、工作目标</strong>${PARA}`)).toBe(true);
  });

  it("keeps plain text that mentions a tag, compares numbers or quotes a title as text", () => {
    expect(looksLikeHtml("关于<p>标签的说明\n一、页面中的<br>会被忽略。")).toBe(false);
    expect(looksLikeHtml(`说明：段落写在<p>与</p>之间。\n${PARA}`)).toBe(false);
    expect(looksLikeHtml(`一、当x<5且y>3时，按《广州市某某办法》执行。\n${PARA}`)).toBe(false);
    expect(looksLikeHtml(`根据《中华人民共和国社会保险法》《社会救助暂行办法》，${PARA}\n二、<附件>另行印发。`)).toBe(false);
    expect(looksLikeHtml(PARA.repeat(20))).toBe(false);
  });
});

describe("sniff", () => {
  it("tells formats by their first bytes, not by a mention of them", () => {
    expect(sniff(Buffer.from("%PDF-1.7\n1 0 obj"))).toEqual({ kind: "pdf" });
    expect(sniff(Buffer.from("正文提到%PDF-1.4的格式"))).toEqual({ kind: "text" });
    expect(sniff(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toEqual({ kind: "zip" });
  });
});
