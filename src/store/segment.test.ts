import { describe, expect, it } from "vitest";
import { compactText, indexTokens, makeSnippet, planQuery, queryUnits, queryWords, snippetHtml } from "./segment.js";

describe("search tokens", () => {
  it("indexes bigrams, the last character of each run, jieba words of 3+ characters, and latin words", () => {
    const t = indexTokens("提速5G网络建设，推进工业互联网").split(" ");
    expect(t).toEqual(expect.arrayContaining(["提速", "网络", "络建", "建设", "设", "5g", "互联网", "工业", "网"]));
    expect(t).not.toContain("提速5g");
  });

  it("keeps the bigrams of each run in order, so that their positions are consecutive", () => {
    const t = indexTokens("智慧医疗，网络").split(" ");
    expect(t.slice(0, 4)).toEqual(["智慧", "慧医", "医疗", "网络"]);
  });

  it("plans a query: a phrase of bigrams, one character as a prefix, latin words whole", () => {
    expect(planQuery("5G基站").tsquery).toBe("'基站' & '5g'");
    expect(planQuery("网").tsquery).toBe("'网':*");
    expect(planQuery("智慧医疗").tsquery).toBe("('智慧' <-> '慧医' <-> '医疗')");
    expect(planQuery("  ").tsquery).toBeNull();
    expect(planQuery("a'b").tsquery).toBe("'a' & 'b'");
  });

  it("cuts a query into units with their lexemes, and matches them against text without spacing or phrase punctuation", () => {
    expect(queryUnits("5G基站 网 智慧医疗 网")).toEqual([
      { text: "基站", lexemes: ["基站"] },
      { text: "5g", lexemes: ["5g"] },
      { text: "网", lexemes: ["网"] },
      { text: "智慧医疗", lexemes: ["智慧", "慧医", "医疗"] },
    ]);
    expect(compactText("推行“双随机、一公开” 监管，５Ｇ基站")).toBe("推行双随机一公开监管5g基站");
  });

  it("quotes what could break a tsquery", () => {
    expect(planQuery("x'y\\z 测试 a&b|!c").tsquery).toBe("'x' & 'y' & 'z' & '测试' & 'a' & 'b' & 'c'");
  });

  it("makes a snippet around the first match, with every match marked and HTML escaped", () => {
    const s = makeSnippet("<b>前言</b>很长的文字。推进5G基站建设，5G基站达到4.8万座。", ["5G基站"], 30);
    expect(s.highlights.length).toBe(2);
    const [a, b] = s.highlights[0]!;
    expect(s.text.slice(a, b)).toBe("5G基站");
    const html = snippetHtml(makeSnippet("<script>基站</script>", ["基站"]));
    expect(html).toBe("&lt;script&gt;<mark>基站</mark>&lt;/script&gt;");
  });
});

describe("the words of a query's run the index may hold", () => {
  it("are the run itself first, then its words of three characters or more, each a part of the run", () => {
    const words = queryWords("人力资源社会保障部门");
    expect(words[0]).toBe("人力资源社会保障部门");
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) {
      expect([...w].length).toBeGreaterThanOrEqual(3);
      expect("人力资源社会保障部门").toContain(w);
    }
    expect(new Set(words).size).toBe(words.length);
  });

  it("are none for a run too short to be such a word, or one that is not Han", () => {
    expect(queryWords("政部")).toEqual([]);
    expect(queryWords("nb-iot")).toEqual([]);
  });
});
