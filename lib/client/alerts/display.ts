// Words, colours and strip geometry for the SLO page's alert states (GET /api/slos/[id]/alerts) and
// the last rules sync (GET /api/rules/sync). ALERTS only holds samples while an alert is pending or
// firing, so "no series at all" cannot tell a quiet SLO from rules that never reached the backend:
// the empty state says both and leans on the sync log to pick. Pure, no I/O.
import { groupName } from "@/lib/promql/rules-names";
import type { RulesSyncRecord, SloAlertsResponse } from "@/lib/schemas/rules";
import type { Tone } from "../status/describe";
import { formatDuration, formatUtcSeconds } from "../status/format";

type Entry = SloAlertsResponse["alerts"][number];
type Interval = Entry["history"][number];
type Window = SloAlertsResponse["window"];

/** "page · 1h" for a burn tier; the deviation and absence alerts by name. */
export function alertTitle(e: Pick<Entry, "tier" | "kind">): string {
  if (e.kind === "deviation") return "Latency deviation";
  if (e.kind === "absent") return "Data absent";
  const [severity, window] = e.tier.split("-");
  return window ? `${severity} · ${window} burn` : e.tier;
}

export type AlertStateView = { label: string; tone: Tone; since: string; detail: string };

const openRun = (h: readonly Interval[]) => h.find((i) => i.endSeconds === null) ?? null;
const lastEnded = (h: readonly Interval[]) =>
  h.filter((i): i is Interval & { endSeconds: number } => i.endSeconds !== null).reduce<(Interval & { endSeconds: number }) | null>((a, b) => (a && a.endSeconds >= b.endSeconds ? a : b), null);

/**
 * State in words. "Since" comes from the history: the start of the run still open at `at` (a run
 * starting at the window's first step may have begun earlier, and says so).
 */
export function describeAlertState(e: Entry, atSeconds: number, window: Window, stepSeconds: number): AlertStateView {
  switch (e.state) {
    case "firing": {
      const run = openRun(e.history);
      const fromStart = run !== null && run.startSeconds <= window.startSeconds + stepSeconds;
      const since = run === null ? "since: not yet in the sampled history" : fromStart ? `since before ${formatUtcSeconds(window.startSeconds)} (all window)` : `since ${formatUtcSeconds(run.startSeconds)} (${formatDuration(atSeconds - run.startSeconds)})`;
      return { label: "Firing", tone: e.severity === "page" ? "bad" : "warn", since, detail: e.severity === "page" ? "pages on-call" : "opens a ticket" };
    }
    case "pending":
      return { label: "Pending", tone: "warn", since: "condition holds", detail: "fires once it has held for the rule's `for`" };
    case "disabled":
      return { label: "Disabled", tone: "neutral", since: "", detail: e.kind === "deviation" ? "the deviation alert is not enabled on this SLO" : "switched off on this SLO: no rule exists" };
    case "inactive": {
      const last = lastEnded(e.history);
      return {
        label: "Inactive",
        tone: "good",
        since: last ? `since ${formatUtcSeconds(last.endSeconds)} (${formatDuration(atSeconds - last.endSeconds)})` : "",
        detail: last ? "last fired earlier in the window" : "not fired in the window",
      };
    }
  }
}

export type StripSegment = { leftPercent: number; widthPercent: number; open: boolean; title: string };

/** Minimum drawn width, so a one-step blip on a 30-day strip is still visible. */
const MIN_WIDTH_PERCENT = 0.4;

/** Firing intervals as positions on a strip spanning the window (clipped to it; open runs end at `at`). */
export function historyStrip(history: readonly Interval[], window: Window): StripSegment[] {
  const span = window.endSeconds - window.startSeconds;
  if (span <= 0) return [];
  return history.flatMap((i) => {
    const start = Math.max(i.startSeconds, window.startSeconds);
    const end = Math.min(i.endSeconds ?? window.endSeconds, window.endSeconds);
    if (end < start) return [];
    const leftPercent = ((start - window.startSeconds) / span) * 100;
    const widthPercent = Math.min(100 - leftPercent, Math.max(MIN_WIDTH_PERCENT, ((end - start) / span) * 100));
    const title = `${formatUtcSeconds(i.startSeconds)} → ${i.endSeconds === null ? "still firing" : formatUtcSeconds(i.endSeconds)} (${formatDuration(end - start)})`;
    return [{ leftPercent, widthPercent, open: i.endSeconds === null, title }];
  });
}

/** "fired 3 times, 2 h 10 min in all" over the window; "never fired in the window". */
export function historySummary(history: readonly Interval[], window: Window): string {
  if (history.length === 0) return "never fired in the window";
  const total = history.reduce((s, i) => s + Math.max(0, Math.min(i.endSeconds ?? window.endSeconds, window.endSeconds) - Math.max(i.startSeconds, window.startSeconds)), 0);
  return `fired ${history.length === 1 ? "once" : `${history.length} times`}, ${formatDuration(total)} in all`;
}

/** No ALERTS series of this SLO at all: nothing pending or firing now and no firing in the window. */
export const noAlertSeries = (data: Pick<SloAlertsResponse, "alerts">): boolean =>
  data.alerts.every((a) => a.state !== "firing" && a.state !== "pending" && a.history.length === 0);

export type SyncView = { headline: string; tone: Tone; detail: string; deployed: boolean | null };

/**
 * The last sync as it concerns one SLO: when, whether it failed, and whether its rule group was
 * in the drift that sync found (and so rewritten, unless it was a dry run).
 */
export function describeSync(last: RulesSyncRecord | null, slug: string, nowMs: number): SyncView {
  if (last === null) return { headline: "Rules never synced", tone: "warn", detail: "No sync has run yet: the backend holds no generated rules unless someone installed the file by hand.", deployed: false };
  const when = `${formatUtcSeconds(Date.parse(last.syncedAt) / 1000)} (${formatDuration(Math.max(0, (nowMs - Date.parse(last.syncedAt)) / 1000))} ago)`;
  if (last.error !== null) return { headline: `Last sync failed ${when}`, tone: "bad", detail: last.error, deployed: null };
  const drift = last.drift.find((d) => d.group === groupName(slug));
  const kind = drift ? { missing: "missing from the target", changed: "different on the target", extra: "on the target but no longer generated" }[drift.kind] : null;
  const target = last.target === "mimir" ? "Mimir ruler" : "rules directory";
  if (last.dryRun)
    return {
      headline: `Last sync ${when} was a dry run (${target})`,
      tone: kind ? "warn" : "good",
      detail: kind ? `This SLO's rule group was ${kind}; nothing was written.` : "This SLO's rule group matched the target.",
      deployed: kind === null,
    };
  return {
    headline: `Last synced ${when} to the ${target}`,
    tone: "good",
    detail: kind ? `This SLO's rule group was ${kind} and has been written.` : "This SLO's rule group already matched: no drift.",
    deployed: true,
  };
}
