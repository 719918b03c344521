"use client";
// "Had this SLO existed": the SLI and the error budget left at each moment as the status page
// would have shown them, with the objective and the out-of-objective intervals (shaded red).
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatObjective } from "@/lib/slo/format";
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
  const slis = points.map((p) => p.sliPercent).filter((v): v is number => v !== null);
  const lo = Math.min(objective * 100, ...slis);
  const sliFloor = Math.max(0, Math.floor((lo - (100 - lo) * 0.2) * 100) / 100);
  const budgets = points.map((p) => p.budgetPercent).filter((v): v is number => v !== null);
  const budgetFloor = Math.min(0, Math.floor(Math.min(0, ...budgets) / 25) * 25);
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
          <YAxis yAxisId="sli" domain={[sliFloor, 100]} allowDataOverflow tick={TICK} width={64} tickFormatter={(v: number) => `${Number(v.toFixed(2))} %`} />
          <YAxis yAxisId="budget" orientation="right" domain={[budgetFloor, 100]} allowDataOverflow tick={TICK} width={48} tickFormatter={(v: number) => `${v} %`} />
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
