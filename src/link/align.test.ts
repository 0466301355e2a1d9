import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseText } from "../parse/index.js";
import type { ParsedFile } from "../model/exchange.js";
import { alignMeasures, type Alignment } from "./align.js";
import { measuresOf } from "./measures.js";
import { CHILD_TEXT, PARENT_TEXT } from "./testdata/synthetic.js";

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
