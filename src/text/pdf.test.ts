import { afterAll, describe, expect, it } from "vitest";
import { closeBrowser, printHtml, printPdf } from "../../test/support/formats.js";
import { readDocument } from "./read.js";
import { failure } from "../../test/support/errors.js";

afterAll(closeBrowser);

const LONG =
  "1. 提速 5G 网络建设。全面提速 5G 网络建设，确保 2020 年三季度末提前完成 4.8 万座 5G 基站建设计划，力争 2020 年全省建设 6 万座 5G 基站。5G 用户数达到 2000 万，覆盖全省 90% 以上人口。[责任单位：省工业和信息化厅、通信管理局]";

const DOC = [
  "广东省扩大和升级信息消费实施方案",
  "（2018-2020年）",
  "一、工作目标",
  LONG,
  "2. 完善乡村信息基础设施。年底前实现全省 20 户以上自然村光网全覆盖。",
  "附件：重点任务分工方案",
  "序号\t政策措施\t负责单位",
  "1\t提速 5G 网络建设\t省工业和信息化厅、通信管理局、广电局、发展改革委、科技厅、公安厅、交通运输厅、应急管理厅、政务服务数据管理局，各地级以上市人民政府，南方电网",
  "2\t完善乡村信息基础设施建设并推动农村地区网络提速降费\t省工业和信息化厅、财政厅",
].join("\n");


describe("PDF with a text layer", () => {
  it("rebuilds paragraphs wrapped by the page and ruled table rows whose cells wrap", async () => {
    const pdf = await printPdf(printHtml(DOC));
    const r = await readDocument(pdf, "plan.bin");
    expect(r.format).toBe("pdf");
    expect(r.pages).toBe(1);
    const lines = r.text.split("\n").map((l) => l.replace(/ (?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]) /g, ""));
    const expected = DOC.split("\n").map((l) => l.replace(/ (?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]) /g, ""));
    expect(lines).toEqual(expected);
  });

  it("separates pages by a blank line and drops page numbers", async () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font-family:"WenQuanYi Zen Hei";font-size:14pt}
      .page{page-break-after:always;position:relative;height:240mm}.num{position:absolute;bottom:0;width:100%;text-align:center}</style></head><body>
      <div class="page"><p>一、总体要求</p><p class="num">— 1 —</p></div>
      <div class="page"><p>二、主要任务</p><p class="num">— 2 —</p></div></body></html>`;
    const r = await readDocument(await printPdf(html), "two-pages.pdf");
    expect(r.pages).toBe(2);
    expect(r.text).toBe("一、总体要求\n\n二、主要任务");
  });

  it("refuses a PDF without text (a scan)", async () => {
    const html = `<!DOCTYPE html><html><body><svg width="400" height="300"><rect x="10" y="10" width="300" height="200" fill="#888"/></svg></body></html>`;
    const err = await failure(readDocument(await printPdf(html), "scan.pdf"));
    expect(err.message).toBe("scan.pdf: PDF 没有文字层（可能是扫描件），请上传含文字的 PDF 或 DOCX 版本");
  });

  it("warns of the pages without a text layer, naming them", async () => {
    const html = `<!DOCTYPE html><html><body><p>一、总体要求</p>
      <div style="page-break-before:always"><svg width="400" height="300"><rect x="10" y="10" width="300" height="200" fill="#888"/></svg></div></body></html>`;
    const r = await readDocument(await printPdf(html), "part-scan.pdf");
    expect(r.warnings).toEqual(["PDF 共 2 页，其中 1 页没有文字层（可能是扫描页），其内容未能读取：第 2 页"]);
  });

  it("refuses a truncated PDF", async () => {
    const pdf = await printPdf(printHtml(DOC));
    const err = await failure(readDocument(pdf.subarray(0, Math.floor(pdf.length * 0.6)), "cut.pdf"));
    expect(err.message).toMatch(/^cut\.pdf: 文件已损坏或不完整（PDF：/);
  });

  it("refuses a PDF whose body is garbage", async () => {
    const bytes = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage garbage\nstartxref\n99999\n%%EOF\n");
    const err = await failure(readDocument(bytes, "junk.pdf"));
    expect(err.message).toMatch(/^junk\.pdf: 文件已损坏或不完整（PDF：.+）$/);
  });

  it("gives up when the time limit runs out and refuses more pages than allowed", async () => {
    const pdf = await printPdf(printHtml(DOC));
    const slow = await failure(readDocument(pdf, "slow.pdf", { pdfTimeoutMs: 1 }));
    expect(slow.kind).toBe("too-large");
    expect(slow.problem).toMatch(/^读取 PDF 超过 \d+ 秒仍未完成，已放弃：文件过大或结构异常$/);
    const html = `<!DOCTYPE html><html><body><p>一、总体要求</p><p style="page-break-before:always">二、主要任务</p></body></html>`;
    const many = await failure(readDocument(await printPdf(html), "long.pdf", { maxPdfPages: 1 }));
    expect(many.problem).toBe("PDF 页数过多（2 页，上限 1 页），请拆分后上传");
  });
});
