import { describe, expect, it } from "vitest";
import { parseText } from "./document.js";

const parse = (s: string) => parseText(s, { source: "made-up.txt" });

describe("document dates and validity", () => {
  it("reads a gazette's bracketed date under the title as the date", () => {
    const p = parse("某市户外广告设置管理办法\n（2020年6月18日市人民政府第12次常务会议通过）\n第一条 为规范管理，制定本办法。\n第二条 本办法自公布之日起施行。");
    expect(p.document.date).toBe("2020-06-18");
  });
  it("counts N年有效期 from the day the text takes effect", () => {
    const p = parse("某县扶持办法\n第一条 为扶持产业，制定本办法。\n第二条 本办法自2021年3月1日起施行，3年有效期。\n某县人民政府\n2021年2月1日");
    expect(p.document.validUntil).toBe("2024-02-29");
  });
  it("takes no validity from a measure's own project period", () => {
    const p = parse(
      "某市行动方案\n一、主要任务\n1.实施老旧小区改造，项目实施期限至2025年12月31日。\n2.推进管网建设。\n3.加强宣传。\n4.强化考核。\n5.做好总结。\n二、保障措施\n1.加强领导。\n2.落实资金。\n某市人民政府\n2022年1月1日",
    );
    expect(p.document.validUntil).toBeNull();
  });
  it("takes the validity a text states of itself (以上措施…执行期至)", () => {
    const p = parse("某市若干措施\n一、支持建设。\n二、支持应用。\n以上措施自发布之日起实施，执行期至2023年12月31日。\n某市人民政府\n2021年1月1日");
    expect(p.document.validUntil).toBe("2023-12-31");
  });
});

describe("issuers a page names", () => {
  it("splits a page's joint 发布机构 into its bodies when the text names none", () => {
    const p = parseText("关于做好某项工作的通知\n一、加强组织\n二、落实责任", { source: "x.html", meta: { issuer: "某市民政局、某市财政局" } });
    expect(p.document.issuers).toEqual(["某市民政局", "某市财政局"]);
  });
});

describe("fields, sections and attachments of made-up plans", () => {
  it("reads a list line's fields: title without the field's name, the 完成时间 field as the deadline", () => {
    const p = parseText("某区2025年重点工作清单\n一、政务服务\n1. 新建自助服务点10个  牵头单位：区政务中心  完成时间：2025年9月底\n2. 压缩审批时限30%  牵头单位：区审批局  完成时间：2025年6月底", { source: "x.txt" });
    const n = p.outline.find((o) => o.path.join("/") === "一/1");
    expect(n?.title).toBe("新建自助服务点10个");
    expect(n?.units).toEqual(["区政务中心"]);
    expect(n?.quantities.map((q) => [q.value, q.kind, q.deadline])).toEqual([[10, "target", "2025-09-30"]]);
  });
  it("reads the numbers of a 申请条件 section as conditions, and a cost share as no grant", () => {
    const p = parseText("某市家电补贴实施细则\n第一章 申请条件\n第一条 企业上年度销售额5000万元以上。\n第二章 资金\n第二条 补贴资金由市级财政承担70%。", { source: "x.txt" });
    expect(p.outline.find((o) => o.path.join("/") === "一/一")?.quantities.map((q) => q.kind)).toEqual(["other"]);
    expect(p.outline.find((o) => o.path.join("/") === "二/二")?.quantities.map((q) => q.kind)).toEqual(["other"]);
  });
  it("takes the attachment with the measures when a notice issues several, and dates it under an 附件 list", () => {
    const p = parseText(
      "某市人民政府办公室关于印发某市促进消费若干措施等文件的通知\n各区人民政府：\n现将《某市联席会议制度》《某市促进消费若干措施》印发给你们，请认真贯彻落实。\n附件：1．某市联席会议制度\n2．某市促进消费若干措施\n某市人民政府办公室\n2024年6月3日\n附件1\n某市联席会议制度\n一、联席会议每半年召开一次。\n二、办公室设在市发展改革委。\n附件2\n某市促进消费若干措施\n一、发放消费券\n（一）线上发放。\n（二）线下发放。\n二、支持商户\n（三）减免租金。\n（四）贷款贴息。",
      { source: "x.txt" },
    );
    expect(p.document.title).toBe("某市促进消费若干措施");
    expect(p.document.date).toBe("2024-06-03");
    expect(p.outline.map((o) => o.path.join("/"))).toEqual(["一", "一/一", "一/二", "二", "二/三", "二/四"]);
  });
});

describe("tags in 〔〕 and times inside tags", () => {
  it("reads a 〔责任单位：…〕 tag and the time a tag states", () => {
    const p = parseText("某省实施方案\n一、任务\n1.建设基站8000个〔责任单位：省通信管理局、工业和信息化厅〕。\n2.改造台区1200台（设备部牵头，各市供电公司配合，5月底前完成）。", { source: "x.txt" });
    expect(p.outline.find((o) => o.path.join("/") === "一/1")?.units).toEqual(["省通信管理局", "省工业和信息化厅"]);
  });
  it("reads the items under an article announcing 下列条件 as conditions", () => {
    const p = parseText("某市创新券办法\n第一章 申领\n第一条 申领企业应当同时符合下列条件：\n（一）上年度研发投入不低于50万元；\n（二）无失信记录。\n第二条 创新券按合同金额的50%予以抵扣。", { source: "x.txt" });
    expect(p.outline.find((o) => o.path.join("/") === "一/一/一")?.quantities.map((q) => q.kind)).toEqual(["other"]);
  });
});
