"use client";
// The dashboard's controls: search (debounced into ?q=), team and service filters, and the
// group-by switch. Every control writes the URL state; nothing is kept only here.
import type { OverviewSearch } from "@/lib/client/overview/search-params";
import { useDebouncedText } from "@/lib/client/use-debounced-text";
import { cx } from "../ui/cx";
import { inputClass, selectClass } from "../ui/field";

type Props = { search: OverviewSearch; options: { teams: string[]; services: string[] }; onChange: (s: OverviewSearch) => void };

function Picker({ label, all, value, values, onPick }: { label: string; all: string; value: string; values: string[]; onPick: (v: string) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm font-medium text-zinc-700">
      {label}
      <select aria-label={`Filter by ${label.toLowerCase()}`} value={value} onChange={(e) => onPick(e.target.value)} className={selectClass(false, "w-44")}>
        <option value="">{all}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
        {value && !values.includes(value) ? <option value={value}>{value}</option> : null}
      </select>
    </label>
  );
}

export function DashboardToolbar({ search, options, onChange }: Props) {
  const [text, setText] = useDebouncedText(search.q, (q) => onChange({ ...search, q }), 200);
  return (
    <div className="flex flex-wrap items-center gap-x-5 gap-y-3">
      <input
        type="search"
        aria-label="Search SLOs"
        placeholder="Search name, service, operation, owner…"
        value={text}
        onChange={(e) => setText(e.target.value)}
        className={inputClass(false, "w-72 max-w-full")}
      />
      <Picker label="Team" all="All teams" value={search.team} values={options.teams} onPick={(team) => onChange({ ...search, team, service: "" })} />
      <Picker label="Service" all="All services" value={search.service} values={options.services} onPick={(service) => onChange({ ...search, service })} />
      <div role="radiogroup" aria-label="Group by" className="flex items-center gap-2 text-sm font-medium text-zinc-700">
        Group by
        <span className="inline-flex overflow-hidden rounded-md border border-zinc-300">
          {(["team", "service"] as const).map((g) => (
            <button
              key={g}
              type="button"
              role="radio"
              aria-checked={search.group === g}
              onClick={() => onChange({ ...search, group: g })}
              className={cx("px-3 py-1.5 text-sm", search.group === g ? "bg-indigo-600 text-white" : "bg-white text-zinc-700 hover:bg-zinc-50")}
            >
              {g === "team" ? "Team" : "Service"}
            </button>
          ))}
        </span>
      </div>
    </div>
  );
}
