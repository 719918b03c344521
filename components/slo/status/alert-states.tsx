// Each generated alert of the SLO as the backend's ALERTS series says it is at `at`: state in words
// and colour with its "since", and a strip of the firing intervals across the SLO window. Takes
// the alerts answer as props; words come from lib/client/alerts/display.
import { alertTitle, describeAlertState, historyStrip, historySummary } from "@/lib/client/alerts/display";
import { formatUtcSeconds } from "@/lib/client/status/format";
import type { SloAlertsResponse } from "@/lib/schemas/rules";
import { cx } from "../../ui/cx";
import { SeverityBadge, ToneBadge } from "./badges";

export function AlertStates({ data }: { data: SloAlertsResponse }) {
  return (
    <div className="overflow-x-auto rounded-md border border-zinc-200">
      <table className="min-w-full text-sm" data-testid="alert-states">
        <thead className="bg-zinc-50 text-left text-xs font-medium text-zinc-600">
          <tr>
            <th scope="col" className="px-3 py-2">Alert</th>
            <th scope="col" className="px-3 py-2">State</th>
            <th scope="col" className="w-2/5 px-3 py-2">
              Firing over the window <span className="font-normal text-zinc-500">({formatUtcSeconds(data.window.startSeconds)} → {formatUtcSeconds(data.window.endSeconds)})</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {data.alerts.map((a) => {
            const v = describeAlertState(a, data.atSeconds, data.window, data.stepSeconds);
            const strip = historyStrip(a.history, data.window);
            return (
              <tr key={a.tier} data-testid="alert-state-row" data-tier={a.tier} data-state={a.state} className={cx(a.state === "disabled" && "text-zinc-500")}>
                <th scope="row" className="px-3 py-2 text-left align-top font-normal">
                  <span className="flex items-center gap-2">
                    <SeverityBadge severity={a.severity} />
                    <span className="font-medium text-zinc-900">{alertTitle(a)}</span>
                  </span>
                  <span className="font-mono text-[11px] text-zinc-500">sightline_tier=&quot;{a.tier}&quot;</span>
                </th>
                <td className="px-3 py-2 align-top">
                  <ToneBadge tone={v.tone}>{v.label}</ToneBadge>
                  {v.since ? <p className="mt-1 text-xs text-zinc-700">{v.since}</p> : null}
                  <p className="text-xs text-zinc-500">{v.detail}</p>
                </td>
                <td className="px-3 py-2 align-top">
                  {a.state === "disabled" && a.history.length === 0 ? (
                    <span className="text-xs text-zinc-500">no rule</span>
                  ) : (
                    <>
                      <div role="img" aria-label={`Firing history: ${historySummary(a.history, data.window)}`} className="relative h-3 w-full overflow-hidden rounded-sm bg-zinc-100 ring-1 ring-inset ring-zinc-200">
                        {strip.map((s) => (
                          <span
                            key={`${s.leftPercent}-${s.widthPercent}`}
                            title={s.title}
                            className={cx("absolute inset-y-0", a.severity === "page" ? "bg-red-500" : "bg-amber-400", s.open && "animate-pulse")}
                            style={{ left: `${s.leftPercent}%`, width: `${s.widthPercent}%` }}
                          />
                        ))}
                      </div>
                      <p className="mt-1 text-xs text-zinc-500">{historySummary(a.history, data.window)}</p>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
