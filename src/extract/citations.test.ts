import { describe, expect, it } from "vitest";
import { findCitations } from "./citations.js";
import { findDocNumbers, normalizeDocNumber } from "./docnumbers.js";
import { findDates, dateLine, addYearsMinusDay } from "./dates.js";

const cites = (s: string) => findCitations(s).map((c) => [c.title, c.docNumber]);

describe("docnumbers", () => {
  it("normalises every bracket style to 〔〕", () => {
    expect(findDocNumbers("粤工信信软[2020]37号、国发(2017)40号、穗工信［2019］6号、粤府〔2018〕27号").map((d) => d.value)).toEqual([
      "粤工信信软〔2020〕37号", "国发〔2017〕40号", "穗工信〔2019〕6号", "粤府〔2018〕27号",
    ]);
    expect(normalizeDocNumber("国发 （2017） 40号")).toBe("国发〔2017〕40号");
  });
  it("keeps the issuer code, not the words before it", () => {
    expect(findDocNumbers("根据国办发〔2020〕1号文件").map((d) => d.value)).toEqual(["国办发〔2020〕1号"]);
  });
});

describe("dates", () => {
  it("reads the three ways a date is written", () => {
    expect(findDates("2020年3月25日、2020-03-25、二〇二〇年三月二十五日").map((d) => d.value)).toEqual([
      "2020-03-25", "2020-03-25", "2020-03-25",
    ]);
  });
  it("rejects impossible dates", () => {
    expect(findDates("2020年2月30日")).toEqual([]);
  });
  it("knows a line that is only a date, and validity in years", () => {
    expect(dateLine("  2019年8月26日 ")?.value).toBe("2019-08-26");
    expect(dateLine("2019年8月26日印发")).toBeNull();
    expect(addYearsMinusDay("2020-03-25", 5)).toBe("2025-03-24");
  });
});

describe("findCitations", () => {
  it("makes one citation of a title and the 文号 beside it", () => {
    expect(cites("贯彻《国务院关于进一步扩大和升级信息消费持续释放内需潜力的指导意见》（国发〔2017〕40号）和《广东省“互联网+”行动计划(2015-2020年)》")).toEqual([
      ["国务院关于进一步扩大和升级信息消费持续释放内需潜力的指导意见", "国发〔2017〕40号"],
      ["广东省“互联网+”行动计划(2015-2020年)", null],
    ]);
  });
  it("reads 《《title》 as 《title》 and a bare 文号 as a citation", () => {
    expect(cites("贯彻执行《《某某干扰协调管理办法》，按粤府〔2018〕27号执行")).toEqual([
      ["某某干扰协调管理办法", null],
      [null, "粤府〔2018〕27号"],
    ]);
  });
  it("does not cite newspapers, programmes or quoted names", () => {
    expect(cites("在《人民日报》《新闻联播》报道，“江门文化云”平台")).toEqual([]);
  });
});
