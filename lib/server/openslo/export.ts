// GET /api/openslo's verb: the catalogue's active SLOs (optionally one team's or one service's) as
// OpenSLO v1 documents. Reads only PostgreSQL; the queries in the documents are generated, not run.
import "server-only";
import { listDatasources } from "@/lib/server/catalogue/datasources";
import { listSlos } from "@/lib/server/catalogue/slo-queries";
import { toOpenSlo } from "@/lib/openslo/export";
import type { OpenSloSlo } from "@/lib/schemas/openslo";
import type { SloDto } from "@/lib/schemas/slo";

const PAGE = 200;

export async function exportOpenSlo(q: { team?: string; service?: string; withVersion?: boolean }): Promise<OpenSloSlo[]> {
  const slos: SloDto[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await listSlos({ status: "active", team: q.team, service: q.service, limit: PAGE, offset });
    slos.push(...page.items);
    if (page.items.length < PAGE || slos.length >= page.total) break;
  }
  const datasources = new Map((await listDatasources()).items.map((d) => [d.id, d]));
  // By slug: the same catalogue exports the same file, whatever the display names.
  slos.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return slos.map((s) => {
    const ds = datasources.get(s.datasourceId)!;
    return toOpenSlo(s, { slug: ds.slug, producerProfile: ds.producerProfile }, { withVersion: q.withVersion });
  });
}
