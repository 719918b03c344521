import "server-only";
// Discovery for pickers (services, operations, span kinds with request rates) on one datasource.
// The producer profile is detected once per call over the same look-back (or pinned by the
// datasource). The look-back reaches the whole baseline the wizard offers (90 days), and when no
// known producer's metrics are found the profile says "unknown" with a warning instead of
// presenting a fallback naming as a finding.
import { z } from "zod";
import { queryInt, queryTime } from "@/lib/schemas/query";
import { getDatasourceWithSecret } from "@/lib/server/catalogue/datasources";
import { listOperations, listServices, listSpanKinds, type TrafficItem } from "@/lib/server/metrics/discovery";
import { detectProfile, type DetectedProfile } from "@/lib/server/metrics/profile";
import { backendProblem, metricsSourceFor } from "./source";

export const MAX_LOOKBACK_SECONDS = 90 * 86_400;

export const DiscoveryQuery = z
  .object({
    datasource: z.string().min(1).max(64),
    service: z.string().min(1).max(256).optional(),
    operation: z.string().min(1).max(512).optional(),
    /** Rate look-back in seconds (default 1 h, at most 90 d: the longest baseline). */
    lookback: queryInt(60, MAX_LOOKBACK_SECONDS).optional(),
    /** Evaluate as of this moment (unix seconds or RFC 3339); default now. */
    at: queryTime.optional(),
  })
  .strict();
export type DiscoveryQuery = z.infer<typeof DiscoveryQuery>;

export type Dimension = "services" | "operations" | "span-kinds";

/** The producer as discovery found it; `unknown` (empty names) when no known producer's metrics exist in the look-back. */
export type DiscoveredProfile = { id: string; histogram: string; unit: string };

export interface DiscoveryResponse {
  dimension: Dimension;
  profile: DiscoveredProfile;
  lookbackSeconds: number;
  items: TrafficItem[];
  warnings: string[];
}

export const UNKNOWN_PROFILE: DiscoveredProfile = { id: "unknown", histogram: "", unit: "" };

/** What a detection says about the producer: a fallback naming is not a finding. */
export const discoveredProfile = (d: DetectedProfile): DiscoveredProfile =>
  d.basis === "fallback" ? UNKNOWN_PROFILE : { id: d.profile.id, histogram: d.profile.histogram, unit: d.profile.unit };

export async function discover(dimension: Dimension, q: DiscoveryQuery): Promise<DiscoveryResponse> {
  const ds = await getDatasourceWithSecret(q.datasource);
  const source = metricsSourceFor(ds);
  const at = Math.floor(q.at ?? Date.now() / 1000);
  const lookbackSeconds = q.lookback ?? 3600;
  const detected = await detectProfile(source, { setting: ds.producerProfile, service: q.service, startSeconds: at - lookbackSeconds, endSeconds: at });
  if (!detected.ok) throw backendProblem(detected.error);
  const profile = detected.value.profile;
  const warnings = [...detected.value.warnings];
  // Nothing from any known producer in the look-back: no listing can find anything either.
  if (detected.value.basis === "fallback") return { dimension, profile: UNKNOWN_PROFILE, lookbackSeconds, items: [], warnings };
  const opts = { atSeconds: at, lookbackSeconds };
  const r =
    dimension === "services"
      ? await listServices(source, profile, opts)
      : dimension === "operations"
        ? await listOperations(source, profile, q.service ?? "", opts)
        : await listSpanKinds(source, profile, q.service ?? "", q.operation, opts);
  if (!r.ok) throw backendProblem(r.error);
  return { dimension, profile: discoveredProfile(detected.value), lookbackSeconds, items: r.value, warnings };
}
