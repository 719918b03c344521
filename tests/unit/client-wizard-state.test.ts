import { describe, expect, it } from "vitest";
import {
  addExclusion,
  DEFAULT_WIZARD_STATE,
  effectiveStep,
  parseExclusions,
  parseWizardState,
  removeExclusion,
  wizardSearch,
  withSelection,
  type WizardState,
} from "@/lib/client/wizard-state";

const state = (p: Partial<WizardState>): WizardState => ({ ...DEFAULT_WIZARD_STATE, ...p });
const roundTrip = (s: WizardState) => parseWizardState(new URLSearchParams(wizardSearch(s)));

describe("wizard URL state", () => {
  it("writes nothing for the defaults and round-trips every field", () => {
    expect(wizardSearch(DEFAULT_WIZARD_STATE)).toBe("");
    const s = state({
      step: "target",
      datasourceId: "ds1",
      service: "checkout",
      operation: "GET /api/.*",
      operationMatch: "regex",
      spanKind: "SPAN_KIND_SERVER",
      baselineDays: 14,
      endSeconds: 1_795_000_000,
      exclusions: [{ startSeconds: 1_794_000_000, endSeconds: 1_794_003_600 }],
      thresholdSeconds: 0.512,
      objective: 0.995,
      window: "calendar:month",
      intent: "99 % under 300 ms",
      name: "Checkout & co",
      slug: "checkout-co",
      status: "draft",
      countErrorsAsBad: true,
      from: "orig",
    });
    expect(roundTrip(s)).toEqual(s);
  });

  it("falls back to defaults on a hand-edited link instead of throwing", () => {
    const s = parseWizardState(new URLSearchParams("step=nope&days=30&kind=SERVER&thr=-1&obj=1&win=rolling:365&match=glob&ex=5-3,abc,10-20"));
    expect(s).toEqual(state({ exclusions: [{ startSeconds: 10, endSeconds: 20 }] }));
  });

  it("never shows a step whose earlier steps are empty", () => {
    expect(effectiveStep(state({ step: "history", datasourceId: "ds1" }))).toBe("service");
    expect(effectiveStep(state({ step: "review", datasourceId: "d", service: "s", operation: "o" }))).toBe("target");
    expect(effectiveStep(state({ step: "history", datasourceId: "d", service: "s", operation: "o" }))).toBe("history");
  });

  it("merges overlapping and touching exclusions, removes one exactly", () => {
    const a = { startSeconds: 100, endSeconds: 200 };
    expect(addExclusion([a], { startSeconds: 200, endSeconds: 300 })).toEqual([{ startSeconds: 100, endSeconds: 300 }]);
    expect(addExclusion([a], { startSeconds: 0, endSeconds: 50 })).toEqual([{ startSeconds: 0, endSeconds: 50 }, a]);
    expect(removeExclusion([a, { startSeconds: 400, endSeconds: 500 }], a)).toEqual([{ startSeconds: 400, endSeconds: 500 }]);
    expect(parseExclusions("300-400,100-350")).toEqual([{ startSeconds: 100, endSeconds: 400 }]);
  });

  it("a new service clears the operation and everything measured from it", () => {
    const s = state({ datasourceId: "d", service: "a", operation: "op", thresholdSeconds: 0.5, objective: 0.99, exclusions: [{ startSeconds: 1, endSeconds: 2 }] });
    expect(withSelection(s, { service: "b" })).toMatchObject({ service: "b", operation: "", thresholdSeconds: null, objective: null, exclusions: [] });
    expect(withSelection(s, { datasourceId: "e" })).toMatchObject({ service: "", operation: "" });
    // Choosing the same service again keeps what was chosen.
    expect(withSelection(s, { service: "a" })).toEqual(s);
  });
});
