// The demo world server for integration tests: a live world with no history (counters from 0),
// for one producer profile, with the Jaeger listener on a free port beside Tempo's API.
import { createAggregator } from "@/lib/demo/aggregate";
import { boundsInMs, newSeriesBank } from "@/lib/demo/history";
import { LiveWorld } from "@/lib/demo/live";
import { buildModels } from "@/lib/demo/model";
import { HANDY_SITE_CORP } from "@/lib/demo/world";
import type { ProducerProfile } from "@/lib/promql/profiles";
import { startWorldServer, type WorldServer } from "@/scripts/demo/world-server";

export const DEMO_RESOURCE = { serviceVersions: HANDY_SITE_CORP.serviceVersions, scope: { name: "demo", version: "1" } };

export async function startDemoWorld(profile: ProducerProfile, opts: { seed?: string; tenant?: string } = {}): Promise<WorldServer & { jaegerUrl: string }> {
  const seed = opts.seed ?? "it";
  const now = Date.now();
  const models = buildModels(HANDY_SITE_CORP, { seed, samplesPerEntry: 1000 });
  const agg = createAggregator(HANDY_SITE_CORP, { seed, anchorMs: now, boundsMs: boundsInMs(profile), models });
  const live = new LiveWorld(newSeriesBank(profile, agg.keys, now), { world: HANDY_SITE_CORP, seed, anchorMs: now });
  const server = await startWorldServer({ live, resource: DEMO_RESOURCE, jaegerPort: 0, tenant: opts.tenant });
  return server as WorldServer & { jaegerUrl: string };
}
