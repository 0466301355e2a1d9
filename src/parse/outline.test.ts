import { describe, expect, it } from "vitest";
import { outlineStart, parseOutline } from "./outline.js";
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
