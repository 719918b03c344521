// GET /api/slos/[id]/rules?format= – the SLO's generated recording and alerting rules as YAML, either
// a Prometheus rule file or a PrometheusRule manifest. The same URL is the download link.
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { RulesFormat } from "@/lib/schemas/rules";
import { apiFetchText, queryString } from "../http";

export const rulesUrl = (idOrSlug: string, format: RulesFormat) => `/api/slos/${encodeURIComponent(idOrSlug)}/rules${queryString({ format })}`;

/** File name a download gets (the route's content-disposition names it the same way). */
export const rulesFileName = (slug: string, format: RulesFormat) => `sightline-${slug}.${format === "prometheusrule" ? "prometheusrule" : "rules"}.yml`;

export const rulesKey = (idOrSlug: string, format: RulesFormat, version?: number) => ["slo-rules", idOrSlug, version ?? null, format] as const;

export const sloRulesQueryOptions = (idOrSlug: string, format: RulesFormat, version?: number) =>
  queryOptions({
    queryKey: rulesKey(idOrSlug, format, version),
    queryFn: ({ signal }) => apiFetchText(rulesUrl(idOrSlug, format), { signal }),
    // Rules change only with the SLO, whose version is in the key.
    staleTime: Infinity,
  });

export const useSloRules = (idOrSlug: string, format: RulesFormat, version?: number) => useQuery(sloRulesQueryOptions(idOrSlug, format, version));
