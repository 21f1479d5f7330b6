import { useEffect, useState } from "react";
import Taro from "@tarojs/taro";
import { Canvas, View, Text } from "@tarojs/components";
import { cx } from "@/utils/cx";
import { drawChart } from "./draw";
import type { ChartSpec } from "./options";
import "./index.scss";

export interface ChartProps {
  /** 额外的类名 */
  className?: string;
  /** 画布 id，同一页面内唯一（字母开头） */
  id: string;
  /** 图表内容：类型、分类、数据系列 */
  spec: ChartSpec;
  /** 图表的文字说明（读屏软件朗读；图表下方另有数据表） */
  label: string;
  /** 长辈模式：字号加大、图表加高 */
  elder?: boolean;
}

/** Canvas size in CSS pixels, and the device pixel ratio the bitmap is drawn at. */
interface Size {
  width: number;
  height: number;
  dpr: number;
}

function pixelRatio(): number {
  try {
    return Math.min(3, Math.max(1, Taro.getSystemInfoSync().pixelRatio || 1));
  } catch {
    return 1;
  }
}

/**
 * Finds the 2D context of the rendered canvas. weapp hands the canvas node out through a selector
 * query (type="2d" canvases); Taro's H5 canvas is a host element wrapping a real <canvas>.
 */
function canvasContext(id: string, size: Size): Promise<CanvasRenderingContext2D | null> {
  if (process.env.TARO_ENV === "h5") {
    const host = document.getElementById(id);
    const canvas = host instanceof HTMLCanvasElement ? host : host?.querySelector("canvas");
    if (!canvas) return Promise.resolve(null);
    canvas.width = Math.round(size.width * size.dpr);
    canvas.height = Math.round(size.height * size.dpr);
    return Promise.resolve(canvas.getContext("2d"));
  }
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec(
        (
          res: Array<{
            node?: { width: number; height: number; getContext(t: "2d"): CanvasRenderingContext2D };
          }>,
        ) => {
          const canvas = res?.[0]?.node;
          if (!canvas) return resolve(null);
          canvas.width = Math.round(size.width * size.dpr);
          canvas.height = Math.round(size.height * size.dpr);
          resolve(canvas.getContext("2d"));
        },
      );
  });
}

/**
 * 统计图（柱状图、条形图、环形图）：用 uCharts 在 Canvas 2D 上绘制，小程序和 H5 通用。
 * 图表只作直观展示，同样的数字总会在下方的数据表中列出。
 */
export function Chart({ className, id, spec, label, elder = false }: ChartProps) {
  const height =
    (spec.type === "ring"
      ? 260
      : Math.max(220, spec.categories.length * (spec.type === "bar" ? 34 : 0))) *
    (elder ? 1.25 : 1);
  const [failed, setFailed] = useState(false);
  const key = JSON.stringify(spec);

  useEffect(() => {
    let cancelled = false;
    setFailed(false);
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .boundingClientRect()
        .exec((res: Array<{ width?: number } | null>) => {
          if (cancelled) return;
          const width = res?.[0]?.width || 320;
          const size: Size = { width, height, dpr: pixelRatio() };
          canvasContext(id, size)
            .then((context) => {
              if (cancelled) return;
              if (!context) throw new Error("画布不可用");
              drawChart(context, spec, { ...size, fontSize: elder ? 15 : 11 });
            })
            .catch(() => {
              if (!cancelled) setFailed(true);
            });
        });
    });
    return () => {
      cancelled = true;
    };
  }, [id, key, elder, height]);

  return (
    <View className={cx("ls-chart", className)} aria-label={label} role="img">
      {failed ? (
        <Text className="ls-chart__failed">图表无法显示，请看下方的数据表。</Text>
      ) : (
        <Canvas
          type="2d"
          id={id}
          canvasId={id}
          className="ls-chart__canvas"
          style={{ height: `${height}px` }}
        />
      )}
    </View>
  );
}

export type { ChartSpec } from "./options";
