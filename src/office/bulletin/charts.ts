/**
 * The bulletin's charts, drawn on the server by ECharts' own SVG renderer (server-side rendering: no browser, no
 * canvas) from the option builders the web dashboard uses (src/model/charts.ts). The SVG goes into the DOCX as is
 * (with a PNG beside it for word processors without SVG) and into the PDF as vector paths and text (svg-pdf.ts).
 * The PNG is rasterised by resvg, its text outlined with the shipped CJK font, so Chinese renders the same on any
 * machine.
 */
import { renderAsync } from "@resvg/resvg-js";
import { BarChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { LabelLayout } from "echarts/features";
import { SVGRenderer } from "echarts/renderers";
import { BODY_BAR_PX, BODY_CHART_FRAME_PX, bodyProgressOption, dueMonthOption, statusPieOption, STATUS_LOOK, STATUS_ORDER, monthLabel, type ChartLook, type ChartOption } from "../../model/charts.js";
import type { BulletinFigures } from "../../model/bulletin.js";
import { CHART_FONT_FAMILY } from "./fonts.js";
import { outlineText } from "./svg-outline.js";

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, LabelLayout, SVGRenderer]);

export const STATIC: ChartLook = { interactive: false, fontFamily: CHART_FONT_FAMILY };

/** the width of every chart, px: the text width of an A4 公文 page (156 mm) at 96 px per inch */
export const CHART_WIDTH = 590;
/** bodies shown in the bar chart; the ranking table lists them all */
export const CHART_BODIES = 15;

export interface Chart {
  key: "status" | "bodies" | "months";
  /** the caption: 图1 任务状态分布 … */
  title: string;
  /** the chart's figures in words, for a reader who cannot see it (alt text) */
  description: string;
  svg: string;
  width: number;
  height: number;
}

/** Draws an option as an SVG document of the given size. */
export function renderSvg(option: ChartOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    // an SSR instance keeps an animation timer that would hold the process open
    chart.dispose();
  }
}

/**
 * The SVG as a PNG at `scale` times its size, on white. Its text is outlined with the shipped fonts first
 * (svg-outline.ts), so resvg draws Chinese the same on any machine without loading a font.
 */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  // in libuv's thread pool, so that several charts are drawn at once and requests go on meanwhile
  const image = await renderAsync(outlineText(svg), { fitTo: { mode: "zoom", value: scale }, background: "#ffffff", font: { loadSystemFonts: false } });
  return image.asPng();
}

const counted = (n: number) => `${n}项`;

/** The charts of a bulletin: status, bodies (those with the most due tasks, in ranking order), due months. */
export function bulletinCharts(f: BulletinFigures): Chart[] {
  const charts: Chart[] = [];
  charts.push({
    key: "status",
    title: "任务状态分布",
    description: `${f.provisional ? "目前" : "截至期末"}任务状态：${STATUS_ORDER.map((s) => `${STATUS_LOOK[s].label}${counted(f.byStatus[s])}`).join("，")}`,
    svg: renderSvg(statusPieOption(f.byStatus, STATIC), CHART_WIDTH, 380),
    width: CHART_WIDTH,
    height: 380,
  });
  const busiest = new Set(
    [...f.bodies]
      .sort((a, b) => b.due - a.due || b.tasks - a.tasks)
      .slice(0, CHART_BODIES)
      .map((b) => b.bodyId),
  );
  const bodies = f.bodies.filter((b) => busiest.has(b.bodyId));
  if (bodies.length) {
    const height = bodies.length * BODY_BAR_PX + BODY_CHART_FRAME_PX;
    charts.push({
      key: "bodies",
      title: f.bodies.length > bodies.length ? `各单位任务落实情况（到期任务最多的${bodies.length}个单位）` : "各单位任务落实情况",
      description: bodies.map((b) => `${b.bodyName}：任务${counted(b.tasks)}，按期办结${b.closedOnTime}，逾期办结${b.closedLate}，已逾期${b.overdue}`).join("；"),
      svg: renderSvg(bodyProgressOption(bodies, STATIC), CHART_WIDTH, height),
      width: CHART_WIDTH,
      height,
    });
  }
  // twelve empty months say nothing a sentence does not: the chart is left out when none of them has a task due
  if (f.byDueMonth.some((m) => m.total > 0)) {
    charts.push({
      key: "months",
      title: "按月到期任务办结情况",
      description: f.byDueMonth.map((m) => `${monthLabel(m.month)}到期${counted(m.total)}（已办结${m.done}，已逾期${m.overdue}）`).join("，"),
      svg: renderSvg(dueMonthOption(f.byDueMonth, STATIC), CHART_WIDTH, 320),
      width: CHART_WIDTH,
      height: 320,
    });
  }
  return charts;
}
