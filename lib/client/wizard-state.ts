// The creation wizard's whole state lives in the URL's search params, so a link reproduces the
// exact step and choices and back/forward walk through them. This module is the one reader and
// writer of those params: parse leniently (a hand-edited link falls back to defaults, never throws),
// write only what differs from the defaults (short links). Pure, no I/O.
import { SPAN_KINDS as SPAN_KIND_VALUES } from "@/lib/schemas/values";

export const WIZARD_STEPS = ["datasource", "service", "operation", "history", "target", "details", "review"] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export const STEP_TITLES: Record<WizardStep, string> = {
  datasource: "Datasource",
  service: "Service",
  operation: "Operation",
  history: "History",
  target: "Target",
  details: "Details",
  review: "Review",
};

export const BASELINE_DAYS = [7, 14, 28, 90] as const;
export type BaselineDays = (typeof BASELINE_DAYS)[number];

export type Range = { startSeconds: number; endSeconds: number };

export type WizardState = {
  step: WizardStep;
  datasourceId: string;
  service: string;
  operation: string;
  operationMatch: "exact" | "regex";
  /** "any" or a SpanKind value. */
  spanKind: string;
  baselineDays: BaselineDays;
  /** End of the baseline (unix seconds); null = the last whole hour when the page loads. */
  endSeconds: number | null;
  /** Known-bad periods left out of the baseline, sorted and non-overlapping. */
  exclusions: Range[];
  thresholdSeconds: number | null;
  objective: number | null;
  /** "rolling:N" or "calendar:month", as the SLO form writes it. */
  window: string;
  /** What the engineer typed into the intent box ("99 % under 300 ms"). */
  intent: string;
  name: string;
  slug: string;
  team: string;
  owner: string;
  description: string;
  status: "active" | "draft";
  countErrorsAsBad: boolean;
  /** Slug of the SLO this one was duplicated from (prefill source), or "". */
  from: string;
};

export const DEFAULT_WIZARD_STATE: WizardState = {
  step: "datasource",
  datasourceId: "",
  service: "",
  operation: "",
  operationMatch: "exact",
  spanKind: "any",
  baselineDays: 28,
  endSeconds: null,
  exclusions: [],
  thresholdSeconds: null,
  objective: null,
  window: "rolling:28",
  intent: "",
  name: "",
  slug: "",
  team: "",
  owner: "",
  description: "",
  status: "active",
  countErrorsAsBad: false,
  from: "",
};

const MAX_EXCLUSIONS = 50;
const SPAN_KINDS: readonly string[] = SPAN_KIND_VALUES;

const positive = (s: string | null, max: number): number | null => {
  if (s === null || s.trim() === "") return null;
  const n = Number(s);
  return Number.isFinite(n) && n > 0 && n <= max ? n : null;
};

/** "1700000000-1700003600,1700090000-1700093600" → ranges; malformed pieces are dropped. */
export function parseExclusions(s: string | null): Range[] {
  if (!s) return [];
  const out: Range[] = [];
  for (const part of s.split(",").slice(0, MAX_EXCLUSIONS)) {
    const m = /^(\d{1,10})-(\d{1,10})$/.exec(part.trim());
    if (!m) continue;
    const r = { startSeconds: Number(m[1]), endSeconds: Number(m[2]) };
    if (r.endSeconds > r.startSeconds) out.push(r);
  }
  return mergeRanges(out);
}

export const formatExclusions = (ranges: Range[]) => ranges.map((r) => `${r.startSeconds}-${r.endSeconds}`).join(",");

/** Sorted, with overlapping or touching ranges merged: what is listed is what is removed. */
export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.startSeconds - b.startSeconds);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.startSeconds <= last.endSeconds) last.endSeconds = Math.max(last.endSeconds, r.endSeconds);
    else out.push({ ...r });
  }
  return out;
}

export const addExclusion = (list: Range[], r: Range) => mergeRanges([...list, r]);
export const removeExclusion = (list: Range[], r: Range) => list.filter((x) => x.startSeconds !== r.startSeconds || x.endSeconds !== r.endSeconds);

const WINDOW_RE = /^(rolling:([1-9]|[1-8]\d|90)|calendar:month)$/;

export function parseWizardState(sp: URLSearchParams): WizardState {
  const d = DEFAULT_WIZARD_STATE;
  const get = (k: string) => sp.get(k) ?? "";
  const step = get("step");
  const days = Number(get("days"));
  const kind = get("kind");
  const end = positive(sp.get("end"), 4_102_444_800);
  const obj = positive(sp.get("obj"), 1);
  return {
    step: (WIZARD_STEPS as readonly string[]).includes(step) ? (step as WizardStep) : d.step,
    datasourceId: get("ds").slice(0, 64),
    service: get("service").slice(0, 256),
    operation: get("op").slice(0, 512),
    operationMatch: get("match") === "regex" ? "regex" : "exact",
    spanKind: SPAN_KINDS.includes(kind) ? kind : "any",
    baselineDays: (BASELINE_DAYS as readonly number[]).includes(days) ? (days as BaselineDays) : d.baselineDays,
    endSeconds: end === null ? null : Math.floor(end),
    exclusions: parseExclusions(sp.get("ex")),
    thresholdSeconds: positive(sp.get("thr"), 3600),
    objective: obj !== null && obj < 1 ? obj : null,
    window: WINDOW_RE.test(get("win")) ? get("win") : d.window,
    intent: get("intent").slice(0, 100),
    name: get("name").slice(0, 120),
    slug: get("slug").slice(0, 63),
    team: get("team").slice(0, 63),
    owner: get("owner").slice(0, 120),
    description: get("desc").slice(0, 2000),
    status: get("status") === "draft" ? "draft" : "active",
    countErrorsAsBad: get("errbad") === "1",
    from: get("from").slice(0, 63),
  };
}

/** The search string (without "?") for a state: only the fields that differ from the defaults, in a stable order. */
export function wizardSearch(s: WizardState): string {
  const d = DEFAULT_WIZARD_STATE;
  const sp = new URLSearchParams();
  const put = (k: string, v: string, dv: string) => {
    if (v !== dv) sp.set(k, v);
  };
  put("from", s.from, d.from);
  put("step", s.step, d.step);
  put("ds", s.datasourceId, d.datasourceId);
  put("service", s.service, d.service);
  put("op", s.operation, d.operation);
  put("match", s.operationMatch, d.operationMatch);
  put("kind", s.spanKind, d.spanKind);
  put("days", String(s.baselineDays), String(d.baselineDays));
  put("end", s.endSeconds === null ? "" : String(s.endSeconds), "");
  put("ex", formatExclusions(s.exclusions), "");
  put("thr", s.thresholdSeconds === null ? "" : String(s.thresholdSeconds), "");
  put("obj", s.objective === null ? "" : String(s.objective), "");
  put("win", s.window, d.window);
  put("intent", s.intent, d.intent);
  put("name", s.name, d.name);
  put("slug", s.slug, d.slug);
  put("team", s.team, d.team);
  put("owner", s.owner, d.owner);
  put("desc", s.description, d.description);
  put("status", s.status, d.status);
  put("errbad", s.countErrorsAsBad ? "1" : "", "");
  return sp.toString();
}

/** Whether a step has what it needs from the steps before it. */
export function stepComplete(s: WizardState, step: WizardStep): boolean {
  switch (step) {
    case "datasource":
      return s.datasourceId !== "";
    case "service":
      return s.service !== "";
    case "operation":
      return s.operation !== "";
    case "history":
      return true;
    case "target":
      return s.thresholdSeconds !== null && s.objective !== null;
    case "details":
      return s.name.trim() !== "" && s.slug.trim() !== "";
    case "review":
      return true;
  }
}

/**
 * The step to show: the one asked for, unless an earlier step is incomplete (a link cut short, or
 * a hand-edited URL), then that earlier step. The wizard never shows a step it cannot fill.
 */
export function effectiveStep(s: WizardState): WizardStep {
  const wanted = WIZARD_STEPS.indexOf(s.step);
  for (let i = 0; i < wanted; i++) if (!stepComplete(s, WIZARD_STEPS[i])) return WIZARD_STEPS[i];
  return s.step;
}

export const nextStep = (step: WizardStep): WizardStep => WIZARD_STEPS[Math.min(WIZARD_STEPS.indexOf(step) + 1, WIZARD_STEPS.length - 1)];
export const previousStep = (step: WizardStep): WizardStep => WIZARD_STEPS[Math.max(WIZARD_STEPS.indexOf(step) - 1, 0)];

/**
 * A choice changes what later steps were based on: picking another service clears the operation
 * and everything measured from it, so no stale threshold survives into the saved SLO.
 */
export function withSelection(s: WizardState, patch: Partial<Pick<WizardState, "datasourceId" | "service" | "operation" | "operationMatch" | "spanKind">>): WizardState {
  const next = { ...s, ...patch };
  const changed = (k: keyof typeof patch) => k in patch && patch[k] !== s[k];
  if (changed("datasourceId")) Object.assign(next, { service: patch.service ?? "", operation: patch.operation ?? "" });
  else if (changed("service")) Object.assign(next, { operation: patch.operation ?? "" });
  if (changed("datasourceId") || changed("service") || changed("operation") || changed("operationMatch") || changed("spanKind"))
    Object.assign(next, { exclusions: [], thresholdSeconds: null, objective: null });
  return next;
}
