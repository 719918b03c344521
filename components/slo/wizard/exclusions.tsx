"use client";
// Known-bad periods left out of the baseline: the list (each removable), the days the engine flags
// as unusual (accept one or all), and a from/to form so the keyboard can do what the brush does.
import { useState } from "react";
import type { SuggestResponse } from "@/lib/schemas/suggest";
import { formatRatio, formatUtcRange } from "@/lib/slo/format";
import { formatCount } from "@/lib/client/status/format";
import { snapRange } from "@/lib/client/wizard-map";
import { addExclusion, mergeRanges, removeExclusion, type Range } from "@/lib/client/wizard-state";
import { Button } from "../../ui/button";
import { inputClass } from "../../ui/field";

const DAY = 86_400;
const toInput = (s: number) => new Date(s * 1000).toISOString().slice(0, 16);
const fromInput = (v: string) => {
  const ms = Date.parse(`${v}:00Z`);
  return Number.isFinite(ms) ? ms / 1000 : null;
};

export function Exclusions({
  exclusions,
  onChange,
  data,
  baseline,
}: {
  exclusions: Range[];
  onChange: (next: Range[]) => void;
  data: SuggestResponse | undefined;
  baseline: Range;
}) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const step = data?.stepSeconds ?? 3600;
  const isExcluded = (d: number) => exclusions.some((r) => r.startSeconds <= d && r.endSeconds >= d + DAY);
  const unusual = (data?.unusualDays ?? []).filter((u) => !isExcluded(u.dayStartSeconds));

  const add = () => {
    const a = fromInput(from), b = fromInput(to);
    const r = a !== null && b !== null ? snapRange(a, b, step, baseline) : null;
    if (!r) return setProblem("Give a start and an end inside the baseline, the end after the start (UTC).");
    setProblem(null);
    setFrom("");
    setTo("");
    onChange(addExclusion(exclusions, r));
  };

  return (
    <div className="space-y-4" data-testid="exclusions">
      <div>
        <h3 className="text-sm font-semibold text-zinc-900">Excluded from the baseline</h3>
        {exclusions.length === 0 ? (
          <p className="mt-1 text-sm text-zinc-600">Nothing excluded. Drag across a chart above to leave out a known-bad period, or accept a day flagged below.</p>
        ) : (
          <ul className="mt-2 flex flex-wrap gap-2" aria-label="Excluded ranges">
            {exclusions.map((r) => (
              <li key={`${r.startSeconds}`} data-testid="exclusion" className="flex items-center gap-1 rounded-full border border-zinc-300 bg-zinc-50 py-0.5 pl-3 pr-1 text-sm">
                {formatUtcRange(r.startSeconds, r.endSeconds)}
                <button
                  type="button"
                  aria-label={`Remove the exclusion ${formatUtcRange(r.startSeconds, r.endSeconds)}`}
                  onClick={() => onChange(removeExclusion(exclusions, r))}
                  className="rounded-full px-1.5 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      {unusual.length ? (
        <div data-testid="unusual-days">
          <h3 className="text-sm font-semibold text-zinc-900">Unusual days</h3>
          <p className="text-xs text-zinc-500">Days whose share of slow requests is far above the rest (median and MAD rule, docs/suggestion-and-backtest.md).</p>
          <ul className="mt-2 space-y-1 text-sm">
            {unusual.map((u) => (
              <li key={u.dayStartSeconds} className="flex flex-wrap items-center gap-3">
                <span className="font-medium">{formatUtcRange(u.dayStartSeconds, u.dayStartSeconds + DAY)}</span>
                <span className="text-zinc-600">
                  {formatRatio(u.badRatio)} slow vs {formatRatio(u.medianBadRatio)} on a median day ({formatCount(u.excessBad)} extra slow requests)
                </span>
                <Button onClick={() => onChange(addExclusion(exclusions, { startSeconds: u.dayStartSeconds, endSeconds: u.dayStartSeconds + DAY }))}>Exclude this day</Button>
              </li>
            ))}
          </ul>
          {unusual.length > 1 ? (
            <Button className="mt-2" onClick={() => onChange(mergeRanges([...exclusions, ...unusual.map((u) => ({ startSeconds: u.dayStartSeconds, endSeconds: u.dayStartSeconds + DAY }))]))}>
              Exclude all {unusual.length} unusual days
            </Button>
          ) : null}
        </div>
      ) : null}

      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label className="text-xs text-zinc-700">
          Exclude from (UTC)
          <input type="datetime-local" value={from} min={toInput(baseline.startSeconds)} max={toInput(baseline.endSeconds)} onChange={(e) => setFrom(e.target.value)} className={inputClass(Boolean(problem), "mt-0.5 w-52")} />
        </label>
        <label className="text-xs text-zinc-700">
          to (UTC)
          <input type="datetime-local" value={to} min={toInput(baseline.startSeconds)} max={toInput(baseline.endSeconds)} onChange={(e) => setTo(e.target.value)} className={inputClass(Boolean(problem), "mt-0.5 w-52")} />
        </label>
        <Button type="submit">Exclude range</Button>
        <p aria-live="polite" className="basis-full text-xs text-red-700">{problem ?? ""}</p>
      </form>
    </div>
  );
}
