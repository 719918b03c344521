// ALERTS samples → firing intervals and states (lib/server/rules/alert-state-map.ts).
import { describe, expect, it } from "vitest";
import { AlertSettings } from "@/lib/schemas/rules";
import { alertStates, firingRuns } from "@/lib/server/rules/alert-state-map";

const pts = (...t: number[]) => t.map((x) => ({ t: x }));

describe("firingRuns", () => {
  it.each([
    [[], []],
    [[60], [{ startSeconds: 60, endSeconds: 120 }]],
    [[60, 120, 180, 360], [{ startSeconds: 60, endSeconds: 240 }, { startSeconds: 360, endSeconds: 420 }]],
    [[540, 600], [{ startSeconds: 540, endSeconds: null }]], // reaches the last step (600): still firing
  ])("%j → %j", (t, want) => expect(firingRuns(pts(...t), 60, 600)).toEqual(want));
});

describe("alertStates", () => {
  it("firing beats pending; unknown tiers are ignored; a 7-day SLO still lists the 3-day tier", () => {
    const slo = { window: { kind: "rolling" as const, days: 7 }, alerting: AlertSettings.parse({ deviation: { enabled: true } }) };
    const active = [
      { labels: { sightline_tier: "page-1h", alertstate: "pending" } },
      { labels: { sightline_tier: "page-1h", alertstate: "firing" } },
      { labels: { sightline_tier: "latency-deviation", alertstate: "pending" } },
      { labels: { sightline_tier: "nonsense", alertstate: "firing" } },
    ];
    const got = alertStates(slo, active, [], 60, 600).map((a) => [a.tier, a.state]);
    expect(got).toEqual([["page-1h", "firing"], ["page-6h", "inactive"], ["ticket-1d", "inactive"], ["ticket-3d", "inactive"], ["latency-deviation", "pending"], ["data-absent", "inactive"]]);
  });
});
