"use client";
// "Evaluate at": picks the moment every number on the page is computed for, kept in ?at= so the
// view is a link to share (postmortems, "look at this"). Times are typed and shown in UTC.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { formatUtcSeconds } from "@/lib/client/status/format";
import { secondsToUtcInput, utcInputToSeconds, withParams } from "@/lib/client/status/search-params";
import { Button } from "../../ui/button";
import { inputClass } from "../../ui/field";

export function AtControl({ at }: { at: number | undefined }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [value, setValue] = useState(() => (at === undefined ? "" : secondsToUtcInput(at)));
  const [error, setError] = useState("");

  const go = (next: number | undefined) => {
    setError("");
    router.push(`${pathname}${withParams(params.toString(), { at: next })}`, { scroll: false });
  };
  const apply = () => {
    const s = utcInputToSeconds(value);
    if (s === undefined) return setError("Enter a date and time.");
    if (s > Date.now() / 1000 + 60) return setError("Pick a moment that is not in the future.");
    go(s);
  };

  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <div>
        <label htmlFor="status-at" className="block text-xs font-medium text-zinc-600">
          Evaluate at (UTC)
        </label>
        <input
          id="status-at"
          type="datetime-local"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby="status-at-error"
          className={inputClass(Boolean(error), "mt-1 w-52 py-1")}
        />
      </div>
      <Button type="submit">Evaluate</Button>
      {at !== undefined ? (
        <Button
          variant="ghost"
          onClick={() => {
            setValue("");
            go(undefined);
          }}
        >
          Back to now
        </Button>
      ) : null}
      <p id="status-at-error" aria-live="polite" className="w-full text-xs font-medium text-red-700 empty:hidden">
        {error}
      </p>
    </form>
  );
}

/** "as of 2026-11-03 00:00 UTC" or "now, refreshed every minute". */
export function AsOf({ at, evaluatedAt }: { at: number | undefined; evaluatedAt?: number }) {
  if (at !== undefined) return <span>as of {formatUtcSeconds(at)}</span>;
  return <span>now{evaluatedAt ? ` (${formatUtcSeconds(evaluatedAt)})` : ""}, refreshed every minute</span>;
}
