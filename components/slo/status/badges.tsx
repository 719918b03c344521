// Small status marks shared by the status panel and the dashboard: a tone badge (state) and the
// alert tier badge (page / ticket), and the remaining-budget bar. Colour is never the only cue:
// every mark carries its word.
import type { Tone } from "@/lib/client/status/describe";
import { budgetBarPercent } from "@/lib/client/status/describe";
import type { Severity } from "@/lib/client/status/tiers";
import { cx } from "../../ui/cx";

const toneClass: Record<Tone, string> = {
  good: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  warn: "bg-amber-50 text-amber-800 ring-amber-600/30",
  bad: "bg-red-50 text-red-800 ring-red-600/20",
  neutral: "bg-zinc-100 text-zinc-700 ring-zinc-500/20",
};
const dotClass: Record<Tone, string> = { good: "bg-emerald-500", warn: "bg-amber-500", bad: "bg-red-500", neutral: "bg-zinc-400" };

export function ToneBadge({ tone, children, title }: { tone: Tone; children: React.ReactNode; title?: string }) {
  return (
    <span title={title} className={cx("inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", toneClass[tone])}>
      <span aria-hidden className={cx("size-1.5 rounded-full", dotClass[tone])} />
      {children}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span
      className={cx(
        "inline-flex items-center rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide",
        severity === "page" ? "bg-red-600 text-white" : "bg-amber-400 text-amber-950",
      )}
    >
      {severity}
    </span>
  );
}

const barTone: Record<Tone, string> = { good: "bg-emerald-500", warn: "bg-amber-500", bad: "bg-red-500", neutral: "bg-zinc-300" };

/** The remaining error budget as a bar; an overspent budget is an empty red track. */
export function BudgetBar({ remaining, tone, label, className }: { remaining: number | null; tone: Tone; label: string; className?: string }) {
  const pct = budgetBarPercent(remaining);
  return (
    <div
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(pct)}
      aria-valuetext={label}
      className={cx("h-2.5 w-full overflow-hidden rounded-full", remaining !== null && remaining <= 0 ? "bg-red-100" : "bg-zinc-200", className)}
    >
      <div className={cx("h-full rounded-full", barTone[tone])} style={{ width: `${pct}%` }} />
    </div>
  );
}
