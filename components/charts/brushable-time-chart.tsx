"use client";
// A time chart whose range can be brushed with the mouse (press, drag, release) to exclude a
// known-bad period. Excluded ranges are shaded grey; the range being dragged is shaded indigo.
// A step without samples is null and drawn as a gap. Keyboard users add ranges with the form next
// to the chart (exclusions.tsx), so dragging is a shortcut, not the only way.
import { useRef, useState } from "react";
import { CartesianGrid, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatUtcSeconds } from "@/lib/client/status/format";
import { CHART_MARGIN, GRID_PROPS, timeAxisProps } from "./axes";
import { ChartTooltipBox } from "./chart-tooltip";

const TICK = { fontSize: 11, fill: "#52525b" };
const LABEL = { fontSize: 11, fill: "#71717a" };

export type TimeLine<P> = { key: keyof P & string; name: string; color: string; dashed?: boolean };

export function BrushableTimeChart<P extends { t: number }>({
  data,
  lines,
  stepSeconds,
  spanSeconds,
  excluded,
  onBrush,
  yLabel,
  yTick,
  height = 220,
  testId,
}: {
  data: P[];
  lines: TimeLine<P>[];
  stepSeconds: number;
  spanSeconds: number;
  excluded: { startSeconds: number; endSeconds: number }[];
  onBrush?: (startSeconds: number, endSeconds: number) => void;
  yLabel: string;
  yTick: (v: number) => string;
  height?: number;
  testId?: string;
}) {
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const t0 = data[0]?.t ?? 0;
  const t1 = data[data.length - 1]?.t ?? 0;
  // The time under the pointer, from the plot area's geometry (the grid spans exactly the x
  // domain), snapped to the step it falls in; null outside the plot.
  const tAt = (clientX: number): number | null => {
    const grid = box.current?.querySelector(".recharts-cartesian-grid")?.getBoundingClientRect();
    if (!grid || grid.width <= 0 || t1 <= t0) return null;
    const f = (clientX - grid.left) / grid.width;
    if (f < 0 || f > 1) return null;
    return t0 + Math.floor((f * (t1 - t0)) / stepSeconds) * stepSeconds;
  };
  return (
    // data-t-*: the x domain (first and last step), so a test can turn times into pixels.
    <div
      ref={box}
      data-testid={testId}
      data-t-start={t0}
      data-t-end={t1}
      className={onBrush ? "cursor-crosshair select-none" : undefined}
      onMouseDown={(e) => {
        const t = onBrush ? tAt(e.clientX) : null;
        if (t !== null) setDrag({ a: t, b: t });
      }}
      onMouseMove={(e) => {
        const t = drag ? tAt(e.clientX) : null;
        if (drag && t !== null && t !== drag.b) setDrag({ ...drag, b: t });
      }}
      onMouseUp={() => {
        if (drag && onBrush && drag.a !== drag.b) onBrush(Math.min(drag.a, drag.b), Math.max(drag.a, drag.b) + stepSeconds);
        setDrag(null);
      }}
      onMouseLeave={() => setDrag(null)}
    >
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={data} margin={CHART_MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...timeAxisProps(spanSeconds)} />
          <YAxis tickFormatter={yTick} tick={TICK} width={72} label={{ value: yLabel, angle: -90, position: "insideLeft", offset: 0, dy: 50, ...LABEL }} />
          {excluded.map((r) => (
            <ReferenceArea key={`${r.startSeconds}-${r.endSeconds}`} x1={r.startSeconds} x2={r.endSeconds} fill="#a1a1aa" fillOpacity={0.3} ifOverflow="hidden" />
          ))}
          {drag && drag.a !== drag.b ? <ReferenceArea x1={Math.min(drag.a, drag.b)} x2={Math.max(drag.a, drag.b)} fill="#6366f1" fillOpacity={0.25} /> : null}
          <Tooltip
            content={({ active, payload }) => {
              const p = active ? (payload?.[0]?.payload as P | undefined) : undefined;
              if (!p) return null;
              return <ChartTooltipBox title={formatUtcSeconds(p.t)} rows={lines.map((l) => [l.name, p[l.key] === null || p[l.key] === undefined ? "no samples" : yTick(Number(p[l.key]))])} />;
            }}
          />
          {lines.map((l) => (
            <Line key={l.key} type="linear" dataKey={l.key} name={l.name} stroke={l.color} strokeWidth={1.5} strokeDasharray={l.dashed ? "5 3" : undefined} dot={false} connectNulls={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export { ChartLegend } from "./chart-legend";
