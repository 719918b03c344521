// Alert states, firing-history strips and the last sync in words for the SLO page. Table-driven.
import { describe, expect, it } from "vitest";
import { alertTitle, describeAlertState, describeSync, historyStrip, historySummary, noAlertSeries } from "@/lib/client/alerts/display";
import type { RulesSyncRecord, SloAlertsResponse } from "@/lib/schemas/rules";

type Entry = SloAlertsResponse["alerts"][number];
const T0 = Date.UTC(2026, 10, 1) / 1000; // window start: 2026-11-01 00:00 UTC; `at` 30 days later
const DAY = 86_400;
const window = { startSeconds: T0, endSeconds: T0 + 30 * DAY };
const AT = window.endSeconds;
const STEP = 300;
const entry = (over: Partial<Entry>): Entry => ({ tier: "page-1h", kind: "burn", severity: "page", state: "inactive", history: [], ...over });

describe("alertTitle", () => {
  it.each<[Partial<Entry>, string]>([
    [{ tier: "page-1h", kind: "burn" }, "page · 1h burn"],
    [{ tier: "ticket-3d", kind: "burn" }, "ticket · 3d burn"],
    [{ tier: "latency-deviation", kind: "deviation" }, "Latency deviation"],
    [{ tier: "data-absent", kind: "absent" }, "Data absent"],
  ])("%o → %s", (e, want) => expect(alertTitle(entry(e))).toBe(want));
});

describe("describeAlertState", () => {
  it("firing page: red, since the start of the open run with its age", () => {
    const v = describeAlertState(entry({ state: "firing", history: [{ startSeconds: T0 + DAY, endSeconds: T0 + DAY + 600 }, { startSeconds: AT - 3 * 3600, endSeconds: null }] }), AT, window, STEP);
    expect(v).toMatchObject({ label: "Firing", tone: "bad" });
    expect(v.since).toBe("since 2026-11-30 21:00 UTC (3 h)");
  });
  it("firing ticket is amber, not red", () => {
    expect(describeAlertState(entry({ severity: "ticket", tier: "ticket-1d", state: "firing", history: [{ startSeconds: AT - 600, endSeconds: null }] }), AT, window, STEP).tone).toBe("warn");
  });
  it("a run open since the window's first step may have begun earlier", () => {
    expect(describeAlertState(entry({ state: "firing", history: [{ startSeconds: T0, endSeconds: null }] }), AT, window, STEP).since).toMatch(/^since before 2026-11-01 00:00 UTC \(all window\)/);
  });
  it("firing now but not yet sampled in the range (between steps)", () => {
    expect(describeAlertState(entry({ state: "firing" }), AT, window, STEP).since).toMatch(/not yet/);
  });
  it("pending: amber, waiting out `for`", () => {
    expect(describeAlertState(entry({ state: "pending" }), AT, window, STEP)).toMatchObject({ label: "Pending", tone: "warn" });
  });
  it("inactive after firing: since the last run ended", () => {
    const v = describeAlertState(entry({ history: [{ startSeconds: AT - 5 * 3600, endSeconds: AT - 2 * 3600 }, { startSeconds: T0 + DAY, endSeconds: T0 + DAY + 600 }] }), AT, window, STEP);
    expect(v).toMatchObject({ label: "Inactive", tone: "good", detail: "last fired earlier in the window" });
    expect(v.since).toBe("since 2026-11-30 22:00 UTC (2 h)");
  });
  it("inactive, never fired: no since", () => {
    expect(describeAlertState(entry({}), AT, window, STEP)).toMatchObject({ since: "", detail: "not fired in the window" });
  });
  it("disabled: neutral, says why per kind", () => {
    expect(describeAlertState(entry({ state: "disabled" }), AT, window, STEP)).toMatchObject({ label: "Disabled", tone: "neutral", detail: expect.stringMatching(/switched off/) });
    expect(describeAlertState(entry({ state: "disabled", kind: "deviation", tier: "latency-deviation" }), AT, window, STEP).detail).toMatch(/not enabled/);
  });
});

describe("historyStrip / historySummary", () => {
  it("places intervals on the window, open runs reaching `at`", () => {
    const s = historyStrip([{ startSeconds: T0 + 3 * DAY, endSeconds: T0 + 6 * DAY }, { startSeconds: T0 + 27 * DAY, endSeconds: null }], window);
    expect(s.map((x) => [x.leftPercent, x.widthPercent, x.open])).toEqual([
      [10, 10, false],
      [90, 10, true],
    ]);
    expect(s[1].title).toMatch(/still firing/);
  });
  it("clips a run that began before the window and widens a blip to stay visible", () => {
    const s = historyStrip([{ startSeconds: T0 - DAY, endSeconds: T0 + 3 * DAY }, { startSeconds: T0 + 15 * DAY, endSeconds: T0 + 15 * DAY + 300 }], window);
    expect(s[0]).toMatchObject({ leftPercent: 0, widthPercent: 10 });
    expect(s[1].leftPercent).toBe(50);
    expect(s[1].widthPercent).toBeCloseTo(0.4);
  });
  it("never draws past the right edge", () => {
    const [seg] = historyStrip([{ startSeconds: AT - 60, endSeconds: null }], window);
    expect(seg.leftPercent + seg.widthPercent).toBeLessThanOrEqual(100);
  });
  it.each<[Entry["history"], string]>([
    [[], "never fired in the window"],
    [[{ startSeconds: T0 + DAY, endSeconds: T0 + DAY + 3600 }], "fired once, 1 h in all"],
    [[{ startSeconds: T0 - 3600, endSeconds: T0 + 1800 }, { startSeconds: AT - 600, endSeconds: null }], "fired 2 times, 40 min in all"],
  ])("summary %#", (h, want) => expect(historySummary(h, window)).toBe(want));
});

describe("noAlertSeries", () => {
  it.each<[string, Entry[], boolean]>([
    ["all inactive or disabled, no history", [entry({}), entry({ state: "disabled" })], true],
    ["one pending", [entry({}), entry({ state: "pending" })], false],
    ["history only", [entry({ history: [{ startSeconds: T0, endSeconds: T0 + 60 }] })], false],
  ])("%s", (_, alerts, want) => expect(noAlertSeries({ alerts })).toBe(want));
});

describe("describeSync", () => {
  const NOW = Date.parse("2026-12-02T12:00:00Z");
  const rec = (over: Partial<RulesSyncRecord>): RulesSyncRecord => ({
    target: "directory", syncedAt: "2026-12-02T11:00:00.000Z", dryRun: false, changed: true, reloaded: true, groups: 3, drift: [], warnings: [], error: null, ...over,
  });
  it.each<[string, RulesSyncRecord | null, { headline: RegExp; tone: string; detail: RegExp; deployed: boolean | null }]>([
    ["never", null, { headline: /never synced/, tone: "warn", detail: /No sync/, deployed: false }],
    ["failed", rec({ error: "reload answered 500" }), { headline: /^Last sync failed 2026-12-02 11:00 UTC \(1 h ago\)/, tone: "bad", detail: /reload answered 500/, deployed: null }],
    ["this group was changed and written", rec({ drift: [{ group: "sightline-checkout", kind: "changed" }] }), { headline: /^Last synced .* to the rules directory/, tone: "good", detail: /different on the target and has been written/, deployed: true }],
    ["another group drifted only", rec({ target: "mimir", drift: [{ group: "sightline-other", kind: "missing" }] }), { headline: /Mimir ruler/, tone: "good", detail: /no drift/, deployed: true }],
    ["dry run found this group missing", rec({ dryRun: true, changed: false, drift: [{ group: "sightline-checkout", kind: "missing" }] }), { headline: /dry run/, tone: "warn", detail: /missing from the target; nothing was written/, deployed: false }],
  ])("%s", (_, last, want) => {
    const v = describeSync(last, "checkout", NOW);
    expect(v.headline).toMatch(want.headline);
    expect(v.tone).toBe(want.tone);
    expect(v.detail).toMatch(want.detail);
    expect(v.deployed).toBe(want.deployed);
  });
});
