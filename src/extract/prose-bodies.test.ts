import { describe, expect, it } from "vitest";
import { findProseBodies, isBodyName, suggestedRole } from "./prose-bodies.js";

const found = (s: string) => findProseBodies(s).map((b) => [b.name, b.rule, b.lead, b.support]);
const names = (s: string) => findProseBodies(s).map((b) => b.name);

describe("findProseBodies", () => {
  it("由X牵头: the body after 由 leads; the bodies of the next clause that 配合 support", () => {
    expect(found("该项工作由市水务局牵头，市农业农村局、生态环境局配合。")).toEqual([
      ["市水务局", "suggest.you-qiantou", true, false],
      ["市农业农村局", "suggest.subject-peihe", false, true],
      ["市生态环境局", "suggest.subject-peihe", false, true],
    ]);
  });
  it("由X负责 / 由X组织: the body answers for the work, without a lead", () => {
    expect(found("具体考核由县审计局负责组织实施。")).toEqual([["县审计局", "suggest.you-fuze", false, false]]);
    expect(found("年度评审由区科学技术协会组织。")).toEqual([["区科学技术协会", "suggest.you-zuzhi", false, false]]);
  });
  it("X负责 at a clause start, each sentence of a duties paragraph", () => {
    expect(found("市民宗局负责寺观教堂安全检查。市消防救援支队负责指导消防设施改造。")).toEqual([
      ["市民宗局", "suggest.subject-fuze", false, false],
      ["市消防救援支队", "suggest.subject-fuze", false, false],
    ]);
  });
  it("X要 / X应当: a named body's duty, after a clause break or an enumerator", () => {
    expect(names("（2）各区人民政府要建立台账；县林业局应当每月通报。")).toEqual(["各区人民政府", "县林业局"]);
    expect(names("第七条 市气象局应当及时发布预警。")).toEqual(["市气象局"]);
    expect(names("一是区档案馆要完成数字化。")).toEqual(["区档案馆"]);
  });
  it("X会同Y: the subject leads, the bodies after 会同 support, up to the sentence's own verb", () => {
    expect(found("市商务局会同市税务局、市外汇管理局制定申报指引。")).toEqual([
      ["市商务局", "suggest.subject-huitong", true, false],
      ["市税务局", "suggest.huitong-object", false, true],
      ["市外汇管理局", "suggest.huitong-object", false, true],
    ]);
    expect(found("由省侨办会同省外事办研究提出方案")).toEqual([
      ["省侨办", "suggest.you-huitong", true, false],
      ["省外事办", "suggest.huitong-object", false, true],
    ]);
  });
  it("会同有关部门: a collective after 会同 is no body, nor a part of it (有关部)", () => {
    expect(found("省粮食局会同有关部门开展检查。")).toEqual([["省粮食局", "suggest.subject-huitong", true, false]]);
    // a name ending in 机关 is read whole
    expect(names("县法院会同县公安机关、县检察院研究处置办法。")).toEqual(["县法院", "县公安机关", "县检察院"]);
  });
  it("X、Y按职责分工负责: a list carries its level prefix, and no one leads", () => {
    expect(found("市城管局、住房建设局按职责分工负责。")).toEqual([
      ["市城管局", "suggest.subject-fengong", false, false],
      ["市住房建设局", "suggest.subject-fengong", false, false],
    ]);
  });
  it("a list in brackets after a sentence", () => {
    expect(names("完善夜间照明设施。（市路灯管理所负责）")).toEqual(["市路灯管理所"]);
  });
  it("keeps the named bodies of a list and drops a collective joined to them", () => {
    expect(names("省科技厅、省财政厅和有关单位要加强协作。")).toEqual(["省科技厅", "省财政厅"]);
    expect(names("市统计局和市税务局要共享数据。")).toEqual(["市统计局", "市税务局"]);
    expect(names("（省商务厅、省外办等有关部门和单位负责）")).toEqual(["省商务厅", "省外办"]);
  });
  it("does not take collectives, role nouns or persons for bodies", () => {
    for (const s of [
      "各地要高度重视。",
      "企业负责提供材料。",
      "各有关部门要加强配合。",
      "有关单位应当如实填报。",
      "各地各部门要抓好落实。",
      "党员干部要带头示范。",
      "主管单位负责审核。",
      "项目承建单位要按期交付。",
      "各有关地区和部门要密切协作。",
      "本办法所称主体，是指各级行政机关负责的平台。",
      "各县（市、区）要制定方案。",
      "经营场所应当张贴标识。",
      "公共平台要开放数据。",
    ]) {
      expect(names(s), s).toEqual([]);
    }
  });
  it("does not read a predicate inside a name (组织部, 应急管理局, 社会同) or 负责同志", () => {
    expect(names("县委组织部负责选派干部。")).toEqual(["县委组织部"]);
    expect(names("市应急管理局要开展演练。")).toEqual(["市应急管理局"]);
    expect(names("推动文化与经济和社会同步发展。")).toEqual([]);
    expect(names("成员由市教育局、市民政局负责同志组成。")).toEqual([]);
  });
  it("a clause that opens with a verb or a fragment of a bracket has no subject", () => {
    expect(names("支持市科技局牵头建设平台。")).toEqual([]);
    expect(names("申请人（监护人）到区残联办理。")).toEqual([]);
    // a clause is not taken to open after a closing bracket: what stands before it is unknown
    expect(names("（6月1日-6月30日）区供电公司负责排查。")).toEqual([]);
  });
  it("gives offsets of the list within the text", () => {
    const [b] = findProseBodies("同时，市文旅局负责宣传。");
    expect(b && "同时，市文旅局负责宣传。".slice(b.start, b.end)).toBe("市文旅局");
  });
  it("stays linear on a long line without punctuation", () => {
    const long = "市财政局".repeat(50_000) + "负责";
    const t = Date.now();
    findProseBodies(long);
    findProseBodies("由".repeat(200_000));
    expect(Date.now() - t).toBeLessThan(3000);
  });
});

describe("isBodyName", () => {
  it("wants an organisation's ending and more than a collective", () => {
    expect(isBodyName("乡镇(街道)党(工)委")).toBe(true);
    expect(isBodyName("各级人民政府")).toBe(true);
    expect(isBodyName("各地区")).toBe(false);
    expect(isBodyName("候车室")).toBe(false);
    expect(isBodyName("前3家公司")).toBe(false);
  });
});

describe("suggestedRole", () => {
  it("leads lead, helpers and 会同's objects support, a body that answers for its work leads its share", () => {
    expect(suggestedRole("suggest.you-qiantou", true)).toBe("lead");
    expect(suggestedRole("suggest.subject-peihe", false)).toBe("supporting");
    expect(suggestedRole("suggest.huitong-object", false)).toBe("supporting");
    expect(suggestedRole("suggest.subject-fuze", false)).toBe("lead");
  });
});
