"use client";
// "Alert rules" on /slos/[id]: the SLO's generated rules as YAML (a Prometheus rule file or a
// PrometheusRule manifest), copyable and downloadable, and whether the last rules sync put them on
// the backend. The YAML is the same answer GET /api/slos/[id]/rules gives, so the copy and the
// download cannot disagree.
import { useState } from "react";
import { describeSync } from "@/lib/client/alerts/display";
import { rulesFileName, rulesUrl, useSloRules } from "@/lib/client/alerts/rules-query";
import { useLastSync } from "@/lib/client/alerts/sync-query";
import { describeError } from "@/lib/client/http";
import type { RulesFormat } from "@/lib/schemas/rules";
import type { SloDto } from "@/lib/schemas/slo";
import { Button, buttonClass } from "../ui/button";
import { Callout } from "../ui/callout";
import { cx } from "../ui/cx";
import { Skeleton } from "../ui/skeleton";
import { ToneBadge } from "./status/badges";

const formats: { id: RulesFormat; label: string }[] = [
  { id: "prometheus", label: "Prometheus" },
  { id: "prometheusrule", label: "PrometheusRule" },
];

type CopyState = { state: "idle" } | { state: "copied" } | { state: "failed" };

export function RulesSection({ slo }: { slo: SloDto }) {
  const [format, setFormat] = useState<RulesFormat>("prometheus");
  const [copy, setCopy] = useState<CopyState>({ state: "idle" });
  const rules = useSloRules(slo.id, format, slo.version);
  const sync = useLastSync();

  const copyYaml = async () => {
    if (!rules.data) return;
    try {
      // Absent outside secure contexts (plain http on a non-localhost host).
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(rules.data);
      setCopy({ state: "copied" });
    } catch {
      setCopy({ state: "failed" });
    }
  };

  return (
    <section aria-labelledby="slo-rules-title" className="rounded-lg border border-zinc-200 bg-white p-5" data-testid="rules-section">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="slo-rules-title" className="text-sm font-semibold text-zinc-900">
            Alert rules
          </h2>
          <p className="mt-0.5 text-xs text-zinc-500">Recording and alerting rules generated from this SLO (docs/alerting.md explains the scheme).</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <div role="radiogroup" aria-label="Rules format" className="inline-flex rounded-md border border-zinc-300 p-0.5">
            {formats.map((f) => (
              <button
                key={f.id}
                type="button"
                role="radio"
                aria-checked={format === f.id}
                onClick={() => {
                  setFormat(f.id);
                  setCopy({ state: "idle" });
                }}
                className={cx("rounded px-2.5 py-1 text-xs font-medium", format === f.id ? "bg-indigo-600 text-white" : "text-zinc-700 hover:bg-zinc-100")}
              >
                {f.label}
              </button>
            ))}
          </div>
          <Button onClick={copyYaml} disabled={!rules.isSuccess}>
            Copy
          </Button>
          <a href={rulesUrl(slo.id, format)} download={rulesFileName(slo.slug, format)} className={buttonClass("secondary")}>
            Download
          </a>
        </div>
      </div>
      <p aria-live="polite" className="mt-1 min-h-4 text-xs">
        {copy.state === "copied" ? <span className="text-emerald-700">Copied to the clipboard.</span> : null}
        {copy.state === "failed" ? <span className="text-amber-800">This browser did not allow copying: select the text below and copy it, or use Download.</span> : null}
      </p>
      <SyncLine slug={slo.slug} sync={sync} />
      <div className="mt-3">
        {rules.isPending ? (
          <div role="status" aria-busy="true">
            <span className="sr-only">Loading rules…</span>
            <Skeleton className="h-64 w-full" />
          </div>
        ) : rules.isError ? (
          <Callout title={`Could not generate the rules: ${describeError(rules.error).title}`} action={<Button onClick={() => rules.refetch()}>Try again</Button>}>
            {describeError(rules.error).detail}
          </Callout>
        ) : (
          <pre data-testid="rules-yaml" tabIndex={0} aria-label={`Generated rules (${format})`} className="max-h-96 overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-xs leading-relaxed text-zinc-100">
            {rules.data}
          </pre>
        )}
      </div>
    </section>
  );
}

function SyncLine({ slug, sync }: { slug: string; sync: ReturnType<typeof useLastSync> }) {
  if (sync.isPending) return <p className="text-xs text-zinc-500">Checking the last rules sync…</p>;
  if (sync.isError) return <p className="text-xs text-amber-800">Could not read the rules sync log: {describeError(sync.error).title}</p>;
  // "ago" as of when the log answered (refetched every minute while shown): render stays pure.
  const v = describeSync(sync.data.last, slug, sync.dataUpdatedAt);
  return (
    <div data-testid="rules-sync" className="flex flex-wrap items-center gap-2 text-xs text-zinc-700">
      <ToneBadge tone={v.tone}>{v.headline}</ToneBadge>
      <span>{v.detail}</span>
    </div>
  );
}
