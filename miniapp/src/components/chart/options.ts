/** One chart: bars per category (column = vertical, bar = horizontal) or a ring of shares. */
export interface ChartSpec {
  type: "column" | "bar" | "ring";
  categories: string[];
  series: Array<{ name: string; data: number[]; color?: string }>;
  /** Values are percentages (0–100): the axis runs to 100 and labels end in %. */
  percent?: boolean;
}

/** The palette: the app's blue, then colours that stay apart for colour-blind readers. */
export const CHART_COLORS = [
  "#1a5fb4",
  "#e66100",
  "#1b6e3a",
  "#8a5300",
  "#5e3c99",
  "#b42318",
  "#4e5969",
];

/**
 * The uCharts options for a spec (kept apart from drawing so it can be tested).
 * @param spec the chart.
 * @param size canvas size in CSS pixels, pixel ratio and base font size.
 * @returns options for `new uCharts()` without the context.
 */
export function chartOptions(
  spec: ChartSpec,
  size: { width: number; height: number; dpr: number; fontSize: number },
): Record<string, unknown> {
  const { width, height, dpr, fontSize } = size;
  const base = {
    type: spec.type,
    width: width * dpr,
    height: height * dpr,
    pixelRatio: dpr,
    canvas2d: true,
    animation: false,
    background: "#FFFFFF",
    fontSize,
    fontColor: "#1d2129",
    color: CHART_COLORS,
    padding: [12, 12, 8, 8],
    dataLabel: true,
    legend: {
      show: spec.series.length > 1 || spec.type === "ring",
      position: "bottom",
      fontSize,
      lineHeight: fontSize + 6,
    },
  };
  if (spec.type === "ring") {
    const slices = spec.categories.map((name, i) => ({
      name,
      value: spec.series[0]?.data[i] ?? 0,
    }));
    return {
      ...base,
      series: [{ data: slices }],
      extra: {
        ring: {
          ringWidth: 28,
          activeOpacity: 0.5,
          offsetAngle: 0,
          labelWidth: 12,
          border: true,
          borderWidth: 2,
          borderColor: "#FFFFFF",
        },
      },
    };
  }
  const format = spec.percent ? (v: number) => `${v}%` : undefined;
  const largest = Math.max(0, ...spec.series.flatMap((s) => s.data));
  // Counts are whole numbers: a maximum that is a multiple of 5 keeps the 5 grid steps whole.
  const valueAxis = spec.percent
    ? { min: 0, max: 100 }
    : { min: 0, max: Math.max(5, Math.ceil(largest / 5) * 5) };
  const series = spec.series.map((s) => ({ ...s, ...(format ? { formatter: format } : {}) }));
  if (spec.type === "bar") {
    // Horizontal bars: categories run down the y axis, values along the x axis.
    return {
      ...base,
      // Room on the right for the value labels (about four characters).
      padding: [12, Math.round(fontSize * 3.6), 8, 8],
      categories: spec.categories,
      series,
      xAxis: { ...valueAxis, fontSize, splitNumber: 5, boundaryGap: "justify" },
      yAxis: { fontSize },
      extra: { bar: { type: "group", width: 14, seriesGap: 2 } },
    };
  }
  return {
    ...base,
    categories: spec.categories,
    series,
    xAxis: {
      disableGrid: true,
      fontSize,
      rotateLabel: spec.categories.length > 4,
      rotateAngle: 40,
    },
    yAxis: { data: [{ ...valueAxis, fontSize }], splitNumber: 5, gridType: "dash" },
    extra: {
      column: {
        type: "group",
        width: Math.max(
          8,
          Math.min(28, 180 / Math.max(1, spec.categories.length * spec.series.length)),
        ),
        seriesGap: 2,
      },
    },
  };
}
