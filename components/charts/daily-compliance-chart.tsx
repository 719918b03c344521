"use client";
// Per UTC day, the share of requests within the candidate threshold against the candidate
// objective: a bar per judged day, red when the day missed the objective. Days not judged (mostly
// excluded, no traffic, a gap) have no bar and say so in the tooltip.
import { Bar, CartesianGrid, Cell, ComposedChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatObjective } from "@/lib/slo/format";
import { formatCount, formatPercent } from "@/lib/client/status/format";
import type { DailyCompliancePoint } from "@/lib/client/wizard-history";
import { CHART_MARGIN, GRID_PROPS } from "./axes";
import { ChartTooltipBox } from "./chart-tooltip";

const TICK = { fontSize: 11, fill: "#52525b" };
const LABEL = { fontSize: 11, fill: "#71717a" };
const day = (t: number) => new Date(t * 1000).toISOString().slice(5, 10);

export function DailyComplianceChart({ points, objective }: { points: DailyCompliancePoint[]; objective: number }) {
  const values = points.map((p) => p.sliPercent).filter((v): v is number => v !== null);
  const lo = Math.min(objective * 100, ...values);
  const floor = Math.max(0, Math.floor((lo - (100 - lo) * 0.15) * 10) / 10);
  // Bars grow from the axis floor; the value is what the tooltip and the table say.
  const data = points.map((p) => ({ ...p, label: day(p.t), bar: p.sliPercent === null ? null : Math.max(p.sliPercent, floor) }));
  return (
    <ResponsiveContainer width="100%" height={220}>
      <ComposedChart data={data} margin={CHART_MARGIN}>
        <CartesianGrid {...GRID_PROPS} />
        <XAxis dataKey="label" tick={TICK} minTickGap={8} />
        <YAxis domain={[floor, 100]} allowDataOverflow tick={TICK} width={72} tickFormatter={(v: number) => `${Number(v.toFixed(2))} %`} label={{ value: "good per day (%)", angle: -90, position: "insideLeft", dy: 50, ...LABEL }} />
        <ReferenceLine y={objective * 100} stroke="#dc2626" strokeDasharray="6 4" label={{ value: `objective ${formatObjective(objective)}`, position: "insideBottomRight", fontSize: 11, fill: "#b91c1c" }} />
        <Tooltip
          content={({ active, payload }) => {
            const p = active ? (payload?.[0]?.payload as (typeof data)[number] | undefined) : undefined;
            if (!p) return null;
            return (
              <ChartTooltipBox
                title={`${new Date(p.t * 1000).toISOString().slice(0, 10)} (UTC)`}
                rows={[
                  ["Good", p.judged ? formatPercent(p.good / p.total) : "not judged"],
                  ["Requests", formatCount(p.total)],
                  ["Excluded", p.excludedSeconds ? `${Math.round(p.excludedSeconds / 3600)} h` : "—"],
                ]}
              />
            );
          }}
        />
        <Bar dataKey="bar" isAnimationActive={false}>
          {data.map((p) => (
            <Cell key={p.t} fill={p.sliPercent !== null && p.sliPercent < objective * 100 ? "#ef4444" : "#34d399"} />
          ))}
        </Bar>
      </ComposedChart>
    </ResponsiveContainer>
  );
}
