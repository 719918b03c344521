// Query keys in one place so a mutation invalidates exactly what the hooks read.
import type { ListSlosQuery } from "@/lib/schemas/slo";

export const queryKeys = {
  slos: ["slos"] as const,
  sloList: (q: Partial<ListSlosQuery>) => ["slos", "list", q] as const,
  slo: (idOrSlug: string) => ["slos", "one", idOrSlug] as const,
  sloRevisions: (idOrSlug: string) => ["slos", "revisions", idOrSlug] as const,
  datasources: ["datasources"] as const,
  datasourceList: () => ["datasources", "list"] as const,
  // Not under ["slos"]: catalogue mutations invalidate and await that prefix, and must not wait on Prometheus.
  sloExemplars: (idOrSlug: string, p: object) => ["slo-exemplars", idOrSlug, p] as const,
  sloLatency: (idOrSlug: string, p: object) => ["slo-latency", idOrSlug, p] as const,
  trace: (traceId: string, datasource: string) => ["traces", traceId, datasource] as const,
  sloAttribution: (idOrSlug: string, p: { at?: number; window?: string; version?: number }) =>
    ["slo-attribution", idOrSlug, p.version ?? null, p.at ?? "now", p.window ?? null] as const,
  report: (team: string, month: string) => ["report", team, month] as const,
  tokens: ["tokens"] as const,
};
