import { describe, expect, it } from "vitest";
import { parseText } from "./index.js";

const quantitiesOf = (text: string) =>
  parseText(text, { source: "x.txt" }).outline.flatMap((n) => n.quantities.map((q) => [n.path.join("/"), q.text, q.kind, q.deadline]));

describe("quantities of a node", () => {
  it("gives a target the time that opens the body after its heading's title", () => {
    const text = "某市推进文旅融合实施方案\n一、总体要求\n（一）工作目标。到2026年，接待游客总量显著增长。新建20个旅游驿站，培育8家文旅龙头企业。\n（二）基本原则。坚持统筹推进。\n二、保障措施\n（一）加强组织领导。\n";
    expect(quantitiesOf(text)).toEqual([
      ["一/一", "20个", "target", "2026-12-31"],
      ["一/一", "8家", "target", "2026-12-31"],
    ]);
  });
  it("drops a time limit that sets when a level is reached, keeps one for an act", () => {
    const text = "某县行动方案\n一、主要任务\n（一）力争两年内实现村级服务站全覆盖。\n（二）各乡镇在收到通知后20日内完成自查。\n二、保障措施\n（一）加强组织领导。\n";
    expect(quantitiesOf(text)).toEqual([["一/二", "20日", "other", null]]);
  });
});
