import UCharts from "@qiun/ucharts";
import { chartOptions, type ChartSpec } from "./options";

export type { ChartSpec } from "./options";

/**
 * Draws a chart on a 2D context.
 * @param context the canvas's 2D context (weapp type="2d" canvas or an H5 <canvas>).
 * @param spec the chart.
 * @param size canvas size in CSS pixels, pixel ratio and base font size.
 */
export function drawChart(
  context: CanvasRenderingContext2D,
  spec: ChartSpec,
  size: { width: number; height: number; dpr: number; fontSize: number },
): void {
  // uCharts draws at device pixels with its own scaling by pixelRatio.
  new UCharts({ ...chartOptions(spec, size), context });
}
