import { Converter } from "opencc-js/cn2t";
import { describe, expect, it } from "vitest";
import { TRADITIONAL_ONLY } from "./tradchars.js";
import { isMostlyTraditional, toSimplified, traditionalOnlyFromOpenCC, traditionalShare } from "./tradsimp.js";

const toTraditional = Converter({ from: "cn", to: "tw" });

const SIMPLIFIED =
  "各区人民政府，市政府各部门：为进一步优化营商环境，经市人民政府同意，现就有关事项通知如下。" +
  "一、加强组织领导。各区要建立工作机制，明确责任分工，确保各项措施落实到位。" +
  "二、强化资金保障。市财政局负责统筹安排专项资金，对符合条件的企业给予每家不超过50万元的补助。";

describe("traditional texts", () => {
  it("holds exactly the characters OpenCC turns into another single character", () => {
    expect(traditionalOnlyFromOpenCC()).toBe(TRADITIONAL_ONLY);
  });

  it("leaves a simplified text with a few traditional names in it simplified", () => {
    const text = `${SIMPLIFIED}联合香港中文大學、臺灣清華大學和澳門大學共同开展研究。`;
    expect(traditionalShare(text)).toBeGreaterThan(0);
    expect(isMostlyTraditional(text)).toBe(false);
    expect(isMostlyTraditional(SIMPLIFIED)).toBe(false);
  });

  it("takes a traditional text for traditional, and its simplified form back to the original", () => {
    const trad = toTraditional(SIMPLIFIED);
    expect(isMostlyTraditional(trad)).toBe(true);
    expect(toSimplified(trad)).toBe(SIMPLIFIED);
  });

  it("gives the full count's verdict when it stops early, on long texts of either kind", () => {
    const tradHead = toTraditional(SIMPLIFIED).repeat(200) + SIMPLIFIED.repeat(150);
    const simpHead = SIMPLIFIED.repeat(300) + toTraditional(SIMPLIFIED).repeat(100);
    for (const text of [tradHead, simpHead, toTraditional(SIMPLIFIED).repeat(500), SIMPLIFIED.repeat(500)]) {
      expect(isMostlyTraditional(text)).toBe(traditionalShare(text) >= 0.2);
    }
  });

  it("finds no Han characters in a text without any", () => {
    expect(traditionalShare("ABC 123")).toBe(0);
    expect(isMostlyTraditional("ABC 123")).toBe(false);
    expect(isMostlyTraditional("")).toBe(false);
  });
});
