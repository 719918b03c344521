"use client";
// Error budget remaining across the SLO window (from /status?burnDownStep=): 100 % untouched,
// 0 % exhausted, below 0 overspent.
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { burnDownAxis, type BurnDownChartPoint } from "@/lib/client/status/chart";
import { formatUtcSeconds } from "@/lib/client/status/format";
import { CHART_MARGIN, GRID_PROPS, percentAxisProps, timeAxisProps } from "./axes";
import { ChartTooltipBox } from "./chart-tooltip";

const remainingWords = (v: number | null) =>
  v === null ? "no requests yet" : v < 0 ? `overspent by ${Math.abs(v).toFixed(1)} %` : `${v.toFixed(1)} % left`;

export function BurnDownChart({ points, spanSeconds }: { points: BurnDownChartPoint[]; spanSeconds: number }) {
  const axis = burnDownAxis(points);
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={points} margin={CHART_MARGIN}>
        <CartesianGrid {...GRID_PROPS} />
        <XAxis {...timeAxisProps(spanSeconds)} />
        <YAxis {...percentAxisProps(axis, "budget left (%)", 45)} />
        <ReferenceLine y={0} stroke="#dc2626" label={{ value: "exhausted", position: "insideTopRight", fontSize: 11, fill: "#b91c1c" }} />
        <Tooltip
          content={({ active, payload }) => {
            const p = active ? (payload?.[0]?.payload as BurnDownChartPoint | undefined) : undefined;
            if (!p) return null;
            return <ChartTooltipBox title={formatUtcSeconds(p.t)} rows={[["Budget", remainingWords(p.remainingPercent)]]} />;
          }}
        />
        <Line type="linear" dataKey="remainingPercent" name="Budget left" stroke="#059669" strokeWidth={1.75} dot={false} connectNulls={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
