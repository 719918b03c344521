// The catalogue table. Units are spelled out in every cell (ms, %, days).
import Link from "next/link";
import type { SloDto } from "@/lib/schemas/slo-dto";
import { windowLabel } from "@/lib/schemas/values";
import { formatObjective, formatThresholdMs } from "@/lib/client/format";
import { cx } from "../ui/cx";
import { StatusBadge } from "./status-badge";

const th = "px-4 py-2.5 text-left text-xs font-medium uppercase tracking-wide text-zinc-500";
const td = "px-4 py-3 align-top text-sm";

export function SloTable({ items, dimmed }: { items: SloDto[]; dimmed?: boolean }) {
  return (
    <div className={cx("overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-sm transition-opacity", dimmed && "opacity-60")}>
      <table className="min-w-full divide-y divide-zinc-200">
        <caption className="sr-only">Service level objectives</caption>
        <thead className="bg-zinc-50">
          <tr>
            <th scope="col" className={th}>SLO</th>
            <th scope="col" className={th}>Service · operation</th>
            <th scope="col" className={cx(th, "text-right")}>Threshold</th>
            <th scope="col" className={cx(th, "text-right")}>Objective</th>
            <th scope="col" className={th}>Window</th>
            <th scope="col" className={th}>Team · owner</th>
            <th scope="col" className={th}>Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {items.map((s) => (
            <tr key={s.id} className="hover:bg-zinc-50/70">
              <td className={cx(td, "min-w-48")}>
                <Link href={`/slos/${encodeURIComponent(s.slug)}`} className="font-medium text-zinc-900 hover:text-indigo-700 hover:underline focus-visible:rounded focus-visible:outline-2 focus-visible:outline-indigo-600">
                  {s.name}
                </Link>
                <div className="mt-0.5 font-mono text-xs text-zinc-500">{s.slug}</div>
              </td>
              <td className={cx(td, "max-w-72")}>
                <div className="truncate text-zinc-800" title={s.service}>{s.service}</div>
                <div className="truncate font-mono text-xs text-zinc-500" title={s.operation}>
                  {s.operationMatch === "regex" ? "~ " : ""}
                  {s.operation}
                </div>
              </td>
              <td className={cx(td, "whitespace-nowrap text-right text-zinc-800")}>≤ {formatThresholdMs(s.thresholdSeconds)}</td>
              <td className={cx(td, "whitespace-nowrap text-right text-zinc-800")}>{formatObjective(s.objective)}</td>
              <td className={cx(td, "whitespace-nowrap text-zinc-700")}>{windowLabel(s.window)}</td>
              <td className={td}>
                <div className="text-zinc-800">{s.team || <span className="text-zinc-400">No team</span>}</div>
                {s.owner ? <div className="text-xs text-zinc-500">{s.owner}</div> : null}
              </td>
              <td className={td}>
                <StatusBadge status={s.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
