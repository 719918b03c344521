"use client";
// The latency distribution at bucket resolution: requests per histogram bucket (bars) and the
// cumulative share at or below each real boundary (line). Only real boundaries appear: nothing
// is interpolated between them.
import { Bar, CartesianGrid, Cell, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMs } from "@/lib/slo/format";
import { formatCount, formatPercent } from "@/lib/client/status/format";
import type { DistributionRow } from "@/lib/client/wizard-history";
import { CHART_MARGIN, GRID_PROPS } from "./axes";
import { ChartTooltipBox } from "./chart-tooltip";

const TICK = { fontSize: 11, fill: "#52525b" };
const LABEL = { fontSize: 11, fill: "#71717a" };

export const bucketLabel = (r: DistributionRow) => (r.upperSeconds === null ? `> ${formatMs(r.lowerSeconds ?? 0)}` : `≤ ${formatMs(r.upperSeconds)}`);

export function LatencyDistributionChart({ rows, highlightSeconds }: { rows: DistributionRow[]; highlightSeconds: number | null }) {
  const data = rows.map((r) => ({ ...r, label: bucketLabel(r), sharePercent: r.cumulativeShare * 100 }));
  return (
    <ResponsiveContainer width="100%" height={240}>
      <ComposedChart data={data} margin={{ ...CHART_MARGIN, bottom: 28 }}>
        <CartesianGrid {...GRID_PROPS} />
        <XAxis dataKey="label" tick={TICK} interval={0} angle={-30} textAnchor="end" height={40} />
        <YAxis yAxisId="n" tick={TICK} width={72} tickFormatter={(v: number) => formatCount(v)} label={{ value: "requests", angle: -90, position: "insideLeft", dy: 30, ...LABEL }} />
        <YAxis yAxisId="p" orientation="right" domain={[0, 100]} tick={TICK} width={44} tickFormatter={(v: number) => `${v} %`} />
        <Tooltip
          content={({ active, payload }) => {
            const p = active ? (payload?.[0]?.payload as (typeof data)[number] | undefined) : undefined;
            if (!p) return null;
            return (
              <ChartTooltipBox
                title={p.upperSeconds === null ? `slower than ${formatMs(p.lowerSeconds ?? 0)}` : `${p.lowerSeconds === null ? "0" : formatMs(p.lowerSeconds)} – ${formatMs(p.upperSeconds)}`}
                rows={[
                  ["Requests in bucket", formatCount(p.requests)],
                  ["At or below", p.upperSeconds === null ? "all" : formatPercent(p.cumulativeShare)],
                ]}
              />
            );
          }}
        />
        <Bar yAxisId="n" dataKey="requests" name="requests per bucket" isAnimationActive={false}>
          {/* Buckets within the chosen threshold are good requests: darker. */}
          {data.map((r) => (
            <Cell key={r.label} fill={highlightSeconds !== null && r.upperSeconds !== null && r.upperSeconds <= highlightSeconds + 1e-9 ? "#818cf8" : "#d4d4d8"} />
          ))}
        </Bar>
        <Line yAxisId="p" type="linear" dataKey="sharePercent" name="cumulative share" stroke="#4338ca" strokeWidth={1.75} dot={{ r: 2.5 }} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
