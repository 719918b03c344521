// The dashboard's summary tiles over the SLOs shown (after search and filters): at risk,
// exhausted, no data, unavailable and the total, plus how many of the at-risk ones and of the
// exhausted ones burn fast enough to page (each tile counts only its own SLOs). States are the
// overview's own (lib/schemas/overview.ts). Pure, no I/O.
import type { OverviewSlo } from "@/lib/schemas/overview";

export type OverviewTiles = { total: number; atRisk: number; paging: number; exhausted: number; exhaustedPaging: number; noData: number; unavailable: number; recorded: number };

export function overviewTiles(slos: OverviewSlo[]): OverviewTiles {
  const t: OverviewTiles = { total: slos.length, atRisk: 0, paging: 0, exhausted: 0, exhaustedPaging: 0, noData: 0, unavailable: 0, recorded: 0 };
  for (const s of slos) {
    const paging = s.worstBurnRate?.severity === "page";
    if (s.state === "at_risk") {
      t.atRisk++;
      if (paging) t.paging++;
    } else if (s.state === "exhausted") {
      t.exhausted++;
      if (paging) t.exhaustedPaging++;
    } else if (s.state === "no_data") t.noData++;
    else if (s.state === "unavailable") t.unavailable++;
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
