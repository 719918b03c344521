// The dashboard's table: one row per SLO with SLI vs objective, the budget bar, the worst burn
// rate with its alert tier and the data state. Each row links to the SLO at the same moment.
import Link from "next/link";
import { formatObjective } from "@/lib/client/format";
import type { DashboardRow } from "@/lib/client/status/dashboard";
import { budgetTone, describeRemaining } from "@/lib/client/status/describe";
import { formatBurnRate, formatPercent } from "@/lib/client/status/format";
import { BudgetBar, SeverityBadge, ToneBadge } from "../slo/status/badges";
import { Skeleton } from "../ui/skeleton";

export function DashboardTable({ rows, at }: { rows: DashboardRow[]; at: number | undefined }) {
  const suffix = at === undefined ? "" : `?at=${at}`;
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      {/* On phones each row stacks into a card: a manager must see the budget without scrolling sideways. */}
      <table className="block min-w-full text-sm md:table">
        <thead className="hidden bg-zinc-50 text-left text-xs font-medium text-zinc-600 md:table-header-group">
          <tr>
            <th scope="col" className="min-w-56 px-4 py-2.5">SLO</th>
            <th scope="col" className="px-4 py-2.5 text-right">SLI · objective</th>
            <th scope="col" className="w-64 px-4 py-2.5">Error budget left</th>
            <th scope="col" className="px-4 py-2.5">Worst burn rate</th>
            <th scope="col" className="px-4 py-2.5">State</th>
          </tr>
        </thead>
        <tbody className="block divide-y divide-zinc-100 md:table-row-group">
          {rows.map((r) => (
            <tr key={r.slo.id} data-testid="dashboard-row" className="block py-2 align-top hover:bg-zinc-50/60 md:table-row md:py-0">
              <td className="block px-4 py-1.5 md:table-cell md:py-3">
                <Link href={`/slos/${encodeURIComponent(r.slo.slug)}${suffix}`} className="font-medium text-indigo-700 hover:underline">
                  {r.slo.name}
                </Link>
                <p className="text-xs text-zinc-500">
                  {r.slo.service}
                  {r.slo.team ? ` · team ${r.slo.team}` : ""}
                </p>
              </td>
              <td className="block whitespace-nowrap px-4 py-1.5 tabular-nums md:table-cell md:py-3 md:text-right">
                {r.phase === "pending" ? (
                  <Skeleton className="h-4 w-24 md:ml-auto" />
                ) : (
                  <>
                    <span className="font-medium text-zinc-900">{formatPercent(r.sli)}</span>
                    <span className="text-zinc-500"> · {formatObjective(r.slo.objective)}</span>
                  </>
                )}
              </td>
              <td className="block px-4 py-1.5 md:table-cell md:py-3">
                {r.phase === "pending" ? (
                  <Skeleton className="h-4 w-full" />
                ) : r.phase === "error" ? (
                  <span className="hidden text-zinc-500 md:inline">—</span>
                ) : (
                  <>
                    <BudgetBar remaining={r.budgetRemaining} tone={budgetTone(r.budgetRemaining)} label={describeRemaining(r.budgetRemaining)} />
                    <p className="mt-1 text-xs text-zinc-600">{describeRemaining(r.budgetRemaining)}</p>
                  </>
                )}
              </td>
              <td className="block whitespace-nowrap px-4 py-1.5 md:table-cell md:py-3">
                {r.worst ? (
                  <span className="flex items-center gap-2">
                    <span className="tabular-nums text-zinc-900">{formatBurnRate(r.worst.rate)}</span>
                    <span className="font-mono text-xs text-zinc-500">{r.worst.window}</span>
                    {r.worst.severity ? <SeverityBadge severity={r.worst.severity} /> : null}
                  </span>
                ) : r.phase === "pending" ? (
                  <Skeleton className="h-4 w-16" />
                ) : (
                  <span className="hidden text-zinc-500 md:inline">—</span>
                )}
              </td>
              <td className="block px-4 py-1.5 md:table-cell md:py-3">
                {r.phase === "pending" ? (
                  <Skeleton className="h-4 w-20" />
                ) : (
                  <div className="max-w-xs">
                    <ToneBadge tone={r.state.tone}>{r.state.label}</ToneBadge>
                    {r.state.detail ? <p className="mt-1 break-words text-xs text-zinc-500">{r.state.detail}</p> : null}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
