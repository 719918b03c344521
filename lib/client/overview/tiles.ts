// The dashboard's summary tiles over the SLOs shown (after search and filters): at risk,
// exhausted, no data, unavailable and the total, plus how many of the at-risk ones burn fast
// enough to page. States are the overview's own (lib/schemas/overview.ts). Pure, no I/O.
import type { OverviewSlo } from "@/lib/schemas/overview";

export type OverviewTiles = { total: number; atRisk: number; paging: number; exhausted: number; noData: number; unavailable: number; recorded: number };

export function overviewTiles(slos: OverviewSlo[]): OverviewTiles {
  const t: OverviewTiles = { total: slos.length, atRisk: 0, paging: 0, exhausted: 0, noData: 0, unavailable: 0, recorded: 0 };
  for (const s of slos) {
    if (s.state === "at_risk") t.atRisk++;
    else if (s.state === "exhausted") t.exhausted++;
    else if (s.state === "no_data") t.noData++;
    else if (s.state === "unavailable") t.unavailable++;
    if (s.worstBurnRate?.severity === "page") t.paging++;
    if (s.path === "recorded") t.recorded++;
  }
  return t;
}

/** "1,000 SLOs · 12 at risk · 3 exhausted · 5 no data · 2 unavailable"; zero counts left out. */
export function tilesText(t: OverviewTiles): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const parts = [`${n(t.total)} ${t.total === 1 ? "SLO" : "SLOs"}`];
  if (t.atRisk) parts.push(`${n(t.atRisk)} at risk`);
  if (t.exhausted) parts.push(`${n(t.exhausted)} exhausted`);
  if (t.noData) parts.push(`${n(t.noData)} no data`);
  if (t.unavailable) parts.push(`${n(t.unavailable)} unavailable`);
  return parts.join(" · ");
}
