import "server-only";
// Discovery for pickers (services, operations, span kinds with request rates) on one datasource.
// The producer profile is detected once per call (or pinned by the datasource).
import { z } from "zod";
import { queryInt, queryTime } from "@/lib/schemas/query";
import { getDatasourceWithSecret } from "@/lib/server/catalogue/datasources";
import { listOperations, listServices, listSpanKinds, type TrafficItem } from "@/lib/server/metrics/discovery";
import { detectProfile } from "@/lib/server/metrics/profile";
import { backendProblem, metricsSourceFor } from "./source";

export const DiscoveryQuery = z
  .object({
    datasource: z.string().min(1).max(64),
    service: z.string().min(1).max(256).optional(),
    operation: z.string().min(1).max(512).optional(),
    /** Rate look-back in seconds (default 1 h, at most 7 d). */
    lookback: queryInt(60, 7 * 86_400).optional(),
    /** Evaluate as of this moment (unix seconds or RFC 3339); default now. */
    at: queryTime.optional(),
  })
  .strict();
export type DiscoveryQuery = z.infer<typeof DiscoveryQuery>;

export type Dimension = "services" | "operations" | "span-kinds";

export interface DiscoveryResponse {
  dimension: Dimension;
  profile: { id: string; histogram: string; unit: string };
  lookbackSeconds: number;
  items: TrafficItem[];
}

export async function discover(dimension: Dimension, q: DiscoveryQuery): Promise<DiscoveryResponse> {
  const ds = await getDatasourceWithSecret(q.datasource);
  const source = metricsSourceFor(ds);
  const at = Math.floor(q.at ?? Date.now() / 1000);
  const lookbackSeconds = q.lookback ?? 3600;
  const detected = await detectProfile(source, { setting: ds.producerProfile, service: q.service, startSeconds: at - lookbackSeconds, endSeconds: at });
  if (!detected.ok) throw backendProblem(detected.error);
  const profile = detected.value.profile;
  const opts = { atSeconds: at, lookbackSeconds };
  const r =
    dimension === "services"
      ? await listServices(source, profile, opts)
      : dimension === "operations"
        ? await listOperations(source, profile, q.service ?? "", opts)
        : await listSpanKinds(source, profile, q.service ?? "", q.operation, opts);
  if (!r.ok) throw backendProblem(r.error);
  return { dimension, profile: { id: profile.id, histogram: profile.histogram, unit: profile.unit }, lookbackSeconds, items: r.value };
}
