import { describe, expect, it } from "vitest";
import { gridsOf, layoutPages, rulesOf, type PathOp, type PdfItem } from "./pdf-layout.js";

/** a run of text at (x, y) in 12-point type, each character 12 wide */
function run(s: string, x: number, y: number): PdfItem {
  return { s, t: [12, 0, 0, 12, x, y], w: 12 * s.length, h: 12 };
}

/** the four edges of a ruled grid as thin filled rectangles, the way Chromium draws borders */
function ruled(xs: number[], ys: number[]): PathOp[] {
  const ops: PathOp[] = [];
  const rect = (x1: number, y1: number, x2: number, y2: number): PathOp => ["p", 22, [[0, x1, y1, 1, x2, y1, 1, x2, y2, 1, x1, y2, 4]]];
  for (const y of ys) ops.push(rect(xs[0]!, y, xs[xs.length - 1]!, y + 0.75));
  for (const x of xs) ops.push(rect(x, ys[ys.length - 1]!, x + 0.75, ys[0]!));
  return ops;
}

describe("layoutPages", () => {
  it("joins a paragraph wrapped at the right margin and keeps an indented next paragraph apart", () => {
    const items = [
      run("一、工作目标", 84, 700),
      run("到2020年，全省4K电视用户达到2000万户，信息消费规模达", 84, 682),
      run("到1.5万亿元。", 60, 664),
      run("二、主要任务", 84, 646),
    ];
    // the margin is where most long lines end
    items[1]!.w = 480;
    expect(layoutPages([{ items, ops: [] }]).text).toBe("一、工作目标\n到2020年，全省4K电视用户达到2000万户，信息消费规模达到1.5万亿元。\n二、主要任务");
  });

  it("does not run a numbered heading on from a full line", () => {
    const full = run("这一行正好写满了整行文字直到页面右边距为止并且没有句号结束", 60, 700);
    full.w = 480;
    const items = [full, run("2.建设新一代移动网络。", 60, 682)];
    expect(layoutPages([{ items, ops: [] }]).text.split("\n")).toHaveLength(2);
  });

  it("puts a tab between runs several em apart and glues Chinese runs without a space", () => {
    const items = [run("序号", 60, 700), run("政策", 200, 700), run("措施", 224, 700), run("5G", 260, 700), run("基站", 300, 700)];
    expect(layoutPages([{ items, ops: [] }]).text).toBe("序号\t政策措施 5G 基站");
  });

  it("reads a ruled table cell by cell, whatever line each cell's text sits on", () => {
    // three columns, two rows; the third cell of row 1 wraps onto two lines, the others are vertically centred
    const ops = ruled([50, 100, 250, 500], [720, 690, 640]);
    const items = [
      run("序号", 55, 700), run("政策措施", 105, 700), run("负责单位", 255, 700),
      run("1", 55, 660), run("提速网络建设", 105, 660),
      run("省工业和信息化厅、通信管理局、", 255, 668), run("各地级以上市人民政府", 255, 650),
    ];
    const text = layoutPages([{ items, ops }]).text;
    expect(text).toBe("序号\t政策措施\t负责单位\n1\t提速网络建设\t省工业和信息化厅、通信管理局、各地级以上市人民政府");
  });

  it("drops page numbers and separates pages with a blank line", () => {
    const pages = [
      { items: [run("一、总体要求", 84, 700), run("— 1 —", 280, 40)], ops: [] },
      { items: [run("- 2 -", 280, 40), run("二、主要任务", 84, 700)], ops: [] },
    ];
    expect(layoutPages(pages)).toEqual({ text: "一、总体要求\n\n二、主要任务", emptyPages: [] });
  });

  it("reports pages without text", () => {
    expect(layoutPages([{ items: [run("正文", 60, 700)], ops: [] }, { items: [], ops: [] }]).emptyPages).toEqual([2]);
  });
});

describe("rulesOf / gridsOf", () => {
  it("finds stroked lines under a transform and ignores clipping paths", () => {
    const ops: PathOp[] = [
      ["s"],
      ["t", [2, 0, 0, 2, 10, 10]],
      ["p", 20, [[0, 0, 0, 1, 100, 0, 0, 0, 50, 1, 100, 50, 0, 0, 0, 1, 0, 50, 0, 50, 0, 1, 50, 50, 0, 100, 0, 1, 100, 50]]],
      ["r"],
      ["p", 28, [[0, 0, 0, 1, 500, 0, 1, 500, 800, 1, 0, 800, 4]]],
    ];
    const { h, v } = rulesOf(ops);
    expect(h.map((r) => [r.y, r.x1, r.x2])).toEqual([
      [10, 10, 210],
      [110, 10, 210],
    ]);
    expect(v.map((r) => r.x)).toEqual([10, 110, 210]);
    expect(gridsOf(h, v)).toHaveLength(1);
  });
});
