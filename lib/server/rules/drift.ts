import "server-only";
// What a sync target holds compared with what the catalogue generates, group by group. Groups are
// compared as data (name, interval, rules with their exprs, `for`, labels, annotations), not as text:
// a ruler that re-serialises YAML in its own order or style has not drifted.
import { z } from "zod";
import { groupToPlain } from "@/lib/promql/rules-yaml";
import type { RuleGroup } from "@/lib/promql/rules";

/** A rule group as a target returns it: checked loosely, extra fields kept for comparison. */
export const StoredGroup = z.object({ name: z.string(), interval: z.string().optional(), rules: z.array(z.record(z.string(), z.unknown())).default([]) }).passthrough();
export type StoredGroup = z.infer<typeof StoredGroup>;

export interface Drift {
  group: string;
  kind: "missing" | "changed" | "extra";
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>)
      // An empty map and an absent one mean the same to every ruler.
      .filter(([, x]) => x !== undefined && x !== null && !(typeof x === "object" && !Array.isArray(x) && Object.keys(x as object).length === 0))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

export const sameGroup = (stored: StoredGroup, generated: RuleGroup): boolean => canonical(stored) === canonical(groupToPlain(generated));

/** Drift of a target holding `stored` (only groups Sightline owns) against `generated`. */
export function diffGroups(stored: readonly StoredGroup[], generated: readonly RuleGroup[]): Drift[] {
  const have = new Map(stored.map((g) => [g.name, g]));
  const want = new Set(generated.map((g) => g.name));
  const out: Drift[] = [];
  for (const g of generated) {
    const s = have.get(g.name);
    if (!s) out.push({ group: g.name, kind: "missing" });
    else if (!sameGroup(s, g)) out.push({ group: g.name, kind: "changed" });
  }
  for (const s of stored) if (!want.has(s.name)) out.push({ group: s.name, kind: "extra" });
  return out.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}
