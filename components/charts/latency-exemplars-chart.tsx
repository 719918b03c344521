"use client";
// Latency over time with the requests behind it: p50/p90/p99 per step (bucket-resolution
// estimates, labelled so), the SLO threshold, exemplar dots (red above the threshold, blue at or
// under it; a click opens the trace) on a log scale in seconds, and the request rate beneath on the
// same time axis. Press, drag and release across the plot to list that range's requests.
import { useRef, useState } from "react";
import { CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis, Area, AreaChart } from "recharts";
import { formatLatency } from "@/lib/client/exemplars/format";
import { formatMs, formatRps, formatUtcSeconds } from "@/lib/client/status/format";
import { CHART_MARGIN, GRID_PROPS, timeAxisProps } from "./axes";
import { ChartTooltipBox } from "./chart-tooltip";

const TICK = { fontSize: 11, fill: "#52525b" };
const LABEL = { fontSize: 11, fill: "#71717a" };
export const ABOVE_COLOR = "#dc2626";
export const BELOW_COLOR = "#2563eb";

export interface LatencyChartPoint {
  t: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  requestsPerSecond: number;
}
export interface ExemplarDot {
  t: number;
  valueSeconds: number;
  aboveThreshold: boolean;
  traceId: string;
  service: string;
  operation: string;
}

const LINES = [
  { key: "p50", name: "p50 (estimate)", color: "#a1a1aa" },
  { key: "p90", name: "p90 (estimate)", color: "#71717a" },
  { key: "p99", name: "p99 (estimate)", color: "#18181b" },
] as const;

/** Seconds as people read latency on a log axis: 0.004 → "4 ms", 2 → "2 s". */
const latencyTick = (s: number) => (s >= 1 ? `${Number(s.toPrecision(3))} s` : `${Number((s * 1000).toPrecision(3))} ms`);

export function LatencyExemplarsChart({
  points,
  dots,
  thresholdSeconds,
  spanSeconds,
  stepSeconds,
  onDot,
  onBrush,
  selected,
}: {
  points: LatencyChartPoint[];
  dots: ExemplarDot[];
  thresholdSeconds: number;
  spanSeconds: number;
  stepSeconds: number;
  onDot: (d: ExemplarDot) => void;
  onBrush: (from: number, to: number) => void;
  selected?: { from: number; to: number } | null;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const t0 = points[0]?.t ?? 0;
  const t1 = points[points.length - 1]?.t ?? 0;
  const values = [thresholdSeconds, ...dots.map((d) => d.valueSeconds), ...points.flatMap((p) => [p.p50, p.p99])].filter((v): v is number => v !== null && v > 0);
  const domain: [number, number] = [Math.min(...values) / 1.5, Math.max(...values) * 1.5];
  const tAt = (clientX: number): number | null => {
    const grid = box.current?.querySelector(".recharts-cartesian-grid")?.getBoundingClientRect();
    if (!grid || grid.width <= 0 || t1 <= t0) return null;
    const f = (clientX - grid.left) / grid.width;
    return f < 0 || f > 1 ? null : t0 + f * (t1 - t0);
  };
  const inDomain = dots.filter((d) => d.t >= t0 - stepSeconds && d.t <= t1);

  return (
    <div className="space-y-1">
      <div
        ref={box}
        data-testid="latency-chart"
        data-t-start={t0}
        data-t-end={t1}
        className="cursor-crosshair select-none"
        onMouseDown={(e) => {
          // A press on a dot opens its trace; only the background starts a brush.
          if ((e.target as Element).closest("[data-exemplar]")) return;
          const t = tAt(e.clientX);
          if (t !== null) setDrag({ a: t, b: t });
        }}
        onMouseMove={(e) => {
          const t = drag ? tAt(e.clientX) : null;
          if (drag && t !== null) setDrag({ ...drag, b: t });
        }}
        onMouseUp={() => {
          if (drag && Math.abs(drag.b - drag.a) >= stepSeconds / 4) onBrush(Math.min(drag.a, drag.b), Math.max(drag.a, drag.b));
          setDrag(null);
        }}
        onMouseLeave={() => setDrag(null)}
      >
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={points} margin={CHART_MARGIN}>
            <CartesianGrid {...GRID_PROPS} />
            <XAxis {...timeAxisProps(spanSeconds)} label={undefined} />
            <YAxis scale="log" domain={domain} allowDataOverflow type="number" tickFormatter={latencyTick} tick={TICK} width={72} label={{ value: "latency (log)", angle: -90, position: "insideLeft", offset: 0, dy: 40, ...LABEL }} />
            {selected ? <ReferenceArea x1={selected.from} x2={selected.to} fill="#6366f1" fillOpacity={0.12} ifOverflow="hidden" /> : null}
            {drag && drag.a !== drag.b ? <ReferenceArea x1={Math.min(drag.a, drag.b)} x2={Math.max(drag.a, drag.b)} fill="#6366f1" fillOpacity={0.25} /> : null}
            <ReferenceLine y={thresholdSeconds} stroke={ABOVE_COLOR} strokeDasharray="6 3" label={{ value: `threshold ${formatMs(thresholdSeconds)}`, position: "insideTopRight", fontSize: 11, fill: ABOVE_COLOR }} />
            <Tooltip
              content={({ active, payload }) => {
                const p = active ? (payload?.[0]?.payload as (LatencyChartPoint & Partial<ExemplarDot>) | undefined) : undefined;
                if (!p) return null;
                if (p.traceId)
                  return <ChartTooltipBox title={formatUtcSeconds(p.t, true)} rows={[["latency", formatLatency(p.valueSeconds!)], ["service", p.service!], ["operation", p.operation!], ["trace", `${p.traceId.slice(0, 16)}… (click to open)`]]} />;
                return <ChartTooltipBox title={formatUtcSeconds(p.t)} rows={[...LINES.map((l) => [l.name, p[l.key] === null ? "no requests" : formatLatency(p[l.key]!)] as [string, string]), ["requests", formatRps(p.requestsPerSecond)]]} />;
              }}
            />
            {LINES.map((l) => (
              <Line key={l.key} type="linear" dataKey={l.key} name={l.name} stroke={l.color} strokeWidth={1.5} dot={false} connectNulls={false} isAnimationActive={false} />
            ))}
            <Scatter
              data={inDomain}
              dataKey="valueSeconds"
              isAnimationActive={false}
              shape={(props: { cx?: number; cy?: number; payload?: ExemplarDot }) => {
                const d = props.payload!;
                const color = d.aboveThreshold ? ABOVE_COLOR : BELOW_COLOR;
                return (
                  <circle
                    data-exemplar=""
                    data-testid="exemplar-dot"
                    data-trace-id={d.traceId}
                    data-above={d.aboveThreshold ? "true" : "false"}
                    cx={props.cx}
                    cy={props.cy}
                    r={4}
                    fill={color}
                    fillOpacity={0.75}
                    stroke="#fff"
                    strokeWidth={1}
                    className="cursor-pointer"
                    role="button"
                    aria-label={`Open trace of a ${formatLatency(d.valueSeconds)} request at ${formatUtcSeconds(d.t, true)}`}
                    onClick={() => onDot(d)}
                  />
                );
              }}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ResponsiveContainer width="100%" height={90}>
        <AreaChart data={points} margin={{ ...CHART_MARGIN, top: 0 }}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...timeAxisProps(spanSeconds)} />
          <YAxis tickFormatter={(v: number) => formatRps(v).replace(" req/s", "")} tick={TICK} width={72} label={{ value: "req/s", angle: -90, position: "insideLeft", offset: 0, dy: 16, ...LABEL }} />
          <Area type="stepAfter" dataKey="requestsPerSecond" name="requests" stroke="#6366f1" fill="#6366f1" fillOpacity={0.15} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
      <div className="flex flex-wrap justify-end gap-4 text-xs text-zinc-600">
        {LINES.map((l) => (
          <span key={l.key} className="flex items-center gap-1.5">
            <span aria-hidden className="w-4 border-t-2" style={{ borderColor: l.color }} /> {l.name}
          </span>
        ))}
        <span className="flex items-center gap-1.5"><span aria-hidden className="size-2.5 rounded-full" style={{ background: ABOVE_COLOR }} /> request above the threshold</span>
        <span className="flex items-center gap-1.5"><span aria-hidden className="size-2.5 rounded-full" style={{ background: BELOW_COLOR }} /> request within it</span>
      </div>
    </div>
  );
}
