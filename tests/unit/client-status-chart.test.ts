// Chart mapping and axes, URL state and the concurrency limiter behind the status views.
import { describe, expect, it } from "vitest";
import { burnDownAxis, burnDownChartPoints, chartStepFor, percentTick, sliAxis, sliChartPoints, timeTick } from "@/lib/client/status/chart";
import { createLimiter } from "@/lib/client/status/limit";
import { parseAt, parseRange, parseTeam, rangeSeconds, secondsToUtcInput, utcInputToSeconds, withParams } from "@/lib/client/status/search-params";

describe("chart points", () => {
  it("a step without requests stays null (a gap), never 100 %", () => {
    const pts = sliChartPoints({
      from: 0,
      to: 1200,
      stepSeconds: 600,
      exact: true,
      warnings: [],
      points: [
        { t: 600, good: 0, total: 0, sli: null, requestsPerSecond: 0 },
        { t: 1200, good: 995, total: 1000, sli: 0.995, requestsPerSecond: 1000 / 600 },
      ],
    });
    expect(pts.map((p) => p.sliPercent)).toEqual([null, 99.5]);
  });
  it("burn-down in percent, overspend below 0", () => {
    const p = (t: number, budgetRemaining: number | null) => ({ t, good: 0, total: 0, cumulativeGood: 0, cumulativeTotal: 0, sli: null, budgetRemaining, zeroTraffic: budgetRemaining === null, inconsistent: false });
    expect(burnDownChartPoints([p(1, null), p(2, 1), p(3, -0.25)]).map((x) => x.remainingPercent)).toEqual([null, 100, -25]);
  });
});

describe("axes", () => {
  it.each<[string, (number | null)[], number, [number, number], number[]]>([
    ["99 % objective, SLI near 99.5", [99.5, 99.8, null], 0.99, [98.5, 100], [98.5, 99, 99.5, 100]],
    ["a deep dip", [28, 99.9], 0.99, [20, 100], [20, 40, 60, 80, 100]],
    ["everything perfect: the objective still shows", [100], 0.999, [99.85, 100], [99.85, 99.9, 99.95, 100]],
  ])("SLI: %s", (_n, values, objective, domain, ticks) => {
    const axis = sliAxis(values.map((v, i) => ({ t: i, sliPercent: v, requestsPerSecond: 1 })), objective);
    expect(axis.domain).toEqual(domain);
    expect(axis.ticks).toEqual(ticks);
    expect(axis.domain[0]).toBeLessThanOrEqual(objective * 100);
  });
  it.each<[number[], [number, number], number[]]>([
    [[100, 80, 40], [0, 100], [0, 25, 50, 75, 100]],
    [[100, -190], [-200, 100], [-200, -100, 0, 100]],
  ])("burn-down %o", (values, domain, ticks) => {
    const axis = burnDownAxis(values.map((v, i) => ({ t: i, remainingPercent: v })));
    expect(axis.domain).toEqual(domain);
    expect(axis.ticks).toEqual(ticks);
    expect(axis.ticks).toContain(0);
  });
  it.each([
    [1_793_664_000, 86_400, "00:00"],
    [1_793_664_000 - 3600, 7 * 86_400, "11-02 23h"],
    [1_793_664_000, 30 * 86_400, "11-03"],
  ])("timeTick(%s, span %s) → %s", (t, span, want) => expect(timeTick(t, span)).toBe(want));
  it.each([
    [99.5, "99.5 %"],
    [100, "100 %"],
    [-25, "-25 %"],
    [99.85, "99.85 %"],
  ])("percentTick(%s) → %s", (v, want) => expect(percentTick(v)).toBe(want));
  it.each([
    [86_400, 600],
    [7 * 86_400, 3600],
    [30 * 86_400, 21_600],
    [93 * 86_400, 43_200],
    [3600, 600],
  ])("chartStepFor(%s) → %s: ≤ ~200 points, never under 10 min", (span, step) => expect(chartStepFor(span)).toBe(step));
});

describe("URL state", () => {
  it.each<[Record<string, string>, number | undefined]>([
    [{}, undefined],
    [{ at: "1793664000" }, 1_793_664_000],
    [{ at: "1793664000.7" }, 1_793_664_000],
    [{ at: "2026-11-03T00:00" }, 1_793_664_000],
    [{ at: "2026-11-03T01:00+01:00" }, 1_793_664_000],
    [{ at: "yesterday" }, undefined],
    [{ at: "-5" }, undefined],
    [{ at: "99999999999" }, undefined],
  ])("parseAt(%o) → %s", (raw, want) => expect(parseAt(raw)).toBe(want));
  it("range and team", () => {
    expect(parseRange(new URLSearchParams("range=7d"))).toBe("7d");
    expect(parseRange(new URLSearchParams("range=1y"))).toBe("24h");
    expect(parseTeam({ team: [" payments ", "x"] })).toBe("payments");
    expect(rangeSeconds("window", 30 * 86_400)).toBe(30 * 86_400);
    expect(rangeSeconds("7d", 30 * 86_400)).toBe(7 * 86_400);
  });
  it("withParams keeps other keys and drops emptied ones", () => {
    expect(withParams("at=5&range=7d", { team: "payments" })).toBe("?at=5&range=7d&team=payments");
    expect(withParams("at=5&range=7d", { at: undefined, range: "" })).toBe("");
  });
  it("datetime-local values are UTC", () => {
    expect(utcInputToSeconds("2026-11-03T00:00")).toBe(1_793_664_000);
    expect(utcInputToSeconds("")).toBeUndefined();
    expect(secondsToUtcInput(1_793_664_000)).toBe("2026-11-03T00:00");
  });
});

describe("createLimiter", () => {
  it("runs at most `max` tasks at once, all of them eventually, errors passed through", async () => {
    const limit = createLimiter(2);
    let running = 0;
    let peak = 0;
    const task = (i: number) => () =>
      new Promise<number>((resolve, reject) => {
        running++;
        peak = Math.max(peak, running);
        setTimeout(() => {
          running--;
          if (i === 3) reject(new Error("boom"));
          else resolve(i);
        }, 5);
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => limit(task(i))));
    expect(peak).toBe(2);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : "err"))).toEqual([0, 1, 2, "err", 4, 5]);
  });
});
