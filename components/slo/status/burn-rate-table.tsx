"use client";
// Burn rates for every look-back (5m … 3d) with the alert tiers they take part in. A factor is
// highlighted when the look-back burns at or above it; a tier fires when both its windows do
// (SRE workbook ch. 5, factors derived from the SLO window in lib/slo). Each row can list the
// look-back's sampled requests above the threshold (?slow=<window>): the ones that spent the budget.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { parseSlow, slowChanges, slowRange } from "@/lib/client/exemplars/slow-params";
import { withParams } from "@/lib/client/status/search-params";
import type { BurnWindow } from "@/lib/slo/types";
import { SlowRequests } from "../slow-requests";
import type { SloStatusResponse } from "@/lib/schemas/status";
import { formatBurnRate, formatPercent } from "@/lib/client/status/format";
import { checkTiers, tierSentence, windowAlerts } from "@/lib/client/status/tiers";
import { cx } from "../../ui/cx";
import { SeverityBadge } from "./badges";

const reasonText = { no_traffic: "no requests", not_measured: "not measured", inconsistent: "inconsistent counts" } as const;

/** Where the slow-request lists come from: the SLO, its datasource and the moment the status is read at. */
export type SlowRequestsContext = { sloId: string; datasourceId: string; at: number | undefined };

export function BurnRateTable({ data, slowRequests }: { data: SloStatusResponse; slowRequests?: SlowRequestsContext }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const sel = parseSlow(params);
  const shown = sel?.kind === "window" ? sel : null;
  const setSlow = (w: BurnWindow | null) =>
    router.replace(`${pathname}${withParams(params.toString(), slowChanges(w ? { kind: "window", window: w } : null))}`, { scroll: false });
  // Status is evaluated at its own moment: the look-back ends there (for a live page, at evaluation).
  const end = slowRequests?.at ?? Math.floor(data.status.evaluatedAt / 60) * 60;
  const rates = data.status.burnRates;
  const alerts = windowAlerts(rates, data.burnRateTiers);
  const firing = checkTiers(rates, data.burnRateTiers).filter((c) => c.exceeded);
  return (
    <div>
      <h3 className="text-sm font-semibold text-zinc-900">Burn rates</h3>
      <p className="mt-0.5 text-xs text-zinc-500">1× spends exactly the error budget over the SLO window. Alert factors are marked when a look-back reaches them.</p>
      {firing.length > 0 ? (
        <ul className="mt-2 space-y-1" aria-label="Alert tiers exceeded">
          {firing.map((c) => (
            <li key={`${c.longWindow}-${c.shortWindow}`} className="flex items-center gap-2 text-sm text-zinc-800">
              <SeverityBadge severity={c.severity} />
              {tierSentence(c, formatBurnRate)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-zinc-600">No alert tier is exceeded.</p>
      )}
      <div className="mt-3 overflow-x-auto rounded-md border border-zinc-200">
        <table className="min-w-full text-sm">
          <thead className="bg-zinc-50 text-left text-xs font-medium text-zinc-600">
            <tr>
              <th scope="col" className="px-3 py-2">Look-back</th>
              <th scope="col" className="px-3 py-2 text-right">Requests</th>
              <th scope="col" className="px-3 py-2 text-right">Slow share</th>
              <th scope="col" className="px-3 py-2 text-right">Burn rate</th>
              <th scope="col" className="px-3 py-2">Alert factors</th>
              {slowRequests ? <th scope="col" className="px-3 py-2"><span className="sr-only">Slow requests</span></th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {rates.map((r) => {
              const list = alerts.get(r.window) ?? [];
              const over = list.some((a) => a.over);
              return (
                <tr key={r.window} className={cx(over && "bg-red-50/60")}>
                  <th scope="row" className="px-3 py-1.5 text-left font-mono text-xs font-medium text-zinc-800">{r.window}</th>
                  <td className="px-3 py-1.5 text-right tabular-nums text-zinc-700">{r.total.toLocaleString("en-US", { maximumFractionDigits: 0 })}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums text-zinc-700">{r.errorRatio === null ? "—" : formatPercent(r.errorRatio)}</td>
                  <td className={cx("px-3 py-1.5 text-right tabular-nums", over ? "font-semibold text-red-800" : "text-zinc-900")}>
                    {r.rate === null ? <span className="text-zinc-500">{r.reason ? reasonText[r.reason] : "—"}</span> : formatBurnRate(r.rate)}
                  </td>
                  <td className="px-3 py-1.5">
                    <span className="flex flex-wrap gap-1.5">
                      {list.map((a) => (
                        <span
                          key={`${a.severity}-${a.factor}`}
                          title={`${a.severity} tier (${a.role} window): ${a.over ? "reached" : "not reached"}${a.firing ? ", tier firing" : ""}`}
                          className={cx(
                            "inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs tabular-nums ring-1 ring-inset",
                            a.over
                              ? a.severity === "page"
                                ? "bg-red-600 font-semibold text-white ring-red-700"
                                : "bg-amber-400 font-semibold text-amber-950 ring-amber-500"
                              : "text-zinc-600 ring-zinc-200",
                          )}
                        >
                          {a.severity} ≥ {formatBurnRate(a.factor)}
                          {a.over ? <span className="sr-only"> (reached)</span> : null}
                        </span>
                      ))}
                    </span>
                  </td>
                  {slowRequests ? (
                    <td className="px-3 py-1.5 text-right">
                      <button
                        type="button"
                        onClick={() => setSlow(shown?.window === r.window ? null : r.window)}
                        aria-expanded={shown?.window === r.window}
                        aria-label={`Show slow requests of the last ${r.window}`}
                        className="rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap text-indigo-700 hover:bg-indigo-50"
                      >
                        {shown?.window === r.window ? "hide slow requests" : "show slow requests"}
                      </button>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {slowRequests && shown ? (
        <div className="mt-3">
          <SlowRequests
            key={shown.window}
            sloId={slowRequests.sloId}
            datasourceId={slowRequests.datasourceId}
            thresholdSeconds={data.slo.thresholdSeconds}
            {...slowRange(shown, end, end)}
            aboveOnly
            narrow={shown.label && shown.value ? { label: shown.label, value: shown.value } : undefined}
            title={`Slow requests of the last ${shown.window}`}
            onClose={() => setSlow(null)}
          />
        </div>
      ) : null}
    </div>
  );
}
