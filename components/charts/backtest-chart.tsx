"use client";
// "Had this SLO existed": the SLI and the error budget left at each moment as the status page
// would have shown them, with the objective and the out-of-objective intervals (shaded red).
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatObjective } from "@/lib/slo/format";
import { burnDownAxis, percentTick, sliAxis } from "@/lib/client/status/chart";
import { formatPercent, formatUtcSeconds } from "@/lib/client/status/format";
import type { BacktestChartPoint } from "@/lib/client/wizard-history";
import { CHART_MARGIN, GRID_PROPS, timeAxisProps } from "./axes";
import { ChartLegend } from "./brushable-time-chart";
import { ChartTooltipBox } from "./chart-tooltip";

const TICK = { fontSize: 11, fill: "#52525b" };

export function BacktestChart({
  points,
  objective,
  outOfObjective,
  range,
}: {
  points: BacktestChartPoint[];
  objective: number;
  outOfObjective: { startSeconds: number; endSeconds: number | null }[];
  range: { startSeconds: number; endSeconds: number };
}) {
  // The status page's axes: the SLI from a little below (SLI, objective) to 100 %, the budget from any overspend to 100 %.
  const sli = sliAxis(points.map((p) => ({ t: p.t, sliPercent: p.sliPercent, requestsPerSecond: 0 })), objective);
  const budget = burnDownAxis(points.map((p) => ({ t: p.t, remainingPercent: p.budgetPercent })));
  return (
    <figure>
      <ChartLegend
        items={[
          { name: "SLI over the window", color: "#4f46e5" },
          { name: "budget left (right axis)", color: "#059669" },
          { name: `objective ${formatObjective(objective)}`, color: "#dc2626", dashed: true },
        ]}
      />
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={points} margin={CHART_MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...timeAxisProps(range.endSeconds - range.startSeconds)} />
          <YAxis yAxisId="sli" domain={sli.domain} ticks={sli.ticks} allowDataOverflow tick={TICK} width={64} tickFormatter={percentTick} />
          <YAxis yAxisId="budget" orientation="right" domain={budget.domain} ticks={budget.ticks} allowDataOverflow tick={TICK} width={72} tickFormatter={percentTick} />
          {outOfObjective.map((r) => (
            <ReferenceArea key={r.startSeconds} yAxisId="sli" x1={r.startSeconds} x2={r.endSeconds ?? range.endSeconds} fill="#fecaca" fillOpacity={0.5} ifOverflow="hidden" />
          ))}
          <ReferenceLine yAxisId="sli" y={objective * 100} stroke="#dc2626" strokeDasharray="6 4" />
          <ReferenceLine yAxisId="budget" y={0} stroke="#059669" strokeOpacity={0.5} />
          <Tooltip
            content={({ active, payload }) => {
              const p = active ? (payload?.[0]?.payload as BacktestChartPoint | undefined) : undefined;
              if (!p) return null;
              return (
                <ChartTooltipBox
                  title={formatUtcSeconds(p.t)}
                  rows={[
                    ["SLI", p.sliPercent === null ? "no data" : formatPercent(p.sliPercent / 100)],
                    ["Budget left", p.budgetPercent === null ? "—" : `${Math.floor(p.budgetPercent)} %`],
                  ]}
                />
              );
            }}
          />
          <Line yAxisId="sli" type="linear" dataKey="sliPercent" stroke="#4f46e5" strokeWidth={1.5} dot={false} connectNulls={false} isAnimationActive={false} />
          <Line yAxisId="budget" type="linear" dataKey="budgetPercent" stroke="#059669" strokeWidth={1.5} dot={false} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
