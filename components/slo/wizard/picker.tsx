"use client";
// A searchable list for the wizard's pickers: a labelled search box over buttons, each with its
// request rate. Enter in the box picks the first match, Escape clears the box (and only then steps
// back), ArrowDown moves into the list. Loading, empty and error states are said in words.
import { useId, useRef, useState, type ReactNode } from "react";
import { describeError } from "@/lib/client/http";
import { formatRps } from "@/lib/client/status/format";
import { filterItems } from "@/lib/client/wizard-discovery";
import { cx } from "../../ui/cx";
import { Button } from "../../ui/button";
import { Callout } from "../../ui/callout";
import { inputClass } from "../../ui/field";
import { Skeleton } from "../../ui/skeleton";

export type PickerItem = { value: string; label?: string; requestsPerSecond?: number; detail?: ReactNode };

export function Picker({
  label,
  items,
  selected,
  onPick,
  isPending,
  error,
  onRetry,
  emptyText,
  backendName = "Prometheus",
  testId,
}: {
  label: string;
  items: PickerItem[] | undefined;
  selected: string;
  onPick: (value: string) => void;
  isPending: boolean;
  error: unknown;
  onRetry?: () => void;
  emptyText: ReactNode;
  backendName?: string;
  testId?: string;
}) {
  const id = useId();
  const [q, setQ] = useState("");
  const list = useRef<HTMLUListElement>(null);
  const shown = filterItems(items ?? [], q);

  if (error)
    return (
      <Callout title={`No data from ${backendName}: ${describeError(error).title}`} action={onRetry ? <Button onClick={onRetry}>Try again</Button> : undefined}>
        {describeError(error).detail}
      </Callout>
    );

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      <input
        id={id}
        type="search"
        autoComplete="off"
        spellCheck={false}
        value={q}
        placeholder="Type to filter"
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && shown[0]) {
            e.preventDefault();
            onPick(shown[0].value);
          } else if (e.key === "Escape" && q) {
            e.preventDefault();
            setQ("");
          } else if (e.key === "ArrowDown") {
            e.preventDefault();
            list.current?.querySelector("button")?.focus();
          }
        }}
        className={inputClass(false, "mt-1 max-w-md")}
      />
      <div aria-live="polite" className="mt-1 text-xs text-zinc-500">
        {isPending ? "Loading…" : items ? `${shown.length} of ${items.length} shown${shown[0] ? ` · Enter picks ${shown[0].label ?? shown[0].value}` : ""}` : null}
      </div>
      {isPending ? (
        <div role="status" aria-busy="true" className="mt-3 space-y-2">
          <span className="sr-only">Loading {label.toLowerCase()}…</span>
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-9 w-full" />
          ))}
        </div>
      ) : items && items.length === 0 ? (
        <p className="mt-3 rounded-md border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-600">{emptyText}</p>
      ) : (
        <ul
          ref={list}
          data-testid={testId}
          className="mt-3 max-h-96 divide-y divide-zinc-100 overflow-y-auto rounded-md border border-zinc-200"
          onKeyDown={(e) => {
            const buttons = [...(list.current?.querySelectorAll("button") ?? [])];
            const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
            if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              e.preventDefault();
              buttons[Math.max(0, Math.min(buttons.length - 1, i + (e.key === "ArrowDown" ? 1 : -1)))]?.focus();
            }
          }}
        >
          {shown.map((item) => (
            <li key={item.value}>
              <button
                type="button"
                aria-pressed={item.value === selected}
                onClick={() => onPick(item.value)}
                className={cx(
                  "flex w-full items-center justify-between gap-4 px-3 py-2 text-left text-sm focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600",
                  item.value === selected ? "bg-indigo-50 font-medium text-indigo-900" : "hover:bg-zinc-50",
                )}
              >
                <span className={cx("min-w-0 break-all", item.label ? "" : "font-mono text-[13px]")}>{item.label ?? item.value}</span>
                <span className="flex shrink-0 items-center gap-3 text-xs text-zinc-600">
                  {item.detail}
                  {item.requestsPerSecond === undefined ? null : <span className="tabular-nums">{formatRps(item.requestsPerSecond)}</span>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
