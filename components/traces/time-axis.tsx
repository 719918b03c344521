// The waterfall's time axis: tick labels over the bar track, and the SLO threshold's marker.
import type { Tick } from "@/lib/traces/ticks";

export const NAME_COLUMN = 0.36;
/** CSS left of a point at `fraction` of the trace inside the bar track (after the name column). */
export const trackLeft = (fraction: number) => `calc(${NAME_COLUMN * 100}% + ${fraction} * ${(1 - NAME_COLUMN) * 100}% - ${fraction * 16}px)`;

export function TimeAxis({ ticks, threshold }: { ticks: Tick[]; threshold: { fraction: number; label: string } | null }) {
  return (
    <div className="relative h-7 border-b border-zinc-200 bg-zinc-50 text-[11px] text-zinc-500" aria-hidden>
      <div className="absolute inset-y-0 left-0 flex items-center px-3 font-medium text-zinc-600" style={{ width: `${NAME_COLUMN * 100}%` }}>
        Service and operation
      </div>
      {ticks.map((t) => (
        // Near the right edge the label sits left of its line, so it is not cut off.
        <div key={t.ns} className={`absolute inset-y-0 flex items-center whitespace-nowrap ${t.fraction > 0.92 ? "-translate-x-full flex-row-reverse" : ""}`} style={{ left: trackLeft(t.fraction) }}>
          <span className="h-full border-l border-zinc-300" />
          <span className="mx-1 tabular-nums">{t.label}</span>
        </div>
      ))}
      {threshold && threshold.fraction <= 1 ? (
        <div className={`absolute inset-y-0 flex items-center whitespace-nowrap ${threshold.fraction > 0.8 ? "-translate-x-full flex-row-reverse" : ""}`} style={{ left: trackLeft(threshold.fraction) }}>
          <span className="h-full border-l-2 border-dashed border-red-500" />
          <span className="mx-1 rounded bg-red-50 px-1 font-medium text-red-700">{threshold.label}</span>
        </div>
      ) : null}
    </div>
  );
}
