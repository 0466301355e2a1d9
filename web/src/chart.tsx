/**
 * A tiny ECharts wrapper. ECharts is loaded on demand (its own chunk, see src/echarts.ts), so a page shows its
 * figures, lists and progress bars first; until the chart is drawn, a line of text says what it will show.
 */
import type { ECharts, EChartsCoreOption } from "echarts/core";
import { useEffect, useRef, useState } from "react";

export type ChartOption = EChartsCoreOption;

/**
 * `label` is the chart's accessible name; the same figures are always also given as text beside it.
 * `placeholder` is what the chart will show, displayed while ECharts loads (e.g. "任务状态分布图").
 */
export function Chart({ option, height = 280, label, placeholder }: { option: ChartOption; height?: number; label: string; placeholder: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  useEffect(() => {
    let live = true;
    let dispose = () => {};
    // after the page around the chart has been drawn and answers input: ECharts is the largest chunk
    const load = () => import("./echarts");
    const loaded = new Promise<void>((r) => (typeof requestIdleCallback === "function" ? requestIdleCallback(() => r(), { timeout: 500 }) : setTimeout(r, 50)))
      .then(load);
    loaded.then(
      ({ echarts }) => {
        const host = el.current;
        if (!live || !host) return;
        const c = echarts.init(host, undefined, { renderer: "canvas" });
        chart.current = c;
        const ro = new ResizeObserver(() => c.resize());
        ro.observe(host);
        dispose = () => {
          ro.disconnect();
          c.dispose();
          chart.current = null;
        };
        setState("ready");
      },
      () => live && setState("failed"),
    );
    return () => {
      live = false;
      dispose();
    };
  }, []);
  useEffect(() => {
    if (state === "ready") chart.current?.setOption({ aria: { enabled: true }, animation: false, ...option }, true);
  }, [option, state]);
  return (
    <div role="img" aria-label={label} className="chart" style={{ height }}>
      <div ref={el} className="chart-canvas" />
      {state !== "ready" && (
        <div className="chart-placeholder" aria-hidden="true">
          {state === "failed" ? `${placeholder}未能加载，数字见旁边的文字` : `正在载入${placeholder}…`}
        </div>
      )}
    </div>
  );
}
