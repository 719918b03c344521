"use client";
// How many series the selection reads (GET /api/discovery/series), for the cardinality warning.
import { useQuery } from "@tanstack/react-query";
import { apiFetch, lazySchema, queryString } from "@/lib/client/http";
import type { WizardState } from "@/lib/client/wizard-state";
import { DISCOVERY_LOOKBACK_SECONDS } from "./discovery-lookback";

const SeriesCount = lazySchema(() => import("@/lib/schemas/client-answers").then((m) => m.SeriesCount));

export function useSeriesCount(s: WizardState) {
  const params = {
    datasource: s.datasourceId,
    service: s.service,
    operation: s.operation,
    match: s.operationMatch,
    spanKind: s.spanKind === "any" ? undefined : s.spanKind,
    lookback: DISCOVERY_LOOKBACK_SECONDS,
  };
  return useQuery({
    queryKey: ["discovery", "series", params] as const,
    queryFn: ({ signal }) => apiFetch(`/api/discovery/series${queryString(params)}`, SeriesCount, { signal }).then((r) => r.seriesCount),
    enabled: s.datasourceId !== "" && s.service !== "" && s.operation !== "",
    staleTime: 60_000,
    retry: false,
  });
}
