import { describe, expect, it } from "vitest";
import { parseText } from "./document.js";

/** units and leads per node of a made-up plan */
const bodiesOf = (body: string) =>
  parseText(`青石市便民服务提升方案\n${body}`, { source: "x.txt" }).outline.map((n) => ({
    path: n.path.join("/"),
    units: n.units,
    lead: n.lead,
  }));

describe("bodies in a node's own text", () => {
  it("reads a parenthesis of bodies after a full stop, whatever follows it", () => {
    const nodes = bodiesOf(
      "一、优化办事流程\n（一）精简材料。推行一表申请。（市政务服务局、市数据局负责）推行容缺受理。（市司法局负责）\n（二）延伸服务。",
    );
    expect(nodes.find((n) => n.path === "一/一")?.units).toEqual(["市政务服务局", "市数据局", "市司法局"]);
  });
  it("does not read a name's alias in brackets as a list", () => {
    const nodes = bodiesOf("一、加强协作\n（一）明确职责。材料报送乡镇人民政府（街道办事处）。\n（二）加强督导。");
    expect(nodes.find((n) => n.path === "一/一")?.units).toEqual([]);
  });
  it("reads a tag after a colon and ends it at the next field", () => {
    const nodes = bodiesOf(
      "一、建设平台\n（一）部署系统。内容如下：责任单位：运维服务商、市信息中心完成时限：2023年6月30日\n（二）试运行。",
    );
    expect(nodes.find((n) => n.path === "一/一")?.units).toEqual(["运维服务商", "市信息中心"]);
    const afterBracket = bodiesOf("一、建设平台\n（一）部署系统。配置两台服务器（详见附件）责任单位：市信息中心\n（二）试运行。");
    expect(afterBracket.find((n) => n.path === "一/一")?.units).toEqual(["市信息中心"]);
  });
  it("applies a lead rule stated once to later parentheses, except those ending in 按职责分工负责", () => {
    const nodes = bodiesOf(
      [
        "一、重点任务",
        "（一）扩大供给。增加网点。（市商务局、市财政局负责。排在第一位的为牵头单位，下同）",
        "（二）提升质量。开展评价。（市市场监管局、市商务局负责）",
        "（三）强化保障。落实经费。（市财政局、市审计局按职责分工负责）",
      ].join("\n"),
    );
    expect(nodes.filter((n) => n.path.startsWith("一/")).map((n) => n.lead)).toEqual([
      ["市商务局"], ["市市场监管局"], [],
    ]);
  });
  it("takes the lead rule from a sentence of its own, and not from prose about a first", () => {
    const nodes = bodiesOf(
      [
        "一、重点任务",
        "（一）明确分工。各项任务中排在第一位的为牵头单位。",
        "（二）扩大供给。增加网点。（市商务局、市财政局负责）",
      ].join("\n"),
    );
    expect(nodes.find((n) => n.path === "一/二")?.lead).toEqual(["市商务局"]);
    const prose = bodiesOf(
      "一、重点任务\n（一）培育主体。建成第一个由企业牵头的联合体。\n（二）扩大供给。增加网点。（市商务局、市财政局负责）",
    );
    expect(prose.find((n) => n.path === "一/二")?.lead).toEqual([]);
  });
  it("keeps a date out of a tag's names", () => {
    const nodes = bodiesOf("一、重点任务\n（一）扩大供给。增加网点。责任单位：市商务局，2023年底前完成\n（二）提升质量。");
    expect(nodes.find((n) => n.path === "一/一")?.units).toEqual(["市商务局"]);
  });
});

describe("a 责任单位 tag run onto the words before it", () => {
  it("reads the tag after a figure caption whose stop OCR lost, but not the object of 明确", () => {
    const p = parseText("前言。\n一、任务\n1.建设平台。部署服务器。图2 平台架构图责任单位：甲公司、乙公司完成时限：2021年11月30日\n2.明确责任单位：各部门要落实。", { source: "x.txt" });
    expect(p.outline.find((n) => n.path.join("/") === "一/1")?.units).toEqual(["甲公司", "乙公司"]);
    expect(p.outline.find((n) => n.path.join("/") === "一/2")?.units).toEqual([]);
  });
});

describe("a lead rule stated in the preface", () => {
  it("makes the first body of every later tag the lead", () => {
    const p = parseText("某县实施方案\n各项任务中，排名第一的为牵头单位，下同。\n一、任务\n1.建设平台（县商务局、县财政局）\n2.培训人员（县人社局、县教育局）", { source: "x.txt" });
    expect(p.outline.find((n) => n.path.join("/") === "一/1")?.lead).toEqual(["县商务局"]);
    expect(p.outline.find((n) => n.path.join("/") === "一/2")?.lead).toEqual(["县人社局"]);
  });
});
