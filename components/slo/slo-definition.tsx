// The SLO's definition as a reader wants it: what is counted, how fast, over which window.
import type { SloDto } from "@/lib/schemas/slo-dto";
import { windowLabel } from "@/lib/schemas/values";
import type { DatasourceDto } from "@/lib/schemas/datasource";
import { formatErrorBudget, formatObjective, formatThresholdMs, formatUtc } from "@/lib/client/format";
import { formatFieldValue } from "@/lib/client/revision-format";

function Item({ label, children, mono }: { label: string; children: React.ReactNode; mono?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-zinc-500">{label}</dt>
      <dd className={mono ? "mt-0.5 break-all font-mono text-sm text-zinc-900" : "mt-0.5 text-sm text-zinc-900"}>{children}</dd>
    </div>
  );
}

export function SloDefinition({ slo, datasource }: { slo: SloDto; datasource?: DatasourceDto }) {
  return (
    <section aria-labelledby="definition-title" className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm">
      <h2 id="definition-title" className="text-sm font-semibold text-zinc-900">Definition</h2>
      <p className="mt-2 text-sm text-zinc-700">
        {formatObjective(slo.objective)} of <span className="font-medium">{slo.service}</span> spans named{" "}
        <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[13px]">{slo.operation}</code>
        {slo.operationMatch === "regex" ? " (regular expression)" : ""} finish within {formatThresholdMs(slo.thresholdSeconds)}, over {windowLabel(slo.window)}
        {slo.countErrorsAsBad ? "; failed spans always count as bad" : ""}.
      </p>
      <dl className="mt-5 grid grid-cols-2 gap-x-6 gap-y-4 sm:grid-cols-3 lg:grid-cols-4">
        <Item label="Latency threshold">≤ {formatThresholdMs(slo.thresholdSeconds)}</Item>
        <Item label="Objective">{formatObjective(slo.objective)}</Item>
        <Item label="Error budget">{formatErrorBudget(slo.objective)} of requests</Item>
        <Item label="Window">{windowLabel(slo.window)}</Item>
        <Item label="Service" mono>{slo.service}</Item>
        <Item label="Operation" mono>{slo.operation}</Item>
        <Item label="Span kind">{slo.spanKind ? formatFieldValue("spanKind", slo.spanKind) : "any"}</Item>
        <Item label="Extra label matchers" mono>{formatFieldValue("extraMatchers", slo.extraMatchers)}</Item>
        <Item label="Failed requests count as bad">{slo.countErrorsAsBad ? "Yes" : "No"}</Item>
        <Item label="Minimum requests">{slo.minEvents.toLocaleString("en-US")} per window</Item>
        <Item label="Datasource">{datasource ? datasource.name : <span className="font-mono text-xs">{slo.datasourceId}</span>}</Item>
        <Item label="Team · owner">
          {slo.team || "—"} · {slo.owner || "—"}
        </Item>
        <Item label="Created">{formatUtc(slo.createdAt)}</Item>
        <Item label="Last changed">{formatUtc(slo.updatedAt)}</Item>
        <Item label="Version">{slo.version}</Item>
      </dl>
      {slo.description ? <p className="mt-5 whitespace-pre-line border-t border-zinc-100 pt-4 text-sm text-zinc-700">{slo.description}</p> : null}
    </section>
  );
}
