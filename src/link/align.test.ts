import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseText } from "../parse/index.js";
import type { ParsedFile } from "../model/exchange.js";
import { alignMeasures, pairLevel, signalMatrix, signalsAt, unrelatedBest, type Alignment } from "./align.js";
import { measuresOf } from "./measures.js";
import { CHILD_TEXT, PARENT_TEXT } from "./testdata/synthetic.js";
import { LONG_PARENT_TEXT, TITLES_CHILD_TEXT } from "./testdata/titles.js";

const parent = parseText(PARENT_TEXT, { source: "parent.txt" });
const child = parseText(CHILD_TEXT, { source: "child.txt" });

const SEEDS = join(import.meta.dirname, "../../examples/seeds");
const seed = (prefix: string): ParsedFile => {
  const name = ["000_e290fc68146139bf.txt", "001_6afff2a45804ebfd.txt", "002_7087236c6a8a085e.txt", "003_fb2d7a1ed97e3020.txt"].find(
    (n) => n.startsWith(prefix),
  )!;
  return parseText(readFileSync(join(SEEDS, name), "utf8"), { source: name });
};

const best = (al: Alignment, child: string) => {
  const link = al.links.find((l) => l.child.join("/") === child);
  if (!link) throw new Error(`no link for ${child}`);
  return link.parents[0]?.path.join("/") ?? "new";
};

/** A deterministic shuffle (so the test itself is repeatable). */
function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const strip = (al: Alignment) => ({ links: al.links, uncovered: al.uncovered });

describe("measures", () => {
  it("are the leaves of the outline, in reading order, with section context", () => {
    const ms = measuresOf(child);
    expect(ms.map((m) => m.key)).toEqual(["一/一", "一/二", "一/三", "一/四", "一/五", "二/一", "二/二"]);
    expect(ms[0]!.context).toEqual(["主要任务"]);
    // the responsible body is no part of what the measure is about
    expect(ms[0]!.text).not.toContain("市商务局");
    expect(ms[0]!.text).toContain("农产品电商服务中心");
  });
});

describe("alignMeasures on a made-up pair", () => {
  const al = alignMeasures(child, parent);

  it("finds renumbered and reordered measures without looking at numbers", () => {
    expect(best(al, "一/一")).toBe("二/3"); // 发展农村电子商务
    expect(best(al, "一/三")).toBe("二/1"); // 建设农业大数据平台
    expect(best(al, "一/五")).toBe("二/6"); // 提升农村网络覆盖
    expect(best(al, "二/一")).toBe("三/1"); // 强化组织保障 ~ 加强组织领导
    expect(best(al, "二/二")).toBe("三/2"); // 加大资金投入 ~ 加大资金支持
  });

  it("lists both parents of a merged measure, best first", () => {
    const merged = al.links.find((l) => l.child.join("/") === "一/二")!;
    expect(merged.parents.map((p) => p.path.join("/")).slice(0, 2)).toEqual(["二/2", "二/4"]);
    expect(merged.parents[0]!.score).toBeGreaterThanOrEqual(merged.parents[1]!.score);
  });

  it("calls a measure with no counterpart new, with an empty parent list", () => {
    const fresh = al.links.find((l) => l.child.join("/") === "一/四")!;
    expect(fresh.parents).toEqual([]);
    expect(fresh.closest).not.toBeNull();
  });

  it("reports the parent measures nobody carries out", () => {
    expect(al.uncovered.map((p) => p.join("/"))).toContain("二/5"); // 培养新型职业农民
    expect(al.uncovered.map((p) => p.join("/"))).not.toContain("二/4"); // covered by the merged measure
    expect(al.uncovered.map((p) => p.join("/"))).not.toContain("二/3");
  });

  it("makes a generic parent measure win only where it is the best", () => {
    // 加强组织领导 shares 明确责任分工, 定期调度工作进展 with 强化组织保障 only
    const toOrganisation = al.links.filter((l) => l.parents[0]?.path.join("/") === "三/1").map((l) => l.child.join("/"));
    expect(toOrganisation).toEqual(["二/一"]);
  });
});

describe("alignment is deterministic and independent of input order", () => {
  it("gives the same answer twice", () => {
    expect(strip(alignMeasures(child, parent))).toEqual(strip(alignMeasures(child, parent)));
  });

  it("gives the same answer when the outlines are listed in another order", () => {
    const ref = strip(alignMeasures(child, parent));
    for (const s of [1, 7, 42]) {
      const c2 = { ...child, outline: shuffled(child.outline, s) };
      const p2 = { ...parent, outline: shuffled(parent.outline, s + 100) };
      expect(strip(alignMeasures(c2, p2))).toEqual(ref);
    }
  });

  it("does the same on a real pair", () => {
    const c = seed("003");
    const p = seed("002");
    const ref = strip(alignMeasures(c, p));
    const again = strip(alignMeasures({ ...c, outline: shuffled(c.outline, 3) }, { ...p, outline: shuffled(p.outline, 5) }));
    expect(again).toEqual(ref);
  });
});

describe("alignMeasures on the seed pairs", () => {
  it("follows an implementing document that keeps the parent's numbering (001 → 000)", () => {
    const al = alignMeasures(seed("001"), seed("000"));
    const same = al.links.filter((l) => l.parents[0] && l.parents[0].path.join("/") === l.child.join("/")).length;
    expect(same / al.links.length).toBeGreaterThanOrEqual(0.9);
  });

  it("follows a renumbered, reordered one (003 → 002)", () => {
    const al = alignMeasures(seed("003"), seed("002"));
    expect(best(al, "二/一/3")).toBe("二/一/4"); // 推进智慧旅游消费 ~ 扩大智慧旅游消费
    expect(best(al, "二/一/4")).toBe("二/一/3"); // 智慧社区
    expect(best(al, "二/二/7")).toBe("二/二/1"); // 智能车联网 ~ 智能交通
    expect(best(al, "三/三")).toBe("二/六/3"); // 信用体系建设 moved from 保障措施 to 主要任务
    expect(best(al, "二/四/13")).toBe("二/四/1"); // 虚拟现实, split from 人工智能电子产品
  });

  it("handles an empty side", () => {
    const empty: ParsedFile = { ...parent, outline: [] };
    const al = alignMeasures(child, empty);
    expect(al.links.every((l) => l.parents.length === 0)).toBe(true);
    expect(alignMeasures(empty, parent).uncovered.length).toBe(measuresOf(parent).length);
  });
});

describe("a child of one-line titles against long parent measures", () => {
  const p = parseText(LONG_PARENT_TEXT, { source: "province.txt" });
  const c = parseText(TITLES_CHILD_TEXT, { source: "city.txt" });
  const al = alignMeasures(c, p);

  it("scores the share of the title found in the parent measure, not a cosine that punishes its length", () => {
    // made up: a long 5G measure that says much more, and a short one that shares only 网络 and 建设
    const parent = parseText(
      "某省推进信息基础设施建设的若干措施\n一、加快5G网络部署。推进城市和乡镇5G基站建设，推动公共建筑和产业园区开放站址资源，简化审批，降低基站用电成本，支持企业开展超高清视频、云游戏、工业互联网等5G应用创新，培育一批应用示范项目，到2025年实现县城以上区域连续覆盖。\n二、加强网络安全建设。落实网络安全责任。\n三、推进数据中心节能。推动存量数据中心改造，新建数据中心采用液冷和余热回收技术。\n",
      { source: "p.txt" },
    );
    const child = parseText("某市推进信息基础设施建设实施方案\n一、加快5G网络建设\n二、推进数据中心节能改造\n", { source: "c.txt" });
    const sm = signalMatrix(measuresOf(child), measuresOf(parent));
    const long = signalsAt(sm, 0, 0);
    const short = signalsAt(sm, 0, 1);
    expect(long.words).toBeGreaterThan(0.6);
    expect(long.words).toBeGreaterThan(2 * short.words);
    expect(long.chars).toBeGreaterThan(2 * short.chars);
    expect(best(alignMeasures(child, parent), "一")).toBe("一");
  });

  it("links every title to the measure it carries out, the body note cut from the title", () => {
    expect(measuresOf(c)[0]!.title).toBe("加快5G网络建设");
    expect(best(al, "一/一")).toBe("一");
    expect(best(al, "一/二")).toBe("二");
    expect(best(al, "二/四")).toBe("五");
    expect(best(al, "三/六")).toBe("六");
    expect(best(al, "三/七")).toBe("七");
    expect(best(al, "三/八")).toBe("八");
    expect(best(al, "四/九")).toBe("十一"); // 工作专班 ~ 加强组织实施, not 网络安全
  });

  it("lists both parents of a title that merges two measures, best first", () => {
    const merged = al.links.find((l) => l.child.join("/") === "二/三")!;
    expect(merged.parents.map((x) => x.path.join("/"))).toEqual(["三", "四"]);
    expect(merged.parents[0]!.score).toBeGreaterThan(merged.parents[1]!.score);
  });

  it("calls a title about something else new, and still lists its best candidates with scores", () => {
    const fresh = al.links.find((l) => l.child.join("/") === "二/五")!; // 马拉松: nothing in the province's text
    expect(fresh.parents).toEqual([]);
    expect(fresh.candidates.length).toBe(3);
    expect(fresh.candidates[0]).toEqual(fresh.closest);
    const scores = fresh.candidates.map((x) => x.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores[0]!).toBeLessThanOrEqual(al.threshold);
  });

  it("reports the provincial measures no title carries out", () => {
    const gaps = al.uncovered.map((x) => x.join("/"));
    expect(gaps).toContain("九"); // 财政金融支持
    expect(gaps).toContain("十"); // 网络安全
    for (const done of ["一", "二", "三", "五", "六", "七", "八", "十一"]) expect(gaps).not.toContain(done);
  });

  it("against a parent about something else, links only the titles it does carry out", () => {
    const other = alignMeasures(c, parent); // 智慧农业: it too trains 数字技能 and sells farm produce online
    expect(best(other, "二/四")).toBe("二/3"); // 农产品直播电商 ~ 发展农村电子商务
    expect(best(other, "三/八")).toBe("二/5"); // 数字技能提升培训 ~ 培养新型职业农民
    expect(best(other, "二/五")).toBe("new");
  });
});

describe("the threshold for new comes from the pair's own unrelated scores", () => {
  // rows of 8 made-up scores; m = 3, so a row's estimate of its best unrelated score is 2 × 4th best − 7th best
  const rows = [
    [0.9, 0.3, 0.2, 0.2, 0.1, 0.1, 0.1, 0.0], // 2 × 0.2 − 0.1 = 0.3
    [0.8, 0.5, 0.2, 0.1, 0.1, 0.0, 0.0, 0.0], // 0.2
    [0.3, 0.3, 0.3, 0.3, 0.2, 0.2, 0.2, 0.1], // 0.4: a dense row, its best does not stand out
    [0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], // 0: one shared word and nothing else
  ];
  const flat = (k: number) => Float64Array.from(rows.flat().map((x) => x * k));

  it("estimates each child measure's best unrelated score from the tail of its row", () => {
    expect(Array.from(unrelatedBest(flat(1), 4, 8, 3))).toEqual([0.3, 0.2, 0.4, 0]);
  });

  it("puts the pair's level at the chosen quantile of those estimates", () => {
    const e = unrelatedBest(flat(1), 4, 8, 3);
    expect(pairLevel(e, 0.75)).toBeCloseTo(0.3);
    expect(pairLevel(e, 1)).toBeCloseTo(0.4);
    expect(pairLevel(e, 0.5)).toBeCloseTo(0.2);
  });

  it("moves with the scores: no constant decides", () => {
    expect(pairLevel(unrelatedBest(flat(3), 4, 8, 3), 0.75)).toBeCloseTo(3 * pairLevel(unrelatedBest(flat(1), 4, 8, 3), 0.75));
  });

  it("uses what there is of a short row, and nothing with a single parent measure", () => {
    // 3 parent measures: the 3rd best stands for both ranks
    expect(Array.from(unrelatedBest(Float64Array.from([0.9, 0.4, 0.2, 0.5, 0.3, 0.1]), 2, 3, 3))).toEqual([0.2, 0.1]);
    expect(Array.from(unrelatedBest(Float64Array.from([0.9, 0.1]), 2, 1, 3))).toEqual([0, 0]);
  });

  it("links a child measure only where its best beats both its own estimate and the pair's level", () => {
    const al = alignMeasures(child, parent);
    for (const l of al.links) {
      expect(l.threshold).toBeGreaterThanOrEqual(al.threshold);
      if (l.parents.length) expect(l.parents[0]!.score).toBeGreaterThan(l.threshold);
      else expect(l.closest?.score ?? 0).toBeLessThanOrEqual(l.threshold);
    }
  });

  it("a fixed threshold still overrides it", () => {
    const al = alignMeasures(child, parent, { newThreshold: 10 });
    expect(al.threshold).toBe(10);
    expect(al.links.every((l) => l.parents.length === 0 && l.candidates.length > 0)).toBe(true);
  });
});
