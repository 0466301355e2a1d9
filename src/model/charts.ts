/**
 * The charts' ECharts options, built in one place for the web dashboard (web/src/pages/Dashboard.tsx, drawn on a
 * canvas in the browser) and the 督查通报 (src/office/bulletin/charts.ts, drawn as SVG on the server), so a
 * figure looks the same on the page and in the printed bulletin. Plain data in, a plain option out: no DOM, no
 * Node, so both builds compile it. A status is never told by colour alone: each carries its symbol and word, and
 * the two that call for action (已逾期, 有风险) a pattern (decal).
 */
import type { EChartsCoreOption } from "echarts/core";
import type { StatusCounts, TaskStatus } from "./api.js";

export type ChartOption = EChartsCoreOption;

/** The order statuses are shown in: what needs action first. */
export const STATUS_ORDER: TaskStatus[] = ["overdue", "at_risk", "returned", "pending_review", "in_progress", "not_started", "done", "done_late", "suspended"];

/** each symbol is one the shipped CJK font has (the printed bulletin draws it with that font) */
export const STATUS_LOOK: Record<TaskStatus, { label: string; color: string; symbol: string }> = {
  not_started: { label: "未开始", color: "#8c8c8c", symbol: "○" },
  in_progress: { label: "推进中", color: "#1677ff", symbol: "◐" },
  pending_review: { label: "待审核", color: "#13a8a8", symbol: "◇" },
  returned: { label: "已退回", color: "#c41d7f", symbol: "←" },
  done: { label: "已办结", color: "#389e0d", symbol: "●" },
  done_late: { label: "逾期办结", color: "#7c8a00", symbol: "◎" },
  at_risk: { label: "有风险", color: "#d48806", symbol: "△" },
  overdue: { label: "已逾期", color: "#cf1322", symbol: "×" },
  suspended: { label: "已中止", color: "#595959", symbol: "‖" },
};

const OTHER_COLOR = "#8c8c8c";

/**
 * Where a chart is drawn: `interactive` in the browser (tooltips, a zoom slider for long time lines); a static
 * picture otherwise, with the font families given (the server names CJK fonts it has, so Chinese renders).
 */
export interface ChartLook {
  interactive: boolean;
  fontFamily?: string;
}

const BROWSER: ChartLook = { interactive: true };

function base(look: ChartLook): ChartOption {
  return look.interactive ? {} : { animation: false, backgroundColor: "#ffffff", textStyle: look.fontFamily ? { fontFamily: look.fontFamily } : {} };
}

/** "2026-09" → "2026年9月" */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  return m ? `${Number(m[1])}年${Number(m[2])}月` : month;
}

/**
 * A slice narrower than this (degrees) has no label of its own: several small statuses side by side would stack
 * their labels into one unreadable heap. Its count is in the legend, which names every status with its count.
 */
export const PIE_MIN_LABEL_ANGLE = 12;

/** 任务状态分布: a ring of the tasks by status. */
export function statusPieOption(counts: StatusCounts | null, look: ChartLook = BROWSER): ChartOption {
  const slices = STATUS_ORDER.map((s) => ({ status: s, name: `${STATUS_LOOK[s].symbol} ${STATUS_LOOK[s].label}`, value: counts?.[s] ?? 0 }));
  const countOf = new Map(slices.map((d) => [d.name, d.value]));
  return {
    ...base(look),
    ...(look.interactive ? { tooltip: { trigger: "item" } } : {}),
    legend: { bottom: 0, formatter: (name: string) => `${name} ${countOf.get(name) ?? 0}` },
    series: [
      {
        type: "pie",
        radius: ["34%", "56%"],
        center: ["50%", "42%"],
        label: { formatter: "{b}\n{c}" },
        // short label lines leave a narrow chart room for the words
        labelLine: { length: 8, length2: 8 },
        avoidLabelOverlap: true,
        minShowLabelAngle: PIE_MIN_LABEL_ANGLE,
        // the labels left that would still touch (a narrow chart) are hidden rather than drawn over each other
        labelLayout: { hideOverlap: true },
        data: slices.map((d) => ({
          name: d.name,
          value: d.value,
          itemStyle: { color: STATUS_LOOK[d.status].color, decal: { symbol: d.status === "overdue" ? "rect" : d.status === "at_risk" ? "triangle" : "none" } },
        })),
      },
    ],
  };
}

export interface DueMonth {
  month: string;
  total: number;
  done: number;
  overdue: number;
}

/** 任务到期时间分布: tasks by the month they are due, stacked into closed, overdue and the rest. */
export function dueMonthOption(months: readonly DueMonth[], look: ChartLook = BROWSER): ChartOption {
  return {
    ...base(look),
    ...(look.interactive ? { tooltip: { trigger: "axis" } } : {}),
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 56 },
    xAxis: { type: "category", data: months.map((m) => monthLabel(m.month)), axisLabel: { rotate: 30 } },
    yAxis: { type: "value", minInterval: 1 },
    // a zoom slider on the page for a long time line; a printed chart shows every month
    ...(look.interactive ? { dataZoom: months.length > 24 ? [{ type: "slider", height: 14, bottom: 0 }] : [] } : {}),
    series: [
      { type: "bar", name: "已办结", stack: "due", data: months.map((m) => m.done), itemStyle: { color: STATUS_LOOK.done.color } },
      { type: "bar", name: "已逾期", stack: "due", data: months.map((m) => m.overdue), itemStyle: { color: STATUS_LOOK.overdue.color, decal: { symbol: "rect" } } },
      { type: "bar", name: "其他", stack: "due", data: months.map((m) => m.total - m.done - m.overdue), itemStyle: { color: OTHER_COLOR } },
    ],
  };
}

export interface BodyProgress {
  bodyName: string;
  /** every task of the body */
  tasks: number;
  closedOnTime: number;
  closedLate: number;
  overdue: number;
}

/** Bar height per body in a static picture, and the room for the axis and legend: the caller sizes the picture with it. */
export const BODY_BAR_PX = 26;
export const BODY_CHART_FRAME_PX = 70;

/** 各单位落实情况: per body, its tasks stacked into closed on time, closed late, overdue and the rest; first body on top. */
export function bodyProgressOption(bodies: readonly BodyProgress[], look: ChartLook = BROWSER): ChartOption {
  const rows = [...bodies].reverse(); // a category axis draws its first item at the bottom
  const nameWidth = 168;
  return {
    ...base(look),
    ...(look.interactive ? { tooltip: { trigger: "axis", axisPointer: { type: "shadow" } } } : {}),
    legend: { top: 0 },
    grid: { left: nameWidth + 12, right: 24, top: 32, bottom: 24 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: rows.map((b) => b.bodyName), axisLabel: { width: nameWidth, overflow: "truncate" } },
    series: [
      { type: "bar", name: "按期办结", stack: "tasks", data: rows.map((b) => b.closedOnTime), itemStyle: { color: STATUS_LOOK.done.color } },
      { type: "bar", name: "逾期办结", stack: "tasks", data: rows.map((b) => b.closedLate), itemStyle: { color: STATUS_LOOK.done_late.color } },
      { type: "bar", name: "已逾期", stack: "tasks", data: rows.map((b) => b.overdue), itemStyle: { color: STATUS_LOOK.overdue.color, decal: { symbol: "rect" } } },
      {
        type: "bar",
        name: "其他",
        stack: "tasks",
        data: rows.map((b) => Math.max(0, b.tasks - b.closedOnTime - b.closedLate - b.overdue)),
        itemStyle: { color: OTHER_COLOR },
      },
    ],
  };
}
