"use client";
// Per-step SLI over time (from /timeseries) against the objective. A step without requests is
// null and drawn as a gap, never as 100 %.
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { sliAxis, type SliChartPoint } from "@/lib/client/status/chart";
import { formatObjective } from "@/lib/client/format";
import { formatPercent, formatRps, formatUtcSeconds } from "@/lib/client/status/format";
import { CHART_MARGIN, GRID_PROPS, percentAxisProps, timeAxisProps } from "./axes";
import { ChartTooltipBox } from "./chart-tooltip";

export function SliChart({ points, objective, spanSeconds, stepSeconds }: { points: SliChartPoint[]; objective: number; spanSeconds: number; stepSeconds: number }) {
  const axis = sliAxis(points, objective);
  return (
    <figure>
      <figcaption className="mb-1 flex flex-wrap justify-end gap-4 text-xs text-zinc-600">
        <span className="flex items-center gap-1.5">
          <span aria-hidden className="h-0.5 w-4 bg-indigo-600" /> SLI per step
        </span>
        <span className="flex items-center gap-1.5">
          <span aria-hidden className="w-4 border-t-2 border-dashed border-red-600" /> objective {formatObjective(objective)}
        </span>
      </figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={points} margin={CHART_MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...timeAxisProps(spanSeconds)} />
          <YAxis {...percentAxisProps(axis, "SLI per step (%)", 50)} allowDataOverflow />
          <ReferenceLine y={objective * 100} stroke="#dc2626" strokeDasharray="6 4" ifOverflow="extendDomain" />
          <Tooltip
            content={({ active, payload }) => {
              const p = active ? (payload?.[0]?.payload as SliChartPoint | undefined) : undefined;
              if (!p) return null;
              return (
                <ChartTooltipBox
                  title={formatUtcSeconds(p.t)}
                  rows={[
                    ["SLI", p.sliPercent === null ? "no requests" : formatPercent(p.sliPercent / 100)],
                    ["Requests", formatRps(p.requestsPerSecond)],
                    ["Step", `${Math.round(stepSeconds / 60).toLocaleString("en-US")} min`],
                  ]}
                />
              );
            }}
          />
          <Line type="linear" dataKey="sliPercent" name="SLI" stroke="#4f46e5" strokeWidth={1.75} dot={false} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
