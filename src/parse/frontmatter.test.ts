import { describe, expect, it } from "vitest";
import { classifyLine, issuersFromTitle } from "./frontmatter.js";
import { parseText } from "./document.js";

const parse = (s: string) => parseText(s, { source: "made-up.txt" });

describe("classifyLine", () => {
  it("reads a gazette's bracketed date, with or without the body that dated it", () => {
    expect(classifyLine("（2020年6月18日市人民政府第12次常务会议通过）")).toMatchObject({ kind: "date", date: "2020-06-18" });
    expect(classifyLine("（河东省民政厅 二〇一九年三月五日）")).toMatchObject({ kind: "date", date: "2019-03-05", orgs: ["河东省民政厅"] });
  });
  it("takes a short list of names ending in a colon as addressees, and a sentence ending so as none", () => {
    expect(classifyLine("国网甲电力、乙电力、丙集团、丁研究院:").kind).toBe("addressee");
    expect(classifyLine("现将《某某方案》印发给你们，请认真贯彻执行，并提出以下要求：").kind).toBe("wrapper-body");
  });
  it("counts a letter asking for comments on a draft as issuing it, not a list named 征求意见…", () => {
    expect(classifyLine("现将《某某条例(草案)》送你们征求意见，请于3月1日前反馈。").kind).toBe("wrapper-body");
    expect(classifyLine("征求意见部门、单位名单甲局、乙局、丙局").kind).not.toBe("wrapper-body");
  });
  it("does not take the exhortation that closes a notice's own requirements as issuing a text", () => {
    expect(classifyLine("为做好安全生产工作，现提出如下要求，请抓好贯彻落实。").kind).not.toBe("wrapper-body");
    expect(classifyLine("《某市安全生产工作方案》已经市政府同意，请认真贯彻执行。").kind).toBe("wrapper-body");
  });
  it("never reads a title's opening words as a line of bodies' names", () => {
    expect(classifyLine("某省人民政府关于全面推行").kind).not.toBe("orgs");
  });
});

describe("titles and issuers", () => {
  it("joins a title broken after its opening words and after a bracket inside it", () => {
    const p = parse("某省人民政府关于在全省全面推行\n河长制工作的意见\n某政发〔2020〕3号\n一、总体要求\n二、主要任务\n三、保障措施");
    expect(p.document.title).toBe("某省人民政府关于在全省全面推行河长制工作的意见");
    expect(p.document.issuers).toEqual(["某省人民政府"]);
    const q = parse("关于内地某某班（校）\n扩大招生规模的请示\n一、逐年扩招\n二、保障经费");
    expect(q.document.title).toBe("关于内地某某班（校）扩大招生规模的请示");
  });
  it("takes the department that opens the title, not a company's department letterhead", () => {
    const p = parse("某某集团有限公司部门文件\n某设〔2021〕9号\n某某集团设备部关于加强设备巡检的通知\n各分公司:\n为加强巡检，现提出如下要求。\n一、加强组织\n二、落实责任\n某某集团设备部\n2021年3月1日");
    expect(p.document.issuers).toEqual(["某某集团设备部"]);
  });
  it("takes a gazette's bracketed body and date under the forwarded text's title", () => {
    const p = parse(
      "某省人民政府办公厅转发省民政厅关于\n规范社会组织管理意见的通知\n某政办发〔1999〕3号\n各市人民政府：\n省民政厅《关于规范社会组织管理的意见》已经省政府同意，现转发给你们，请认真贯彻执行。\n某省人民政府办公厅\n一九九九年四月八日\n关于规范社会组织管理的意见\n（某省民政厅 一九九九年一月二十八日）\n一、指导思想\n二、工作原则",
    );
    expect(p.wrappers).toHaveLength(1);
    expect(p.document).toMatchObject({ title: "关于规范社会组织管理的意见", issuers: ["某省民政厅"], date: "1999-01-28" });
  });
});

describe("orders and preambles", () => {
  it("reads a government order (令) as the notice that promulgates the text, signed by its head", () => {
    const p = parse(
      "某市文明行为促进办法\n某市人民政府令\n第25号\n《某市文明行为促进办法》已经2021年1月8日市政府常务会议通过，现予公布，自2021年5月1日起施行。\n市 长：某某\n2021年1月29日\n某市文明行为促进办法\n第一条 为促进文明行为，制定本办法。\n第二条 本办法适用于本市。",
    );
    expect(p.wrappers).toHaveLength(1);
    expect(p.wrappers[0]?.date).toBe("2021-01-29");
    expect(p.document.title).toBe("某市文明行为促进办法");
  });
  it("never takes a preamble that ends in a colon as a title", () => {
    const p = parse("某市住房保障局关于加强住房保障工作的通知\n各区人民政府：\n为切实保障民生，结合本市实际，现就有关事项通知如下：\n一、准入标准\n二、补贴标准");
    expect(p.document.title).toBe("某市住房保障局关于加强住房保障工作的通知");
  });
  it("keeps a notice's own items as the outline when its body issues no text, whatever is attached", () => {
    const p = parse(
      "某市医保局关于印发门诊病种范围的通知\n各有关单位：\n为完善政策，现就有关事项通知如下：\n一、病种分为两类。\n二、按规定确认。\n三、本通知自2019年7月1日起实施。\n附件：1.病种范围\n某市医保局\n2019年6月14日\n附件1\n病种范围\n1.高血压病\n2.糖尿病\n3.冠心病",
    );
    expect(p.outline.map((n) => n.path.join("/"))).toEqual(["一", "二", "三"]);
  });
});

describe("issuers named by the title alone", () => {
  it("reads an order's body (某市人民政府令) and a plan titled by its body and year", () => {
    expect(issuersFromTitle("某江市人民政府令")).toEqual(["某江市人民政府"]);
    expect(issuersFromTitle("某溪县农业农村局2024年工作要点")).toEqual(["某溪县农业农村局"]);
    expect(issuersFromTitle("某溪县2024年工作要点")).toEqual([]);
  });
  it("never joins an order's number (第38号) to its title", () => {
    expect(classifyLine("第38号").kind).toBe("junk");
  });
});

describe("a title wrapped before its ending", () => {
  it("joins a line that is only 的通知 to the title line above", () => {
    const p = parse("关于印发《某区促进消费若干措施》\n的通知\n某区办〔2024〕3号\n各街道：\n现将《某区促进消费若干措施》印发给你们，请认真贯彻执行。\n某区人民政府办公室\n2024年5月6日\n某区促进消费若干措施\n一、发放消费券\n二、支持商户");
    expect(p.wrappers[0]?.title).toBe("关于印发《某区促进消费若干措施》的通知");
  });
});
