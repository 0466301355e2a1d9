import { describe, expect, it } from "vitest";
import { headingEnd, outlineStart, parseOutline } from "./outline.js";
import { labelAt } from "./labels.js";
import { cleanText } from "./clean.js";

const outline = (s: string) => {
  const start = outlineStart(s);
  return parseOutline(s, start, s.length).map((h) => `${h.path.join("/")} ${h.title}`);
};

describe("labels", () => {
  it("reads every label style and no number inside a sentence", () => {
    expect(labelAt("（一）加强", 0)?.text).toBe("一");
    expect(labelAt("1．建设", 0)?.style).toBe("ar-dot");
    expect(labelAt("第 1 0 条 附则", 0)?.text).toBe("10");
    expect(labelAt("第十条 附则", 0)?.value).toBe(10);
    expect(labelAt("③推进", 0)?.value).toBe(3);
    expect(labelAt("1.5万座", 0)).toBeNull();
    expect(labelAt("3、4月份", 0)).toBeNull();
    // a heading may open with a time: 3．年底前清理…
    expect(labelAt("3．年底前清理收费项目", 0)?.value).toBe(3);
    expect(labelAt("3.年产值", 0)).toBeNull();
  });
});

describe("parseOutline", () => {
  it("nests new styles and numbers that restart in each part", () => {
    const s = "前言。\n一、目标\n二、任务\n（一）甲\n1. 子一。正文\n2. 子二\n（二）乙\n1. 子三\n三、保障";
    expect(outline(s)).toEqual(["一 目标", "二 任务", "二/一 甲", "二/一/1 子一", "二/一/2 子二", "二/二 乙", "二/二/1 子三", "三 保障"]);
  });
  it("keeps a single part above its list", () => {
    expect(outline("前言。\n一、主要任务\n1. 甲\n2. 乙")).toEqual(["一 主要任务", "一/1 甲", "一/2 乙"]);
  });
  it("keeps numbering that runs on across parts", () => {
    const s = "一、甲\n1. a\n2. b\n二、乙\n3. c\n4. d";
    expect(outline(s)).toEqual(["一 甲", "一/1 a", "一/2 b", "二 乙", "二/3 c", "二/4 d"]);
  });
  it("finds items run into one paragraph after 。； but not numbers inside sentences", () => {
    const s = "一、任务\n二、要求。（1）建立台账；（2）按月调度，共3.5万元；（3）年底总结。";
    expect(outline(s)).toEqual(["一 任务", "二 要求", "二/1 建立台账", "二/2 按月调度，共3.5万元", "二/3 年底总结"]);
  });
  it("ends a title at 。；： and reads chapters and articles", () => {
    const s = "第一章 总则\n第一条 为了规范管理，制定本办法。\n第二条 适用范围：全市。\n第二章 附则\n第三条 施行。";
    expect(outline(s)).toEqual(["一 总则", "一/一 为了规范管理，制定本办法", "一/二 适用范围", "二 附则", "二/三 施行"]);
  });
});

describe("cleanText", () => {
  it("joins a paragraph split by a page break and drops the page number and running header", () => {
    const src = "标题\n一、甲\n1. 建设基站4000座，\n— 2 —\n某某行动计划\n实现覆盖。\n2. 乙。\n— 3 —\n某某行动计划\n3. 丙。";
    const c = cleanText(src);
    expect(c.text).toBe("标题\n一、甲\n1. 建设基站4000座，实现覆盖。\n2. 乙。\n3. 丙。");
    // every clean character maps back to the same character of the source
    for (let i = 0; i < c.text.length; i++) {
      if (c.text[i] !== "\n") expect(src[c.map[i] as number]).toBe(c.text[i]);
    }
  });
  it("keeps headings without a full stop on their own line", () => {
    expect(cleanText("一、工作目标\n到2020年，达到70%。").text).toBe("一、工作目标\n到2020年，达到70%。");
  });
});

describe("parseOutline on text whose line breaks were lost", () => {
  const parse = (s: string) => {
    const c = cleanText(s);
    const start = outlineStart(c.text);
    return parseOutline(c.text, start, c.text.length, (p) => c.virtualBreaks.has(p)).map((h) => `${h.path.join("/")} ${h.title}`);
  };
  it("finds headings glued to the heading before them and to a closing bracket", () => {
    const s = "为推进工作，制定本方案。一、总体要求(一)指导思想坚持以人民为中心，统筹推进城乡一体化发展。(二)工作目标到2025年完成改造。二、重点任务1.加快建设。(甲局牵头，乙局配合)2.强化保障。";
    expect(parse(s)).toEqual(["一 总体要求", "一/一 指导思想", "一/二 工作目标", "二 重点任务", "二/1 加快建设", "二/2 强化保障"]);
  });
  it("ends a run-on heading where a sentence opener begins", () => {
    const s = "为推进工作，制定本方案。一、工作思路根据试点成效，全面推广应用。二、工作目标通过一年努力，实现全覆盖。三、推进平台改造由项目组按照规范开展改造，年底完成。";
    expect(parse(s)).toEqual(["一 工作思路", "二 工作目标", "三 推进平台改造"]);
  });
  it("resynchronises after a label damaged by OCR and reads a heading that opens with digits", () => {
    const s = "前言。\n1.甲事项。2.乙事项。3。丙事项。4.丁事项。5.12345热线整合。6.戊事项。";
    expect(parse(s).map((x) => x.split(" ")[0])).toEqual(["1", "2", "3", "4", "5", "6"]);
  });
  it("still reads no label inside a word or a number (统一、 2.5万 营销2.0)", () => {
    const s = "前言。\n1.推进统一、规范管理，新增2.5万户。2.推进营销2.0系统建设。3.完成验收。";
    expect(parse(s)).toEqual(["1 推进统一、规范管理，新增2.5万户", "2 推进营销2.0系统建设", "3 完成验收"]);
  });
  it("starts the outline after a notice that numbers its own requirements and is signed", () => {
    const s =
      "关于印发某市2021年安全生产工作方案的通知\n各单位:\n现将《某市2021年安全生产工作方案》印发给你们，请结合以下要求认真落实。\n1.加强学习。\n2.抓好落实。\n某市应急管理局\n2021年1月5日\n某市2021年安全生产工作方案\n为推动工作，制定本方案。\n一、目标\n二、任务\n三、保障";
    expect(parse(s)).toEqual(["一 目标", "二 任务", "三 保障"]);
  });
  it("keeps an article's first sentence as its title even in run-on text", () => {
    const s = "为规范工作，制定本规则。一、机构设置第一条领导小组由甲局牵头组成，负责统筹协调。第二条领导小组根据工作需要召开会议。二、其他第三条本规则自印发之日起施行。";
    expect(parse(s)).toEqual(["一 机构设置", "一/一 领导小组由甲局牵头组成，负责统筹协调", "一/二 领导小组根据工作需要召开会议", "二 其他", "二/三 本规则自印发之日起施行"]);
  });
});

describe("headingEnd", () => {
  it("cuts a four-character section name before a long sentence and keeps short headings whole", () => {
    expect(headingEnd("总体要求深入贯彻新发展理念，坚持稳中求进，围绕中心工作")).toBe(4);
    expect(headingEnd("加快推进项目建设")).toBe(8);
    expect(headingEnd("严密组织换届选举2021年6月底前，各县要集中时间开展选举")).toBe(8);
    expect(headingEnd("动员部署（3月1日-4月30日）公司负责制定方案并组织实施")).toBe("动员部署（3月1日-4月30日）".length);
  });
});

describe("cleanText after an unclosed bracket", () => {
  it("joins every following line into one paragraph, keeping every character", () => {
    // joining follows the same rule, so an unclosed （ joins every following line into one paragraph
    const lines = 3000;
    const c = cleanText("（" + "甲乙丙丁，\n".repeat(lines));
    expect(c.text.split("\n")).toHaveLength(1);
    expect(c.text.length).toBe(1 + lines * 5);
  });
});

describe("cleanText on PDF text", () => {
  it("joins a long heading wrapped onto a short second line, but not a body's name under a list", () => {
    expect(cleanText("三、推进家庭适老化改造和智慧健康养老产品\n应用推广\n各区要加快推进。").text).toBe("三、推进家庭适老化改造和智慧健康养老产品应用推广\n各区要加快推进。");
    expect(cleanText("2.某区2025年数字政府建设任务分工表\n某区数据资源管理局\n2025年2月10日").text.split("\n")).toHaveLength(3);
  });
});
