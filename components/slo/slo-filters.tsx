"use client";
// Catalogue filters. Each change rewrites the URL (page back to 1), which is the only state.
import { SLO_STATUSES } from "@/lib/schemas/values";
import { statusLabel } from "@/lib/client/format";
import type { SloSearch } from "@/lib/client/slo-search-params";
import { useDebouncedText } from "@/lib/client/use-debounced-text";
import { Button } from "../ui/button";
import { inputClass, selectClass } from "../ui/field";

type Props = { search: SloSearch; onChange: (patch: Partial<SloSearch>) => void; onClear: () => void };

function TextFilter({ id, label, placeholder, value, onCommit, className }: { id: string; label: string; placeholder: string; value: string; onCommit: (v: string) => void; className?: string }) {
  const [text, setText] = useDebouncedText(value, onCommit);
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-zinc-600">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={placeholder}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === "Enter" && onCommit(text.trim())}
        className={inputClass(false)}
        autoComplete="off"
        spellCheck={false}
      />
    </div>
  );
}

export function SloFilters({ search, onChange, onClear }: Props) {
  const active = Boolean(search.team || search.service || search.status || search.q);
  return (
    <div role="search" aria-label="Filter SLOs" className="mb-4 grid grid-cols-2 items-end gap-3 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_10rem_auto]">
      <TextFilter id="filter-q" label="Search" placeholder="Name, service, operation…" value={search.q} onCommit={(q) => onChange({ q })} className="col-span-2 md:col-span-1" />
      <TextFilter id="filter-team" label="Team" placeholder="e.g. payments" value={search.team} onCommit={(team) => onChange({ team })} />
      <TextFilter id="filter-service" label="Service" placeholder="e.g. checkout" value={search.service} onCommit={(service) => onChange({ service })} />
      <div>
        <label htmlFor="filter-status" className="mb-1 block text-xs font-medium text-zinc-600">
          Status
        </label>
        <select id="filter-status" value={search.status} onChange={(e) => onChange({ status: e.target.value as SloSearch["status"] })} className={selectClass(false)}>
          <option value="">Active and draft</option>
          {SLO_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabel[s]}
            </option>
          ))}
        </select>
      </div>
      <Button variant="ghost" onClick={onClear} disabled={!active} className="col-span-2 md:col-span-1">
        Clear filters
      </Button>
    </div>
  );
}
