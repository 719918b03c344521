// Reading a team's SLOs with their datasources, and the team names the catalogue knows (the
// reports page's picker). Archived SLOs are left out: a report covers what the team still runs.
import "server-only";
import type { Datasource, Slo } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/server/db";
import type { SloDto } from "@/lib/schemas/slo";
import { toDatasourceConfig, type DatasourceConfig } from "./datasources";
import { toSloDto } from "./slo-mapping";

export async function listTeams(): Promise<string[]> {
  const db = await getDb();
  const rows = await db.slo.findMany({ where: { status: { not: "archived" }, team: { not: "" } }, distinct: ["team"], select: { team: true }, orderBy: { team: "asc" } });
  return rows.map((r) => r.team);
}

export async function listTeamSlos(team: string): Promise<{ slo: SloDto; datasource: DatasourceConfig }[]> {
  const db = await getDb();
  const rows: (Slo & { datasource: Datasource })[] = await db.slo.findMany({
    where: { team, status: { not: "archived" } },
    include: { datasource: true },
    // No cap: a report that left SLOs out would say "met" for a team it did not read whole.
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  // One config per datasource: its secret is decrypted once, not once per SLO.
  const configs = new Map<string, Promise<DatasourceConfig>>();
  return Promise.all(
    rows.map(async ({ datasource, ...slo }) => {
      if (!configs.has(datasource.id)) configs.set(datasource.id, toDatasourceConfig(datasource));
      return { slo: toSloDto(slo as Slo), datasource: await configs.get(datasource.id)! };
    }),
  );
}
