import "server-only";
// Which producer wrote the span metrics: detected from the metric names the backend holds,
// preferring the naming that has data for the SLO's service, unless the datasource pins one.
import { render, matcher, selector, type PromQL } from "@/lib/promql/ast";
import { candidateProfiles, countMetric, type ProducerProfile } from "@/lib/promql/profiles";
import type { ProducerProfileSetting } from "@/lib/schemas/datasource";
import type { MetricsSource } from "./client";
import { ok, type Result } from "./result";

export interface DetectedProfile {
  profile: ProducerProfile;
  /** override: one naming allowed; service: names with data for the service; present: names seen at all; fallback: nothing found. */
  basis: "override" | "service" | "present" | "fallback";
  warnings: string[];
  /** What was asked of the backend, one line per request (label-values look-ups, not PromQL). */
  queries: string[];
}

export interface DetectOptions {
  setting: ProducerProfileSetting;
  /** Prefer the naming with series for this service (label name differs per producer). */
  service?: string;
  startSeconds: number;
  endSeconds: number;
}

export async function detectProfile(src: MetricsSource, opts: DetectOptions): Promise<Result<DetectedProfile>> {
  const candidates = candidateProfiles(opts.setting);
  if (candidates.length === 1) return ok({ profile: candidates[0], basis: "override", warnings: [], queries: [] });

  const queries: string[] = [];
  const pick = async (matchers: PromQL[]): Promise<Result<ProducerProfile | undefined>> => {
    queries.push(detectionRequest(matchers));
    const names = await src.labelValues("__name__", matchers, opts.startSeconds, opts.endSeconds);
    if (!names.ok) return names;
    const present = new Set(names.value);
    return ok(candidates.find((p) => present.has(countMetric(p))));
  };

  if (opts.service !== undefined) {
    const svc = opts.service;
    const r = await pick(candidates.map((p) => render(selector(countMetric(p), [matcher(p.labels.service, "=", svc)]))));
    if (!r.ok) return r;
    if (r.value) return ok({ profile: r.value, basis: "service", warnings: [], queries });
  }
  const r = await pick(candidates.map((p) => render(selector(countMetric(p)))));
  if (!r.ok) return r;
  if (r.value)
    return ok({
      profile: r.value,
      basis: "present",
      warnings: opts.service === undefined ? [] : [`no span metrics for service "${opts.service}" in this range; using ${r.value.histogram}`],
      queries,
    });
  const fallback = candidates[0];
  return ok({
    profile: fallback,
    basis: "fallback",
    warnings: [`no span metrics from a known producer found (looked for ${candidates.map(countMetric).join(", ")}); assuming ${fallback.histogram}`],
    queries,
  });
}

/**
 * The label-values request for `source.queries`, as the PromQL selecting the same series (the
 * match[] selectors joined by `or`): which metric names exist among them is what was asked.
 */
const detectionRequest = (matchers: readonly PromQL[]) => matchers.join(" or ");
