// Props both time charts share: the grid, the UTC time axis and the percent axis. Recharts finds
// its axes by element type, so these are props to spread on <XAxis>/<YAxis>, not wrapper components.
import { percentTick, timeTick } from "@/lib/client/status/chart";

const TICK = { fontSize: 11, fill: "#52525b" };
const LABEL = { fontSize: 11, fill: "#71717a" };

export const CHART_MARGIN = { top: 8, right: 32, bottom: 20, left: 8 };
export const GRID_PROPS = { stroke: "#e4e4e7", strokeDasharray: "3 3" };

export function timeAxisProps(spanSeconds: number) {
  return {
    dataKey: "t",
    type: "number" as const,
    scale: "time" as const,
    domain: ["dataMin", "dataMax"] as [string, string],
    tickFormatter: (t: number) => timeTick(t, spanSeconds),
    tick: TICK,
    minTickGap: 24,
    label: { value: "time (UTC)", position: "insideBottom" as const, offset: -12, ...LABEL },
  };
}

export function percentAxisProps(axis: { domain: [number, number]; ticks: number[] }, label: string, dy: number) {
  return {
    domain: axis.domain,
    ticks: axis.ticks,
    tickFormatter: percentTick,
    tick: TICK,
    width: 72,
    label: { value: label, angle: -90, position: "insideLeft" as const, offset: 0, dy, ...LABEL },
  };
}
