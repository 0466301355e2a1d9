import { describe, expect, it } from "vitest";
import { parseText } from "../parse/index.js";
import { alignMeasures } from "./align.js";
import { targetCascades } from "./cascade.js";
import { CHILD_TEXT, PARENT_TEXT } from "./testdata/synthetic.js";

const parent = parseText(PARENT_TEXT, { source: "parent.txt" });
const child = parseText(CHILD_TEXT, { source: "child.txt" });
const al = alignMeasures(child, parent);

/** A two-part plan whose first measure says `sentence`. */
const plan = (title: string, sentence: string) =>
  parseText(`${title}\n\n一、重点任务\n\n1. 建设物联网。${sentence}\n\n二、保障措施\n\n1. 加强宣传。广泛宣传政策。\n`, {
    source: `${title}.txt`,
  });

describe("targetCascades", () => {
  const cascades = targetCascades(child, parent, al);
  const of = (path: string) => cascades.filter((c) => c.child.join("/") === path);

  it("puts the child's target beside the parent's for the same metric, with the share", () => {
    const [sales] = of("一/一");
    expect(sales).toBeDefined();
    expect(sales!.parent).toEqual(["二", "3"]);
    expect(sales!.childTarget.value).toBe(2e9);
    expect(sales!.parentTarget.value).toBe(5e10);
    expect(sales!.share).toBeCloseTo(0.04);
    expect(sales!.metric).toContain("电商销售额");
  });

  it("matches a target of a merged measure to the right parent", () => {
    const [bases] = of("一/二");
    expect(bases!.parent).toEqual(["二", "2"]);
    expect(bases!.share).toBeCloseTo(0.05);
  });

  it("warns when the child's target is due after the parent's", () => {
    const [sales] = of("一/一");
    expect(sales!.warnings.map((w) => w.kind)).toContain("later");
    const [bases] = of("一/二");
    expect(bases!.warnings.map((w) => w.kind)).not.toContain("later");
  });

  it("warns when a rate is below the parent's", () => {
    const [coverage] = of("一/五");
    expect(coverage!.share).toBeNull();
    expect(coverage!.warnings.map((w) => w.kind)).toEqual(["weaker"]);
  });

  it("warns when a count's share is under half of the expected share", () => {
    const none = targetCascades(child, parent, al); // two counts: too few to infer a typical share
    expect(none.some((c) => c.share !== null && c.warnings.some((w) => w.kind === "weaker"))).toBe(false);
    const withShare = targetCascades(child, parent, al, { expectedShare: 0.12 });
    expect(withShare.filter((c) => c.warnings.some((w) => w.kind === "weaker")).map((c) => c.child.join("/"))).toEqual([
      "一/一",
      "一/二",
      "一/五",
    ]);
    // officials read the warning: in Chinese, with both shares
    const said = withShare.flatMap((c) => c.warnings.filter((w) => w.kind === "weaker" && c.share !== null).map((w) => w.message));
    for (const m of said) expect(m).toMatch(/^占上级目标的 [\d.]+%，不到预期占比（12(\.0)?%）的一半$/);
    expect(said.length).toBeGreaterThan(0);
    const generous = targetCascades(child, parent, al, { expectedShare: 0.05 });
    expect(generous.filter((c) => c.share !== null && c.warnings.some((w) => w.kind === "weaker"))).toEqual([]);
  });

  it("does not compare additions with totals", () => {
    const p = plan("某省物联网建设方案", "到2020年底全省NB-IoT基站达到7万座。");
    const c = plan("某市物联网建设方案", "到2020年底全市新增NB-IoT基站135座。");
    const [x] = targetCascades(c, p, alignMeasures(c, p), { expectedShare: 0.1 });
    expect(x!.warnings.map((w) => w.kind)).toEqual(["basis"]);
  });

  it("treats a ceiling (以下) as lower-is-better", () => {
    const p = plan("某省物联网建设方案", "到2020年全省网络故障率降至5%以下。");
    const c = plan("某市物联网建设方案", "到2020年全市网络故障率降至4%以下。");
    const [x] = targetCascades(c, p, alignMeasures(c, p));
    expect(x).toBeDefined();
    expect(x!.warnings).toEqual([]);
    const laxer = plan("某市物联网建设方案", "到2020年全市网络故障率降至6%以下。");
    const [y] = targetCascades(laxer, p, alignMeasures(laxer, p));
    expect(y!.warnings.map((w) => w.kind)).toEqual(["weaker"]);
  });

  it("is empty when no linked measure has targets", () => {
    const p = plan("某省物联网建设方案", "推进物联网建设。");
    const c = plan("某市物联网建设方案", "加快物联网建设。");
    expect(targetCascades(c, p, alignMeasures(c, p))).toEqual([]);
  });
});
