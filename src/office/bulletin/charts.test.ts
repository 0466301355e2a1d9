import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { dueMonthOption, statusPieOption, STATUS_LOOK, STATUS_ORDER } from "../../model/charts.js";
import type { BulletinFigures } from "../../model/bulletin.js";
import { bulletinCharts, CHART_BODIES, renderSvg, STATIC, svgToPng } from "./charts.js";
import { CJK_FAMILY, parsedFonts } from "./fonts.js";
import { outline, outlineText } from "./svg-outline.js";
import { parseColor, parseTransform } from "./svg-pdf.js";

const NAMES = ["广东省工业和信息化厅", "广州市发展和改革委员会（市粮食和物资储备局）", "A&B <b>单位</b>", "省财政厅"];

/** figures enough for the charts */
function figures(bodies = 4): BulletinFigures {
  return {
    byStatus: { not_started: 3, in_progress: 5, pending_review: 2, returned: 1, done: 7, done_late: 2, at_risk: 3, overdue: 4, suspended: 1 },
    bodies: Array.from({ length: bodies }, (_, i) => ({
      rank: i + 1,
      bodyId: i + 1,
      bodyName: i < NAMES.length ? NAMES[i]! : `第${i}单位`,
      tasks: 10 + i,
      due: 20 - i,
      closedOnTime: i % 5,
      closedLate: i % 2,
      overdue: i % 3,
      pendingClose: 0,
      rate: 0.5,
      atRisk: 0,
      dueInPeriod: 1,
    })),
    byDueMonth: [
      { month: "2025-10", total: 3, done: 1, overdue: 1 },
      { month: "2026-09", total: 6, done: 3, overdue: 0 },
    ],
  } as unknown as BulletinFigures;
}

describe("the bulletin's charts", () => {
  const charts = bulletinCharts(figures());

  it("are well-formed SVG (a strict XML parser draws them) with the bodies' names as text, escaped", async () => {
    for (const c of charts) {
      expect(c.svg.startsWith("<svg")).toBe(true);
      expect(() => new Resvg(c.svg)).not.toThrow();
    }
    const bodies = charts.find((c) => c.key === "bodies")!.svg;
    for (const name of [NAMES[0]!, NAMES[3]!]) expect(bodies).toContain(`>${name}<`);
    // a name longer than the axis's room is cut short there (the ranking table has it whole)
    expect(bodies).toContain(">广州市发展和改革委员会（市...<");
    expect(bodies).toContain("A&amp;B &lt;b&gt;单位&lt;/b&gt;");
    expect(bodies).not.toContain("<b>");
  });

  it("name a CJK font the server has first", () => {
    for (const c of charts) expect(c.svg).toContain(`font-family:${CJK_FAMILY},`);
  });

  it("are drawn from the dashboard's own option builders (src/model/charts.ts)", () => {
    const f = figures();
    // each ECharts instance names its patterns (zr0-, zr1-) and numbers its hover classes on: the drawing is the same
    const same = (svg: string) => svg.replace(/ class="[^"]*"/g, "").replace(/<style[^]*?<\/style>/g, "").replace(/zr\d+-/g, "zr-");
    const status = charts.find((c) => c.key === "status")!;
    expect(same(status.svg)).toBe(same(renderSvg(statusPieOption(f.byStatus, STATIC), status.width, status.height)));
    const months = charts.find((c) => c.key === "months")!;
    expect(same(months.svg)).toBe(same(renderSvg(dueMonthOption(f.byDueMonth, STATIC), months.width, months.height)));
    // and the dashboard page builds its charts with the same functions, not options of its own
    const page = readFileSync(join(import.meta.dirname, "../../../web/src/pages/Dashboard.tsx"), "utf8");
    expect(page).toMatch(/import \{[^}]*\bdueMonthOption\b[^}]*\bstatusPieOption\b[^}]*\} from "\.\.\/\.\.\/\.\.\/src\/model\/charts"/);
    expect(page).toContain("statusPieOption(counts)");
    expect(page).toContain("dueMonthOption(months)");
    expect(page).not.toMatch(/type: "pie"|type: "bar"/);
  });

  it("keep the status ring's labels apart when several statuses are small, their counts in the legend", () => {
    const counts = { not_started: 120, in_progress: 80, pending_review: 2, returned: 1, done: 3, done_late: 1, at_risk: 2, overdue: 4, suspended: 0 };
    // the dashboard's card on a phone, and the bulletin's page width
    for (const [w, h] of [
      [330, 280],
      [590, 380],
    ] as const) {
      const svg = renderSvg(statusPieOption(counts, STATIC), w, h);
      // a slice's label is two <text> lines (name, count) drawn with a white halo; the legend's text has none
      const labels = [...svg.matchAll(/<text [^>]*text-anchor="(start|end)"[^>]*y="-6" transform="translate\(([\d.]+) ([\d.]+)\)"[^>]*stroke=[^>]*>([^<]*)<\/text>/g)].map(
        ([, anchor, x, y, text]) => {
          const width = 12 * [...text!].length; // 12 px type, a full-width character each at most
          const left = anchor === "end" ? Number(x) - width : Number(x);
          return { text, left, right: left + width, top: Number(y) - 12, bottom: Number(y) + 12 };
        },
      );
      expect(labels.map((l) => l.text)).toEqual(expect.arrayContaining(["○ 未开始", "◐ 推进中"]));
      for (const [i, a] of labels.entries())
        for (const b of labels.slice(i + 1)) {
          const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
          expect(apart, `${a.text} / ${b.text} at ${w}×${h}`).toBe(true);
        }
      for (const s of STATUS_ORDER) expect(svg).toContain(`>${STATUS_LOOK[s].symbol} ${STATUS_LOOK[s].label} ${counts[s]}</text>`);
    }
  });

  it("show at most CHART_BODIES bodies, those with the most due tasks", () => {
    const many = bulletinCharts(figures(40)).find((c) => c.key === "bodies")!;
    expect(many.title).toContain(`到期任务最多的${CHART_BODIES}个单位`);
    expect(many.svg).toContain(">第4单位<"); // due 16: among the 15 most
    expect(many.svg).not.toContain(">第39单位<"); // due -19: not
  });

  it("leave out the month chart when none of its months has a task due", () => {
    const f = figures();
    f.byDueMonth = f.byDueMonth.map((m) => ({ ...m, total: 0, done: 0, overdue: 0 }));
    expect(bulletinCharts(f).map((c) => c.key)).toEqual(["status", "bodies"]);
  });

  it("carry their figures in words for a reader who cannot see them", () => {
    const status = charts.find((c) => c.key === "status")!;
    expect(status.description).toContain(`${STATUS_LOOK.overdue.label}4项`);
  });

  it("rasterise to PNG with their text outlined: no <text> left, a real picture", async () => {
    const svg = charts.find((c) => c.key === "bodies")!.svg;
    const outlined = outlineText(svg);
    expect(outlined).not.toMatch(/<text\b/);
    expect(outlined.match(/<path /g)!.length).toBeGreaterThan(svg.match(/<path /g)!.length);
    const png = await svgToPng(svg);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(2 * 590); // width, at twice the size
  });

  it("draw a character no font has as 〓, the typesetter's mark for a missing one", () => {
    const fonts = parsedFonts();
    const missing = String.fromCodePoint(0x2a6d6); // CJK extension B: in neither Noto Sans Hans nor WenQuanYi
    expect(outline(fonts, missing, 12)).toEqual(outline(fonts, "〓", 12));
    expect(outline(fonts, "督", 12).d).not.toBe(outline(fonts, "〓", 12).d);
  });
});

describe("SVG attributes as the PDF reads them", () => {
  it("reads transforms in order", () => {
    expect(parseTransform("translate(10 20)")).toEqual([[1, 0, 0, 1, 10, 20]]);
    expect(parseTransform("translate(5) scale(2)")).toEqual([
      [1, 0, 0, 1, 5, 0],
      [2, 0, 0, 2, 0, 0],
    ]);
    expect(parseTransform("matrix(1,0,0,1,3,4)")).toEqual([[1, 0, 0, 1, 3, 4]]);
    const [r] = parseTransform("rotate(90)").slice(1);
    expect(r!.map((v) => Math.round(v))).toEqual([0, 1, -1, 0, 0, 0]);
    expect(parseTransform("translate(NaN 1)")).toEqual([]);
  });

  it("reads colours with their alpha, and patterns", () => {
    expect(parseColor("rgba(255,0,0,0.5)")).toEqual({ color: "#ff0000", alpha: 0.5 });
    expect(parseColor("#54555a")).toEqual({ color: "#54555a", alpha: 1 });
    expect(parseColor("none").color).toBeNull();
    expect(parseColor("url(#zr0-p0)")).toEqual({ color: null, alpha: 1, url: "zr0-p0" });
    expect(parseColor("expression(alert(1))").color).toBeNull();
  });
});
