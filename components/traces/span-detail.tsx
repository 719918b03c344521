"use client";
// The span detail panel: status, timing, its share of the critical path, attributes, resource,
// scope, events and links. A "missing parent" placeholder explains itself instead.
import Link from "next/link";
import type { Attribute } from "@/lib/schemas/trace";
import { attributeText, formatDurationNs, formatUnixNanoUtc } from "@/lib/traces/display";
import type { TraceLayout } from "@/lib/traces/waterfall";
import { Button } from "../ui/button";

function Attributes({ title, attrs }: { title: string; attrs: Attribute[] }) {
  return (
    <section aria-label={title} className="mt-4">
      <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">
        {title} <span className="font-normal normal-case">({attrs.length})</span>
      </h3>
      {attrs.length === 0 ? (
        <p className="mt-1 text-xs text-zinc-500">None.</p>
      ) : (
        <dl className="mt-1 divide-y divide-zinc-100 rounded border border-zinc-200 text-xs">
          {attrs.map((a, i) => (
            <div key={`${a.key}-${i}`} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-2 px-2 py-1">
              <dt className="truncate font-mono text-zinc-600" title={a.key}>
                {a.key}
              </dt>
              <dd className="font-mono break-words text-zinc-900">{attributeText(a.value) || <span className="text-zinc-400">(empty)</span>}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

const Row = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="flex justify-between gap-3 py-0.5">
    <dt className="text-zinc-500">{label}</dt>
    <dd className="min-w-0 text-right break-words text-zinc-900">{children}</dd>
  </div>
);

export function SpanDetail({ layout, nodeKey, datasource, onClose }: { layout: TraceLayout; nodeKey: string; datasource: string; onClose: () => void }) {
  const node = layout.tree.nodes.get(nodeKey);
  if (!node) return null;
  const row = layout.rows.get(nodeKey)!;
  const header = (title: string) => (
    <div className="flex items-start justify-between gap-2">
      <h2 id="span-detail-title" className="min-w-0 text-sm font-semibold break-words text-zinc-900">
        {title}
      </h2>
      <Button variant="ghost" className="px-2 py-0.5" onClick={onClose} aria-label="Close span details (Esc)">
        ✕
      </Button>
    </div>
  );
  if (node.kind === "missing")
    return (
      <aside aria-labelledby="span-detail-title" className="rounded-lg border border-zinc-200 bg-white p-4 text-sm" data-testid="span-detail">
        {header(node.reason === "cycle" ? "A parent loop, cut here" : "Missing parent span")}
        <p className="mt-2 text-zinc-700">
          {node.reason === "cycle" ? (
            <>These spans name each other as parents, which cannot be: the chain is cut at the earliest of them.</>
          ) : (
            <>
              {row.childCount} {row.childCount === 1 ? "span names" : "spans name"} the parent <span className="font-mono">{node.missingParentId}</span>, which is not in this trace. The backend may have dropped it, it
              may not have been ingested yet, or the service that made it does not export traces. These spans are shown here rather than as roots.
            </>
          )}
        </p>
      </aside>
    );
  const s = node.span;
  const self = layout.path.selfNs.get(nodeKey) ?? 0;
  const startOffset = Number(BigInt(s.startUnixNano) - layout.tree.originUnixNano);
  return (
    <aside aria-labelledby="span-detail-title" className="max-h-[calc(62vh+88px)] overflow-auto rounded-lg border border-zinc-200 bg-white p-4 text-sm" data-testid="span-detail">
      {header(s.name)}
      <dl className="mt-2 text-xs">
        <Row label="Service">{s.service || "unknown"}</Row>
        <Row label="Kind">{s.kind}</Row>
        <Row label="Status">
          <span className={s.status.code === "error" ? "font-semibold text-red-700" : ""}>{s.status.code}</span>
          {s.status.message ? <span className="block text-red-700">{s.status.message}</span> : null}
        </Row>
        <Row label="Duration">{formatDurationNs(s.durationNs)}</Row>
        <Row label="Starts">
          +{formatDurationNs(startOffset)} <span className="block text-zinc-500">{formatUnixNanoUtc(s.startUnixNano)}</span>
        </Row>
        <Row label="On the critical path">{row.onCriticalPath ? `${formatDurationNs(self)} of its own time` : "no"}</Row>
        {row.matchesSlo ? <Row label="SLO">the SLO measures this operation</Row> : null}
        <Row label="Span id">
          <span className="font-mono">{s.spanId}</span>
        </Row>
        <Row label="Parent">
          <span className="font-mono">{s.parentSpanId ?? "none (root)"}</span>
        </Row>
        {node.duplicateOf ? <Row label="Note">another span in this trace has the same id</Row> : null}
      </dl>
      <Attributes title="Attributes" attrs={s.attributes} />
      <Attributes title="Resource" attrs={s.resource} />
      <section aria-label="Scope" className="mt-4 text-xs">
        <h3 className="font-semibold tracking-wide text-zinc-500 uppercase">Scope</h3>
        <p className="mt-1 font-mono text-zinc-800">{s.scope.name ? `${s.scope.name}${s.scope.version ? ` ${s.scope.version}` : ""}` : "not reported"}</p>
      </section>
      <section aria-label="Events" className="mt-4 text-xs">
        <h3 className="font-semibold tracking-wide text-zinc-500 uppercase">Events ({s.events.length})</h3>
        {s.events.length === 0 ? <p className="mt-1 text-zinc-500">None.</p> : null}
        <ul className="mt-1 space-y-2">
          {s.events.map((ev, i) => (
            <li key={i} className="rounded border border-zinc-200 p-2">
              <p className="font-medium text-zinc-900">
                {ev.name} <span className="font-normal text-zinc-500">+{formatDurationNs(Number(BigInt(ev.timeUnixNano) - BigInt(s.startUnixNano)))} into the span</span>
              </p>
              {ev.attributes.map((a) => (
                <p key={a.key} className="font-mono break-words text-zinc-700">
                  {a.key} = {attributeText(a.value)}
                </p>
              ))}
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Links" className="mt-4 text-xs">
        <h3 className="font-semibold tracking-wide text-zinc-500 uppercase">Links ({s.links.length})</h3>
        {s.links.length === 0 ? <p className="mt-1 text-zinc-500">None.</p> : null}
        <ul className="mt-1 space-y-1">
          {s.links.map((l, i) => (
            <li key={i}>
              <Link className="font-mono text-indigo-700 underline" href={`/traces/${l.traceId}?datasource=${encodeURIComponent(datasource)}&span=${l.spanId}`}>
                {l.traceId.slice(0, 8)}…/{l.spanId}
              </Link>{" "}
              <span className="text-zinc-500">{l.kind === "follows_from" ? "follows from" : "link"}</span>
            </li>
          ))}
        </ul>
      </section>
    </aside>
  );
}
