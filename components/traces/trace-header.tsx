"use client";
// The trace page's header actions (Back, Open in Grafana Explore) and its warnings in words.
import { useRouter } from "next/navigation";
import type { TraceWarning } from "@/lib/schemas/trace";
import { Button, buttonClass } from "../ui/button";
import { Callout } from "../ui/callout";

export function TraceHeaderActions({ exploreUrl, sloId }: { exploreUrl: string | null; sloId: string | null }) {
  const router = useRouter();
  // "Back" returns to where the user came from inside the app (the SLO page, its chart state in
  // its URL, is restored); a trace opened from outside has nowhere to go back to, so it goes to
  // the SLO it was opened for, or the catalogue. Decided on click: nothing to render differently.
  const back = () => {
    let fromApp = false;
    try {
      fromApp = window.history.length > 1 && !!document.referrer && new URL(document.referrer).origin === window.location.origin;
    } catch {
      // No usable referrer: not from the app.
    }
    if (fromApp) router.back();
    else router.push(sloId ? `/slos/${encodeURIComponent(sloId)}` : "/slos");
  };
  return (
    <>
      <Button onClick={back}>← Back</Button>
      {exploreUrl ? (
        <a href={exploreUrl} target="_blank" rel="noreferrer" className={buttonClass("secondary")}>
          Open in Grafana Explore ↗
        </a>
      ) : null}
    </>
  );
}

const WORDS: Record<TraceWarning["code"], string> = {
  partial: "The backend says this trace is incomplete",
  duplicate_span_id: "Spans share an id",
  missing_parent: "Spans name a parent that is not in the trace",
  child_outlives_parent: "Spans end after their parent ends",
  clock_skew: "Spans start before their parent (clock skew between hosts)",
  negative_duration: "Spans end before they start (shown as 0 long)",
  invalid_span: "Spans with unreadable ids were skipped",
  foreign_trace_id: "Spans belong to another trace id",
  cycle: "Parent chains loop back on themselves",
};

export function TraceWarnings({ warnings }: { warnings: TraceWarning[] }) {
  if (!warnings.length) return null;
  const byCode = new Map<TraceWarning["code"], TraceWarning[]>();
  for (const w of warnings) byCode.set(w.code, [...(byCode.get(w.code) ?? []), w]);
  return (
    <Callout tone="warning" title={`This trace has ${warnings.length} ${warnings.length === 1 ? "oddity" : "oddities"}: read it with care`} className="mb-4">
      <ul className="list-disc space-y-1 pl-5" aria-label="Trace warnings">
        {[...byCode].map(([code, list]) => (
          <li key={code}>
            <span className="font-medium">
              {WORDS[code]} ({list.length})
            </span>
            : {list.slice(0, 3).map((w) => w.message).join("; ")}
            {list.length > 3 ? `; and ${list.length - 3} more` : ""}
          </li>
        ))}
      </ul>
    </Callout>
  );
}
