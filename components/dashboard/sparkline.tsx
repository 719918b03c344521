// A 7-day SLI sparkline: a tiny inline SVG (no chart library, so the dashboard stays light),
// the objective as a dashed line, the line red when a step fell below it. Geometry from
// lib/client/overview/sparkline.ts; the words for screen readers from the caller.
import type { OverviewSlo } from "@/lib/schemas/overview";
import { sparkline } from "@/lib/client/overview/sparkline";

const W = 96, H = 24;

export function Sparkline({ trend, objective, label }: { trend: OverviewSlo["trend7d"]; objective: number; label: string }) {
  const s = sparkline(trend, objective, W, H);
  if (!s) return <span className="text-xs text-zinc-400">no traffic</span>;
  return (
    <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="sparkline" className="overflow-visible">
      <line x1={0} x2={W} y1={s.objectiveY} y2={s.objectiveY} className="stroke-zinc-300" strokeWidth={1} strokeDasharray="2 2" />
      <path d={s.d} fill="none" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" className={s.below ? "stroke-red-500" : "stroke-emerald-600"} />
    </svg>
  );
}
