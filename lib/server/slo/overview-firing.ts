import "server-only";
// Which generated burn-rate alerts fire now, for every SLO of a datasource at once: one ALERTS query
// (Prometheus, Mimir and vmalert all write ALERTS), read by the `sightline_slo` and `sightline_tier`
// labels the generated rules stamp (lib/promql/rules-names.ts).
import { firingBurnAlerts } from "@/lib/promql/overview-queries";
import { SEVERITY_LABEL, SLO_LABEL, TIER_LABEL } from "@/lib/promql/rules-names";
import type { MetricsSource } from "../metrics/client";
import type { MetricsError } from "../metrics/result";

export interface FiringTier {
  tier: string;
  severity: "page" | "ticket";
}

export async function firingBySlug(source: MetricsSource, at: number): Promise<{ ok: true; bySlug: Map<string, FiringTier[]>; query: string } | { ok: false; error: MetricsError; query: string }> {
  const query = firingBurnAlerts();
  const r = await source.query(query, at);
  if (!r.ok) return { ok: false, error: r.error, query };
  const bySlug = new Map<string, FiringTier[]>();
  for (const s of r.value.samples) {
    const slug = s.labels[SLO_LABEL];
    const tier = s.labels[TIER_LABEL];
    const severity = s.labels[SEVERITY_LABEL];
    if (!slug || !tier || (severity !== "page" && severity !== "ticket")) continue;
    const list = bySlug.get(slug) ?? bySlug.set(slug, []).get(slug)!;
    if (!list.some((x) => x.tier === tier)) list.push({ tier, severity });
  }
  for (const list of bySlug.values()) list.sort((a, b) => (a.severity === b.severity ? a.tier.localeCompare(b.tier) : a.severity === "page" ? -1 : 1));
  return { ok: true, bySlug, query };
}
