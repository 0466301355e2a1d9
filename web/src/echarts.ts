/** ECharts with only the charts and components the pages use; loaded on demand by chart.tsx. */
import { BarChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent, AriaComponent, DataZoomComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { LabelLayout } from "echarts/features";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, DataZoomComponent, LabelLayout, CanvasRenderer]);

export { echarts };
