import type { SloStatus } from "@/lib/schemas/slo";
import { statusLabel } from "@/lib/client/format";
import { cx } from "../ui/cx";

const tone: Record<SloStatus, string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  draft: "bg-amber-50 text-amber-800 ring-amber-600/20",
  archived: "bg-zinc-100 text-zinc-700 ring-zinc-500/20",
};

/** The SLO's lifecycle status (not its health: that comes from the SLI engine). */
export function StatusBadge({ status }: { status: SloStatus }) {
  return (
    <span className={cx("inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", tone[status])}>
      <span aria-hidden className={cx("size-1.5 rounded-full", status === "active" ? "bg-emerald-500" : status === "draft" ? "bg-amber-500" : "bg-zinc-400")} />
      {statusLabel[status]}
    </span>
  );
}
