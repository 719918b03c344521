import "server-only";
// GET /api/discovery/series as a business verb: how many series an (exact or regex) operation
// selection reads, and for a regex which operations it selects, so the wizard can warn before a
// too-broad selection makes every query read thousands of bucket series.
import { z } from "zod";
import type { SloSelection } from "@/lib/promql/slo-queries";
import { queryInt, queryTime } from "@/lib/schemas/query";
import { promRegexProblem } from "@/lib/schemas/regex";
import { OperationMatch, SpanKind } from "@/lib/schemas/slo-dto";
import { getDatasourceWithSecret } from "@/lib/server/catalogue/datasources";
import { ValidationError } from "@/lib/server/errors";
import { countSelectionSeries } from "@/lib/server/metrics/discovery";
import { detectProfile } from "@/lib/server/metrics/profile";
import { discoveredProfile, MAX_LOOKBACK_SECONDS, UNKNOWN_PROFILE, type DiscoveredProfile } from "./discovery";
import { backendProblem, metricsSourceFor } from "./source";

/**
 * Above this many `_count` series the wizard warns. Each series carries ~15 bucket series, and each
 * suggestion reads every bucket over the baseline: 50 series are ~800 bucket series, where a query
 * over 90 days at hourly steps starts to take seconds; one operation of one service rarely needs more
 * than a handful (status codes × span kinds × instances), so more usually means a too-broad regex.
 */
export const SERIES_WARNING_LIMIT = 50;

export const DiscoverySeriesQuery = z
  .object({
    datasource: z.string().min(1).max(64),
    service: z.string().min(1).max(256),
    operation: z.string().min(1).max(512),
    match: OperationMatch.default("exact"),
    spanKind: SpanKind.optional(),
    /** Look-back in seconds (default 1 d, at most 90 d). */
    lookback: queryInt(60, MAX_LOOKBACK_SECONDS).optional(),
    at: queryTime.optional(),
  })
  .strict();
export type DiscoverySeriesQuery = z.infer<typeof DiscoverySeriesQuery>;

export interface DiscoverySeriesResponse {
  profile: DiscoveredProfile;
  lookbackSeconds: number;
  seriesCount: number;
  operations: { name: string; seriesCount: number }[];
  limit: number;
  /** Set when seriesCount > limit. */
  warning: string | null;
  warnings: string[];
  source: { queries: string[] };
}

export async function discoverSeries(q: DiscoverySeriesQuery): Promise<DiscoverySeriesResponse> {
  const regexProblem = q.match === "regex" ? promRegexProblem(q.operation) : null;
  if (regexProblem) throw new ValidationError([{ path: "operation", message: regexProblem }], 400, "invalid query");
  const ds = await getDatasourceWithSecret(q.datasource);
  const source = metricsSourceFor(ds);
  const at = Math.floor(q.at ?? Date.now() / 1000);
  const lookbackSeconds = q.lookback ?? 86_400;
  const range = { startSeconds: at - lookbackSeconds, endSeconds: at };
  const detected = await detectProfile(source, { setting: ds.producerProfile, service: q.service, ...range });
  if (!detected.ok) throw backendProblem(detected.error);
  const queries = [...detected.value.queries];
  const warnings = [...detected.value.warnings];
  const base = { lookbackSeconds, limit: SERIES_WARNING_LIMIT, warnings, source: { queries } };
  if (detected.value.basis === "fallback") return { ...base, profile: UNKNOWN_PROFILE, seriesCount: 0, operations: [], warning: null };

  const selection: SloSelection = { service: q.service, operation: q.operation, operationMatch: q.match, spanKind: q.spanKind ?? null, extraMatchers: [], countErrorsAsBad: false };
  const r = await countSelectionSeries(source, detected.value.profile, selection, range.startSeconds, range.endSeconds);
  if (!r.ok) throw backendProblem(r.error);
  queries.push(r.value.query);
  const { seriesCount, operations } = r.value;
  const warning =
    seriesCount > SERIES_WARNING_LIMIT
      ? `this selection reads ${seriesCount.toLocaleString("en-US")} series (more than ${SERIES_WARNING_LIMIT})${operations.length > 1 ? ` across ${operations.length} operations` : ""}: every query reads each of them at every bucket boundary; narrow the operation or the span kind`
      : null;
  return { ...base, profile: discoveredProfile(detected.value), seriesCount, operations, warning };
}
