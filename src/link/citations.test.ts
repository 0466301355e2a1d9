import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseText } from "../parse/index.js";
import { CitationIndex, citesDocument, docNumberKey, identityOf, matchCitation, matchTitle, titleKey } from "./citations.js";

const SEEDS = join(import.meta.dirname, "../../examples/seeds");
const seed = (name: string) => parseText(readFileSync(join(SEEDS, name), "utf8"), { source: name });

describe("docNumberKey", () => {
  it("normalises brackets, width, spaces, 第 and leading zeros", () => {
    const k = "国发〔2017〕40号";
    for (const v of ["国发[2017]40号", "国发［2017］40号", "国发(2017)40号", "国发（2017）40号", "国发【2017】40号", "国发 〔2017〕 40 号", "国发〔２０１７〕４０号", "国发〔2017〕第40号", "国发〔2017〕040号"])
      expect(docNumberKey(v)).toBe(k);
    expect(docNumberKey("国发〔2017〕41号")).not.toBe(k);
  });
});

describe("titleKey and matchTitle", () => {
  it("peels the notice that issues a text", () => {
    expect(titleKey("广东省人民政府关于印发广东省扩大和升级信息消费实施方案（2018-2020年）的通知")).toEqual({
      bare: "广东省扩大和升级信息消费实施方案",
      issuer: "广东省人民政府",
      years: "2018-2020",
    });
    expect(titleKey("印发《关于应对疫情影响进一步促进信息服务和消费的若干政策措施》的通知").bare).toBe(
      "应对疫情影响进一步促进信息服务和消费的若干政策措施",
    );
    // nested: a notice forwarding a notice
    expect(titleKey("江门市人民政府办公室关于转发省政府关于印发某某行动计划的通知的通知").bare).toBe("某某行动计划");
  });

  it("keeps a notice that issues nothing", () => {
    expect(titleKey("关于做好2020年信息消费工作的通知").bare).toBe("做好2020年信息消费工作的通知");
    expect(titleKey("关于加快新闻发布工作的意见").bare).toBe("加快新闻发布工作的意见");
  });

  it("tolerates punctuation, full/half width and the wrapper around a title", () => {
    const doc = "广东省扩大和升级信息消费实施方案（2018-2020年）";
    for (const cited of [
      "广东省人民政府关于印发广东省扩大和升级信息消费实施方案(2018-2020年)", // as 003 cites it, 的通知 left out
      "广东省人民政府关于印发广东省扩大和升级信息消费实施方案（2018-2020年）的通知",
      "广东省扩大和升级信息消费实施方案（2018—2020年）",
      "广东省扩大和升级信息消费实施方案(2018年-2020年)",
      "广东省扩大和升级信息消费实施方案（２０１８～２０２０年）",
      "《广东省扩大和升级信息消费实施方案》（2018-2020年）",
      "广东省 扩大和升级 信息消费 实施方案 2018-2020年",
    ])
      expect(matchTitle(cited, doc), cited).toEqual({ by: "title", confidence: 1 });
  });

  it("matches with less confidence when one side has no year range, never across editions", () => {
    expect(matchTitle("广东省扩大和升级信息消费实施方案", "广东省扩大和升级信息消费实施方案（2018-2020年）")).toEqual({
      by: "title-years",
      confidence: 0.8,
    });
    expect(matchTitle("广东省扩大和升级信息消费实施方案（2021-2023年）", "广东省扩大和升级信息消费实施方案（2018-2020年）")).toBeNull();
  });

  it("needs issuers to agree when both name one", () => {
    expect(matchTitle("国务院关于进一步扩大信息消费的意见", "关于进一步扩大信息消费的意见")).not.toBeNull();
    expect(matchTitle("国务院关于进一步扩大信息消费的意见", "广东省人民政府关于进一步扩大信息消费的意见")).toBeNull();
    expect(matchTitle("关于进一步扩大信息消费的意见", "关于进一步扩大信息消费的实施意见")).toBeNull();
  });
});

describe("matchCitation and CitationIndex", () => {
  const target = { docNumbers: ["粤府〔2018〕27号"], titles: ["广东省扩大和升级信息消费实施方案（2018-2020年）"] };

  it("prefers the 文号, and a different 文号 rules the title out", () => {
    expect(matchCitation({ docNumber: "粤府[2018]27号", title: null }, target)?.by).toBe("docNumber");
    expect(matchCitation({ docNumber: "粤府〔2018〕28号", title: "广东省扩大和升级信息消费实施方案" }, target)).toBeNull();
    expect(matchCitation({ docNumber: null, title: "广东省扩大和升级信息消费实施方案(2018-2020年)" }, target)?.by).toBe("title");
  });

  it("resolves a citation among many documents", () => {
    const index = new CitationIndex<string>();
    index.add("gd-2018", target);
    index.add("gd-2021", { docNumbers: ["粤府〔2021〕9号"], titles: ["广东省扩大和升级信息消费实施方案（2021-2023年）"] });
    index.add("other", { docNumbers: [], titles: ["广州市扩大和升级信息消费实施意见(2019-2021年)"] });
    expect(index.resolve({ docNumber: null, title: "广东省扩大和升级信息消费实施方案（2021—2023年）" }).map((r) => r.id)).toEqual(["gd-2021"]);
    expect(index.resolve({ docNumber: "粤府［2018］27号", title: null }).map((r) => r.id)).toEqual(["gd-2018"]);
    expect(index.resolve({ docNumber: null, title: "广东省扩大和升级信息消费实施方案" }).map((r) => r.id).sort()).toEqual(["gd-2018", "gd-2021"]);
    expect(index.resolve({ docNumber: null, title: "某某办法" })).toEqual([]);
  });
});

describe("citesDocument on the seeds", () => {
  it("sees that an implementing document cites its parent", () => {
    expect(citesDocument(seed("001_6afff2a45804ebfd.txt"), seed("000_e290fc68146139bf.txt"))?.match.by).toBe("docNumber");
    expect(citesDocument(seed("003_fb2d7a1ed97e3020.txt"), seed("002_7087236c6a8a085e.txt"))?.match.by).toBe("docNumber");
    expect(citesDocument(seed("003_fb2d7a1ed97e3020.txt"), seed("000_e290fc68146139bf.txt"))).toBeNull();
  });

  it("takes the issuing notice's title as another name of the document", () => {
    const p = seed("002_7087236c6a8a085e.txt");
    expect(identityOf(p).titles).toContain("广东省人民政府关于印发广东省扩大和升级信息消费实施方案（2018-2020年）的通知");
  });
});
