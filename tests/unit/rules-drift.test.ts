// Drift between a sync target and the catalogue (lib/server/rules/drift.ts): groups compared as
// data, so a ruler's own YAML style is not drift, while any changed value is.
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { TEMPO } from "@/lib/promql/profiles";
import { sloRuleGroup } from "@/lib/promql/rules";
import { groupToPlain, ruleGroupYaml } from "@/lib/promql/rules-yaml";
import { diffGroups, StoredGroup } from "@/lib/server/rules/drift";
import { cartDaily, checkoutTempo, targetFor } from "@/tests/fixtures/rules-slos";

const a = sloRuleGroup(checkoutTempo(), targetFor(checkoutTempo(), TEMPO))!;
const b = sloRuleGroup(cartDaily(), targetFor(cartDaily(), TEMPO))!;
const stored = (text: string) => StoredGroup.parse(parse(text));

describe("diffGroups", () => {
  it("no drift for what was written, even re-serialised with other key order and empty maps", () => {
    const plain = groupToPlain(a);
    const reordered = { rules: plain.rules.map((r) => Object.fromEntries(Object.entries({ ...r, labels: r.labels, annotations: "annotations" in r ? r.annotations : {} }).reverse())), interval: plain.interval, name: plain.name };
    expect(diffGroups([stored(ruleGroupYaml(a))], [a])).toEqual([]);
    expect(diffGroups([stored(stringify(reordered))], [a])).toEqual([]);
  });

  it("missing, changed and extra, sorted by group", () => {
    const changed = stored(ruleGroupYaml(a).replace("for: 2m", "for: 5m"));
    const gone = { ...stored(ruleGroupYaml(b)), name: "sightline-gone" };
    expect(diffGroups([changed, gone], [a, b])).toEqual([
      { group: "sightline-cart-daily", kind: "missing" },
      { group: "sightline-checkout-latency", kind: "changed" },
      { group: "sightline-gone", kind: "extra" },
    ]);
  });
});
