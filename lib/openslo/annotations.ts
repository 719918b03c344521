// The `sightline.dev/` annotations: Sightline fields OpenSLO v1 has no home for travel as
// metadata.annotations (strings by the spec), so export → import is lossless. A field at its
// default is left out, so a file says only what is particular about each SLO. Pure.
export const ANNOTATION_PREFIX = "sightline.dev/";

/** Annotation key per Sightline field (name segments follow OpenSLO's key rule: ≤ 63, [a-z0-9-]). */
export const ANNOTATIONS = {
  operation: "sightline.dev/operation",
  operationMatch: "sightline.dev/operation-match",
  spanKind: "sightline.dev/span-kind",
  extraMatchers: "sightline.dev/extra-matchers",
  thresholdSeconds: "sightline.dev/threshold-seconds",
  countErrorsAsBad: "sightline.dev/count-errors-as-bad",
  minEvents: "sightline.dev/min-events",
  owner: "sightline.dev/owner",
  alerting: "sightline.dev/alerting",
  /** The catalogue version the file was exported at (only with `versions=true`): an older one on apply is a conflict. */
  version: "sightline.dev/version",
} as const;

/** The label OpenSLO's own example uses for a team. */
export const TEAM_LABEL = "team";

export const KNOWN_ANNOTATION_KEYS: ReadonlySet<string> = new Set(Object.values(ANNOTATIONS));

/** Document path of an annotation, as notes and diffs name it. */
export const annotationPath = (key: string) => `metadata.annotations.${key}`;
