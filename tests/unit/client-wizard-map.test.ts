import { describe, expect, it } from "vitest";
import { CreateSloInput, type SloDto } from "@/lib/schemas/slo";
import { SuggestRequest } from "@/lib/schemas/suggest";
import { BacktestRequest } from "@/lib/schemas/backtest";
import { backtestRequestFor, baselineNote, baselineRange, createInputFor, parseIntent, snapRange, stateFromSlo, suggestRequestFor, withBaselineNote } from "@/lib/client/wizard-map";
import { DEFAULT_WIZARD_STATE, type WizardState } from "@/lib/client/wizard-state";

const DAY = 86_400;
const END = Date.UTC(2026, 10, 23) / 1000; // 23 Nov 2026 00:00 UTC
const s: WizardState = {
  ...DEFAULT_WIZARD_STATE,
  step: "review",
  datasourceId: "ds1",
  service: "checkout",
  operation: "PlaceOrder",
  spanKind: "SPAN_KIND_SERVER",
  endSeconds: END,
  exclusions: [{ startSeconds: END - 9 * DAY + 13 * 3600, endSeconds: END - 9 * DAY + 18 * 3600 }],
  thresholdSeconds: 0.512,
  objective: 0.995,
  name: "Checkout PlaceOrder",
  slug: "checkout-placeorder",
};

describe("wizard ↔ API mapping", () => {
  it("builds a suggest request the server's schema accepts, baseline ending at the pinned end", () => {
    const body = suggestRequestFor({ ...s, intent: "p99 ≤ 250 ms" }, 0);
    const parsed = SuggestRequest.parse(body);
    expect(parsed.baseline).toEqual({ startSeconds: END - 28 * DAY, endSeconds: END });
    expect(parsed.intent).toEqual({ kind: "percentile", percentile: 0.99, thresholdSeconds: 0.25 });
    expect(parsed.selection.spanKind).toBe("SPAN_KIND_SERVER");
  });

  it("without a pinned end the baseline ends at the last whole hour", () => {
    expect(baselineRange({ ...s, endSeconds: null, baselineDays: 7 }, 7200 + 59)).toEqual({ startSeconds: 7200 - 7 * DAY, endSeconds: 7200 });
  });

  it("builds a backtest request with the draft and, when editing, the saved SLO", () => {
    const range = baselineRange(s, 0);
    expect(BacktestRequest.parse(backtestRequestFor(s, range, "slo1"))).toMatchObject({ sloId: "slo1", draft: { target: { thresholdSeconds: 0.512, objective: 0.995 } } });
    expect(backtestRequestFor({ ...s, objective: null }, range)).toBeNull();
  });

  it("saves the exclusions as a baseline note in the description, replacing an older note", () => {
    const input = CreateSloInput.parse(createInputFor({ ...s, description: "Orders go out fast." }, baselineRange(s, 0)));
    expect(input.description).toBe("Orders go out fast.\n\nBaseline: 28 days, 26 Oct – 22 Nov 2026, excluding 14 Nov 13:00–18:00 UTC.");
    expect(withBaselineNote(input.description, baselineNote(baselineRange(s, 0), []))).toBe("Orders go out fast.\n\nBaseline: 28 days, 26 Oct – 22 Nov 2026, nothing excluded.");
  });

  it("reads both intent phrasings, and says when it is neither", () => {
    expect(parseIntent("99 % under 300 ms")).toEqual({ kind: "objective", objective: 0.99, thresholdSeconds: 0.3 });
    expect(parseIntent("99.5% within 0.5 s")).toEqual({ kind: "objective", objective: 0.995, thresholdSeconds: 0.5 });
    expect(parseIntent("p99.9 <= 1 s")).toEqual({ kind: "percentile", percentile: 0.999, thresholdSeconds: 1 });
    expect(parseIntent("  ")).toBeNull();
    expect(parseIntent("fast please")).toBe("invalid");
    expect(parseIntent("100 % under 300 ms")).toBe("invalid");
  });

  it("snaps a brushed range outward to whole steps inside the baseline; a click selects nothing", () => {
    const b = { startSeconds: 0, endSeconds: 10 * 3600 };
    expect(snapRange(5400, 3700, 3600, b)).toEqual({ startSeconds: 3600, endSeconds: 7200 });
    expect(snapRange(-500, 99_999, 3600, b)).toEqual(b);
    expect(snapRange(4000, 4000, 3600, b)).toBeNull();
  });

  it("Duplicate keeps the definition but asks for a new identity; Edit keeps both", () => {
    const slo = {
      id: "id1", slug: "co", name: "Checkout", description: "Why.\n\nBaseline: 28 days, 1–28 Nov 2026, nothing excluded.", team: "pay", owner: "", service: "checkout",
      operation: "PlaceOrder", operationMatch: "exact", spanKind: null, extraMatchers: [], thresholdSeconds: 0.256, objective: 0.99, window: { kind: "rolling", days: 7 },
      countErrorsAsBad: false, minEvents: 0, datasourceId: "ds1", status: "active", version: 3,
    } as unknown as SloDto;
    expect(stateFromSlo(slo, "copy")).toMatchObject({ step: "history", slug: "", name: "Checkout (copy)", from: "co", window: "rolling:7", spanKind: "any", description: "Why.", thresholdSeconds: 0.256 });
    expect(stateFromSlo(slo, "edit")).toMatchObject({ step: "target", slug: "co", name: "Checkout", from: "" });
  });
});
