"use client";
// Team and month pickers of /reports: each change is a new URL (?team=&month=), so the page the
// manager prints or shares is exactly the one on screen. Hidden in print.
import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";

export function ReportPickers({ team, month, teams }: { team: string; month: string; teams: readonly string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, start] = useTransition();
  const go = (next: { team?: string; month?: string }) =>
    start(() => router.replace(`${pathname}?${new URLSearchParams({ team: next.team ?? team, month: next.month ?? month }).toString()}`, { scroll: false }));
  const options = teams.includes(team) || team === "" ? teams : [team, ...teams];
  return (
    <form className="flex flex-wrap items-end gap-3 print:hidden" aria-busy={pending} onSubmit={(e) => e.preventDefault()}>
      <label className="text-sm">
        <span className="mb-1 block font-medium text-zinc-700">Team</span>
        <select
          className="rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm shadow-sm"
          value={team}
          onChange={(e) => go({ team: e.target.value })}
          disabled={options.length === 0}
        >
          {options.length === 0 ? <option value="">No team has SLOs</option> : null}
          {options.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium text-zinc-700">Month (UTC)</span>
        <input
          type="month"
          className="rounded-md border border-zinc-300 bg-white px-2.5 py-1 text-sm shadow-sm"
          value={month}
          min="1970-01"
          max="2099-12"
          required
          onChange={(e) => {
            if (/^\d{4}-\d{2}$/.test(e.target.value)) go({ month: e.target.value });
          }}
        />
      </label>
      {pending ? <span className="pb-2 text-sm text-zinc-500">Loading…</span> : null}
    </form>
  );
}
