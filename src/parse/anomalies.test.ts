import { describe, expect, it } from "vitest";
import type { DocMeta, OutlineNode, ParsedFile, Quantity } from "../model/exchange.js";
import { anomalies, bodyNameProblem, labelNumber, titleProblem, type AnomalyKind } from "./anomalies.js";

const TODAY = "2024-06-01";

function meta(over: Partial<DocMeta> = {}): DocMeta {
  return {
    title: "某市关于推进农村公路养护的实施方案",
    docNumber: "某交〔2023〕9号",
    issuers: ["某市交通运输局"],
    date: "2023-03-10",
    validUntil: null,
    cites: [{ docNumber: null, title: "农村公路养护管理办法" }],
    ...over,
  };
}

function node(path: string[], title: string, over: Partial<OutlineNode> = {}): OutlineNode {
  return { path, title, units: [], lead: [], quantities: [], ...over };
}

function q(over: Partial<Quantity> = {}): Quantity {
  return { text: "120公里", value: 120, unit: "公里", kind: "target", deadline: "2023-12-31", ...over };
}

/** A document with nothing wrong: every check passes on it. */
function clean(over: Partial<ParsedFile> = {}): ParsedFile {
  return {
    source: "made-up.txt",
    wrappers: [],
    document: meta(),
    outline: [
      node(["一"], "总体要求"),
      node(["一", "一"], "工作目标", { quantities: [q()] }),
      node(["一", "二"], "基本原则"),
      node(["二"], "重点任务"),
      // numbering runs on across parts: （三） under 二、 follows （二） under 一、
      node(["二", "三"], "完善养护机制", { units: ["市交通运输局", "市财政局"], lead: ["市交通运输局"] }),
      node(["二", "三", "1"], "明确养护责任", { units: ["各县（区）人民政府"] }),
      node(["二", "三", "2"], "落实养护资金", { units: ["市工业和信息化局", "各有关部门和单位"] }),
      node(["二", "四"], "加强路况监测", { quantities: [q({ text: "95%以上", value: 95, unit: "%" })] }),
    ],
    ...over,
  };
}

const kinds = (p: ParsedFile): AnomalyKind[] => anomalies(p, { today: TODAY }).map((a) => a.kind);

function withNode(n: OutlineNode): ParsedFile {
  const p = clean();
  return { ...p, outline: [...p.outline, n] };
}

describe("anomalies", () => {
  it("finds none in a clean document", () => {
    expect(anomalies(clean(), { today: TODAY })).toEqual([]);
  });

  it("a document without outline", () => {
    expect(kinds(clean({ outline: [] }))).toEqual(["no-outline"]);
  });

  it("a body name holding 等, 的 or two names joined by 和", () => {
    const p = withNode(node(["三"], "保障措施", { units: ["市公安局等", "承担任务的单位", "市公安局和市应急管理局"] }));
    const found = anomalies(p, { today: TODAY });
    expect(found.map((a) => [a.kind, a.where, a.text])).toEqual([
      ["body-name", "三", "市公安局等"],
      ["body-name", "三", "承担任务的单位"],
      ["body-name", "三", "市公安局和市应急管理局"],
    ]);
  });

  it("a body name longer than 25 characters", () => {
    const long = "某市某区某街道某社区居民委员会下设的某某某某某某工作小组办公室";
    expect(kinds(withNode(node(["三"], "保障措施", { units: [long] })))).toContain("body-long");
  });

  it("a lead that is not among the node's bodies", () => {
    expect(kinds(withNode(node(["三"], "保障措施", { units: ["市林业局"], lead: ["市水务局"] })))).toEqual(["lead-not-unit"]);
  });

  it("a section heading's title over 60 characters, an empty one, and one holding the next label", () => {
    const section = (title: string) => {
      const p = withNode(node(["三"], title));
      p.outline.push(node(["三", "1"], "子项"));
      return p;
    };
    expect(kinds(section("加".repeat(61)))).toEqual(["title-long"]);
    expect(kinds(section("加".repeat(60)))).toEqual([]);
    // an item's title is its first sentence, long by right
    expect(kinds(withNode(node(["三"], "加".repeat(61))))).toEqual([]);
    expect(kinds(withNode(node(["三"], "")))).toEqual(["title-empty"]);
    expect(kinds(withNode(node(["三"], "保障措施（一）加强组织领导")))).toEqual(["title-label"]);
  });

  it("a gap in a sequence of siblings", () => {
    const p = clean();
    p.outline.push(node(["四"], "工作要求"));
    const found = anomalies(p, { today: TODAY });
    expect(found.map((a) => [a.kind, a.where, a.note])).toEqual([["outline-gap", "四", "二 then 四"]]);
  });

  it("a level that starts past 1 with no run-on from the part before", () => {
    const p = clean();
    p.outline.push(node(["三"], "保障措施"), node(["三", "八"], "强化督查"));
    expect(kinds(p)).toEqual(["outline-start"]);
    expect(kinds(clean({ outline: [node(["二"], "重点任务")] }))).toEqual(["outline-start"]);
  });

  it("a duplicate outline path", () => {
    const p = clean();
    p.outline.push(node(["二", "四"], "加强路况监测"));
    expect(kinds(p)).toEqual(["duplicate-path"]);
  });

  it("a quantity with no unit", () => {
    expect(kinds(withNode(node(["三"], "保障措施", { quantities: [q({ text: "300万", value: 3000000, unit: "" })] })))).toEqual(["unit-missing"]);
  });

  it("a target due before the document was signed", () => {
    const found = anomalies(withNode(node(["三"], "保障措施", { quantities: [q({ deadline: "2022-12-31" })] })), { today: TODAY });
    expect(found.map((a) => [a.kind, a.note])).toEqual([["deadline-before-date", "due 2022-12-31, signed 2023-03-10"]]);
  });

  it("a citation of the document itself or of its wrapper", () => {
    const wrapper = meta({ title: "关于印发某市农村公路养护实施方案的通知", docNumber: "某交〔2023〕9号", cites: [] });
    const byNumber = clean({ wrappers: [wrapper], document: meta({ docNumber: null, cites: [{ docNumber: "某交〔2023〕9号", title: null }] }) });
    expect(kinds(byNumber)).toEqual(["self-citation"]);
    const byTitle = clean({ document: meta({ cites: [{ docNumber: null, title: "某市关于推进农村公路 养护的实施方案" }] }) });
    expect(kinds(byTitle)).toEqual(["self-citation"]);
  });

  it("a title that is a site name, a breadcrumb or an addressee line", () => {
    expect(kinds(clean({ document: meta({ title: "某某省人民政府门户网站" }) }))).toEqual(["doc-title"]);
    expect(kinds(clean({ wrappers: [meta({ title: "当前位置：首页 > 政策文件", cites: [] })] }))).toEqual(["doc-title"]);
    expect(kinds(clean({ document: meta({ title: "各区人民政府：" }) }))).toEqual(["doc-title"]);
  });

  it("an issuer that is no organisation's name", () => {
    expect(kinds(clean({ document: meta({ issuers: ["某市交通运输局关于进一步"] }) }))).toEqual(["issuer-not-org"]);
    expect(kinds(clean({ document: meta({ issuers: ["加快推进"] }) }))).toEqual(["issuer-not-org"]);
  });

  it("a date after the day of processing, and a validity that ends before the signing", () => {
    const signedLater = clean({ document: meta({ date: "2030-01-01" }), outline: [node(["一"], "总体要求")] });
    expect(kinds(signedLater)).toEqual(["date-future"]);
    expect(kinds(clean({ document: meta({ validUntil: "2022-12-31" }) }))).toEqual(["valid-before-date"]);
  });

  it("names the place and the offset of what it finds", () => {
    const p = withNode(node(["三"], "保障措施", { span: { start: 400, end: 404, rule: "t" }, quantities: [q({ unit: "", span: { start: 420, end: 424, rule: "t" } })] }));
    p.outline.push(node(["五"], "其他", { span: { start: 500, end: 502, rule: "t" } }));
    expect(anomalies(p, { today: TODAY }).map((a) => [a.kind, a.where, a.at])).toEqual([
      ["outline-gap", "五", 500],
      ["unit-missing", "三", 420],
    ]);
  });
});

describe("bodyNameProblem", () => {
  it("accepts 和 inside one body's name and words that hold 等", () => {
    expect(bodyNameProblem("市住房和城乡建设局")).toBeNull();
    expect(bodyNameProblem("各高等学校")).toBeNull();
    expect(bodyNameProblem("有关部门和单位")).toBeNull();
  });
  it("refuses 和/及/与 after a body's name", () => {
    expect(bodyNameProblem("区民政局及区财政局")).toBe("joins two names with 及");
  });
});

describe("labelNumber", () => {
  it("reads Chinese numerals, digits and circled numbers", () => {
    expect([labelNumber("十二"), labelNumber("7"), labelNumber("③"), labelNumber("甲")]).toEqual([12, 7, 3, null]);
  });
});

describe("titleProblem", () => {
  it("keeps a title about websites", () => {
    expect(titleProblem("关于加强政府网站内容管理的通知")).toBeNull();
  });
  it("refuses a signature line in parentheses", () => {
    expect(titleProblem("（某某局二〇二〇年五月六日）")).toMatch(/signature/);
  });
});
