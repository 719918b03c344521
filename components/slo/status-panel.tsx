// Placeholder for the SLO's live status (SLI, error budget left, burn rates) from
// GET /api/slos/[id]/status and /timeseries. The SLI engine owns those numbers; until it is
// connected this panel says so instead of showing made-up figures.
import type { SloDto } from "@/lib/schemas/slo";
import { GaugeIcon } from "../shell/icons";

export function StatusPanel({ slo }: { slo: SloDto }) {
  return (
    <section aria-labelledby="slo-status-title" className="rounded-lg border border-dashed border-zinc-300 bg-white p-5">
      <h2 id="slo-status-title" className="text-sm font-semibold text-zinc-900">Current status</h2>
      <div className="mt-3 flex items-start gap-3 text-sm text-zinc-600">
        <GaugeIcon className="mt-0.5 size-5 shrink-0 text-zinc-400" />
        <p>
          The SLI, error budget remaining and burn rates for <span className="font-medium text-zinc-800">{slo.name}</span> appear here once the SLI engine is
          connected to this SLO&apos;s datasource. No numbers are shown until they are measured.
        </p>
      </div>
    </section>
  );
}
