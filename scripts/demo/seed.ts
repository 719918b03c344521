// Upserts the demo datasource and SLOs by slug through the catalogue repositories, so revisions
// are recorded like any edit and a re-run changes nothing when nothing changed.
import { createDatasource, getDatasource, updateDatasource } from "@/lib/server/catalogue/datasources";
import { createSlo } from "@/lib/server/catalogue/slo-create";
import { getSlo } from "@/lib/server/catalogue/slo-queries";
import { updateSlo } from "@/lib/server/catalogue/slo-update";
import { NotFoundError } from "@/lib/server/errors";
import { systemAuth } from "@/lib/server/auth/context";
import { demoDatasource, demoSlos } from "@/lib/demo/seed";
import type { ProducerProfileId } from "@/lib/promql/profiles";

const ACTOR = systemAuth("demo-seed");

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}

export interface SeedResult {
  datasourceId: string;
  created: string[];
  updated: string[];
  unchanged: string[];
  skipped: string[];
}

export async function seedDemo(opts: { prometheusUrl: string; traceUrl: string; traceBackend?: "tempo" | "jaeger"; profile: ProducerProfileId }): Promise<SeedResult> {
  const input = demoDatasource(opts);
  const existing = await orNull(getDatasource(input.slug));
  const ds = existing ? await updateDatasource(existing.id, input) : await createDatasource(input);
  const result: SeedResult = { datasourceId: ds.id, created: [], updated: [], unchanged: [], skipped: [] };

  for (const slo of demoSlos(ds.id)) {
    const current = await orNull(getSlo(slo.slug));
    if (!current) {
      await createSlo(slo, ACTOR);
      result.created.push(slo.slug);
    } else if (current.status === "archived") {
      // Someone archived it on purpose: leave it be.
      result.skipped.push(slo.slug);
    } else {
      const after = await updateSlo(slo.slug, { ...slo, version: current.version }, ACTOR);
      (after.version === current.version ? result.unchanged : result.updated).push(slo.slug);
    }
  }
  return result;
}
