/**
 * Documents of the family we serve written for these tests (other counties, other layouts, other numbering, other
 * ways of naming bodies), with the answers read off by hand. The seeds are scored separately (seeds.test.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseText } from "../src/parse/index.js";
import type { ParsedFile } from "../src/model/exchange.js";

const fixture = (name: string): ParsedFile =>
  parseText(readFileSync(join(__dirname, "fixtures", name), "utf8"), { source: name });
const node = (p: ParsedFile, path: string) => {
  const n = p.outline.find((o) => o.path.join("/") === path);
  if (!n) throw new Error(`no node ${path} in ${p.outline.map((o) => o.path.join("/")).join(", ")}`);
  return n;
};
const qs = (p: ParsedFile, path: string) => node(p, path).quantities.map((q) => [q.value, q.unit, q.kind, q.deadline]);

describe("a county work plan: letterhead, Chinese-numeral date, 牵头单位/配合单位, a section of duties", () => {
  const p = fixture("county-workplan.txt");
  it("reads the issuing notice and lets the main text inherit its 文号, issuer and date", () => {
    expect(p.wrappers).toHaveLength(1);
    expect(p.wrappers[0]).toMatchObject({
      title: "龙川县人民政府办公室关于印发龙川县2021年数字经济发展工作要点的通知",
      docNumber: "龙府办〔2021〕12号",
      issuers: ["龙川县人民政府办公室"],
      date: "2021-03-05",
    });
    expect(p.document).toMatchObject({
      title: "龙川县2021年数字经济发展工作要点",
      docNumber: "龙府办〔2021〕12号",
      date: "2021-03-05",
      cites: [{ docNumber: null, title: "广东省数字经济促进条例" }],
    });
  });
  it("reads roles from 牵头单位/配合单位 and from …牵头，…配合", () => {
    expect(node(p, "一/一")).toMatchObject({
      units: ["县工业和信息化局", "县住房城乡建设局", "县自然资源局"],
      lead: ["县工业和信息化局"],
    });
    expect(node(p, "一/二")).toMatchObject({ units: ["县工业和信息化局", "县财政局"], lead: ["县工业和信息化局"] });
  });
  it("resolves 全年, 6月底前, 年底前, 年内 and 三季度末 in the document's year", () => {
    expect(qs(p, "一/一")).toEqual([[300, "座", "target", "2021-12-31"]]);
    expect(qs(p, "一/二")).toEqual([[10, "个", "target", "2021-06-30"], [12000, "户", "target", "2021-12-31"]]);
    expect(qs(p, "二/一/1")).toEqual([[5, "个", "target", "2021-12-31"], [2000000000, "元", "target", "2021-12-31"]]);
    expect(qs(p, "二/一/2")).toEqual([[100000, "元", "incentive", null]]);
    expect(qs(p, "二/二")).toEqual([[200, "家", "target", "2021-09-30"]]);
  });
  it("takes a heading that names a body in a section of duties as that body", () => {
    expect(node(p, "三/一")).toMatchObject({ title: "县工业和信息化局", units: ["县工业和信息化局"] });
  });
});

describe("a plan printed to PDF and back: page numbers, running headers, a wrapped task table", () => {
  const p = fixture("pdf-damaged-plan.txt");
  it("joins the title broken over lines and the year range on its own line", () => {
    expect(p.wrappers[0]?.title).toBe("惠州市人民政府办公室关于印发惠州市加快5G产业发展行动计划（2020—2022年）的通知");
    expect(p.document.title).toBe("惠州市加快5G产业发展行动计划（2020—2022年）");
    expect(p.wrappers[0]?.issuers).toEqual(["惠州市人民政府办公室"]);
  });
  it("keeps the numbering that runs on under 三、 and puts nothing of the table in the outline", () => {
    expect(p.outline.map((n) => n.path.join("/"))).toEqual(["一", "二", "二/1", "二/2", "二/3", "三", "三/4"]);
  });
  it("joins the paragraph split by the page break and reads its quantities", () => {
    expect(qs(p, "二/1")).toEqual([[4000, "座", "target", "2020-12-31"], [10000, "元", "incentive", null]]);
    expect(qs(p, "二/2")).toEqual([[2, "个", "target", "2022-12-31"], [20, "家", "target", "2022-12-31"]]);
  });
  it("reads lead and supporting columns of the task table, with a wrapped cell", () => {
    expect(node(p, "二/1")).toMatchObject({
      units: ["市工业和信息化局", "市住房城乡建设局", "市自然资源局", "市城市管理执法局"],
      lead: ["市工业和信息化局"],
    });
    expect(node(p, "二/3").units).toEqual(["市工业和信息化局", "市卫生健康局", "市教育局", "市市场监管局"]);
  });
});

describe("a document whose line breaks were lost", () => {
  const p = fixture("one-line-opinion.txt");
  it("finds the title and the headings inside running text", () => {
    expect(p.document.title).toBe("关于加快推进智慧城市建设的实施意见");
    expect(p.outline.map((n) => `${n.path.join("/")} ${n.title}`)).toEqual([
      "一 总体要求", "二 主要任务", "二/一 完善基础设施", "二/二 推进数据共享", "二/三 深化场景应用",
      "三 保障措施", "三/一 强化资金保障", "三/二 加强督促检查",
    ]);
  });
  it("reads the bodies in trailing parentheses and the paragraph's time", () => {
    expect(node(p, "二/二")).toMatchObject({ units: ["市政务服务数据管理局", "市各有关部门"], lead: ["市政务服务数据管理局"] });
    expect(qs(p, "一")).toEqual([[1, "个", "target", "2025-12-31"], [80, "%", "target", "2025-12-31"]]);
  });
});

describe("measures in 章/条", () => {
  const p = fixture("measures-articles.txt");
  it("reads chapters and articles, the cited 办法 with its 文号, and validity counted from the start date", () => {
    expect(p.outline.map((n) => n.path.join("/"))).toEqual(["一", "一/一", "一/二", "二", "二/三", "二/四", "三", "三/五"]);
    expect(p.document.cites).toMatchObject([{ title: "深圳市市级财政专项资金管理办法", docNumber: "深府规〔2018〕12号" }]);
    expect(p.document.validUntil).toBe("2025-12-31");
  });
  it("tells a qualifying threshold from the grant and its cap", () => {
    expect(qs(p, "二/三")).toEqual([
      [50000000, "元", "other", null],
      [10, "%", "incentive", null],
      [2000000, "元", "incentive", null],
    ]);
  });
});

describe("district measures: a lead rule stated once with 下同, names run together, 按职责分工负责", () => {
  const p = fixture("district-measures.txt");
  it("applies the rule to later parentheses and splits names run together", () => {
    expect(node(p, "一/一/1")).toMatchObject({ units: ["区工信局", "区住建局", "区城管局"], lead: ["区工信局"] });
    expect(node(p, "一/一/2")).toMatchObject({ units: ["区城管局", "区住建局"], lead: ["区城管局"] });
    expect(node(p, "一/二/1")).toMatchObject({ units: ["区发改局", "区工信局"], lead: [] });
  });
  it("reads the conditions of a grant as other and the grant as an incentive", () => {
    expect(qs(p, "一/二/1")).toEqual([[1000, "个", "other", null], [500000, "元", "incentive", null]]);
    expect(qs(p, "二/一/1")).toEqual([[1000000000, "元", "other", null], [1000000, "元", "incentive", null]]);
  });
});

describe("spans", () => {
  it("point at the text they were read from", () => {
    const p = fixture("county-workplan.txt");
    const text = p.text as string;
    for (const n of p.outline) {
      const label = text.slice(n.span!.start, n.span!.end).replace(/\s+/g, "");
      expect(label).toContain(n.title.slice(0, 4));
      for (const q of n.quantities) expect(text.slice(q.span!.start, q.span!.end)).toBe(q.text);
      for (const b of n.bodies ?? []) expect(b.span.end).toBeGreaterThan(b.span.start);
    }
    const cite = p.document.cites[0]!;
    expect(text.slice(cite.span!.start, cite.span!.end)).toContain("广东省数字经济促进条例");
  });
});

describe("a notice that numbers its own requirements before the attached text", () => {
  const p = fixture("notice-with-requirements.txt");
  it("takes the attachment's list as the outline and the numbered requirements as the notice's body", () => {
    expect(p.wrappers).toHaveLength(1);
    expect(p.wrappers[0]).toMatchObject({ docNumber: "江府办〔2021〕5号", issuers: ["江门市人民政府办公室"], date: "2021-02-03" });
    expect(p.document.title).toBe("江门市促进工业互联网发展实施方案");
    expect(p.outline.map((n) => `${n.path.join("/")} ${n.title}`)).toEqual([
      "一 发展目标", "二 重点任务", "二/一 建设网络基础设施", "二/二 培育平台",
    ]);
  });
  it("reads a 责任单位 tag written after a full stop", () => {
    expect(node(p, "二/一")).toMatchObject({ units: ["市工业和信息化局", "市通信发展办"], lead: [] });
    expect(qs(p, "二/一")).toEqual([[2000, "座", "target", "2021-12-31"]]);
    expect(qs(p, "一")).toEqual([[1000, "家", "target", "2023-12-31"]]);
  });
});

describe("an opinion issued in its own name: letterhead, the body opening the title on its own line, signature after the text", () => {
  const p = fixture("opinion-letterhead.txt");
  it("has no wrapper and reads its own title, 文号, issuer and date", () => {
    expect(p.wrappers).toEqual([]);
    expect(p.document).toMatchObject({
      title: "湖南省人民政府关于加快推进数字政府建设的实施意见",
      docNumber: "湘政发〔2022〕3号",
      issuers: ["湖南省人民政府"],
      date: "2022-03-10",
      cites: [{ docNumber: "国发〔2022〕14号", title: "国务院关于加强数字政府建设的指导意见" }],
    });
  });
  it("reads a figure that closes its clause as a target", () => {
    expect(qs(p, "二/二")).toEqual([[100000000, "条", "target", null]]);
    expect(qs(p, "一")).toEqual([[100, "%", "target", "2025-12-31"], [200, "项", "target", "2025-12-31"]]);
  });
});
