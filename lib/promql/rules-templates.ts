// Annotation text of generated alerts: user text made safe for Prometheus' Go templates, and the
// links to Sightline. Pure, no I/O.
//
// Prometheus has no variable for "now" in alert templates, so the moment comes from the `query`
// template function: `query "time()"` runs at the rule's evaluation instant. Annotations are
// re-rendered at every evaluation; the notification Alertmanager sends when the alert starts firing
// carries the instant it fired, later re-sends the instant they were made.
import type { RuleOptions, RuleSlo } from "./rules-types";

/**
 * Text shown literally by a Go template: `{{` would start an action (and an SLO named
 * `{{ query "..." }}` would run a query), so each one becomes the action printing "{{".
 * A `}}` outside an action is plain text already.
 */
export const templateText = (text: string): string => text.replaceAll("{{", '{{ "{{" }}');

/** Unix seconds of the evaluation instant, `secondsBefore` earlier, as a template expression. */
export const evalTimeTemplate = (secondsBefore = 0): string =>
  `{{ with query "${secondsBefore ? `time() - ${secondsBefore}` : "time()"}" }}{{ . | first | value | printf "%.0f" }}{{ end }}`;

export function linkAnnotations(
  slo: Pick<RuleSlo, "slug" | "alerting">,
  opts: RuleOptions,
  windowSeconds: number,
  include: { slowRequests: boolean } = { slowRequests: true },
): Record<string, string> {
  const out: Record<string, string> = {};
  if (opts.publicUrl) {
    const page = `${templateText(opts.publicUrl.replace(/\/+$/, ""))}/slos/${encodeURIComponent(slo.slug)}`;
    out.sightline_url = `${page}?at=${evalTimeTemplate()}`;
    // The SLO page's slow-request list (exemplars and their traces) over the window that fired.
    if (include.slowRequests) out.slow_requests_url = `${page}?at=${evalTimeTemplate()}&from=${evalTimeTemplate(windowSeconds)}&to=${evalTimeTemplate()}#slow-requests`;
  }
  if (slo.alerting.runbookUrl) out.runbook_url = templateText(slo.alerting.runbookUrl);
  return out;
}
