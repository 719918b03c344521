// When each burn-rate tier would have fired over the backtest range: one row per tier, a bar per
// firing interval (an open interval runs to the range's end). Plain elements, no chart library:
// it is a handful of positioned boxes, and each bar carries its times as a tooltip and label.
import { formatUtcSeconds } from "@/lib/client/status/format";
import { timelineBar, type TierRow } from "@/lib/client/wizard-history";
import { cx } from "../ui/cx";

export function TierTimeline({ tiers, range }: { tiers: TierRow[]; range: { startSeconds: number; endSeconds: number } }) {
  return (
    <div className="space-y-1.5" data-testid="tier-timeline">
      {tiers.map((t) => (
        <div key={t.id} className="grid grid-cols-[7rem_1fr] items-center gap-2 text-xs">
          <span className={cx("font-mono", t.enabled && t.evaluable ? "text-zinc-700" : "text-zinc-400")}>{t.id}</span>
          <div className="relative h-4 rounded bg-zinc-100">
            {t.intervals.map((iv) => {
              const bar = timelineBar(range, iv.startSeconds, iv.endSeconds);
              const words = `${t.id} fired ${formatUtcSeconds(iv.startSeconds)} – ${iv.endSeconds === null ? "still firing at the end" : formatUtcSeconds(iv.endSeconds)}`;
              return (
                <span
                  key={iv.startSeconds}
                  role="img"
                  aria-label={words}
                  title={words}
                  className={cx("absolute inset-y-0 rounded-sm", t.severity === "page" ? "bg-red-500" : "bg-amber-400")}
                  style={{ left: `${bar.leftPercent}%`, width: `${bar.widthPercent}%` }}
                />
              );
            })}
          </div>
        </div>
      ))}
      <div className="grid grid-cols-[7rem_1fr] gap-2 text-[11px] text-zinc-500">
        <span />
        <span className="flex justify-between">
          <span>{formatUtcSeconds(range.startSeconds)}</span>
          <span>{formatUtcSeconds(range.endSeconds)}</span>
        </span>
      </div>
    </div>
  );
}
