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
