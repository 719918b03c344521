// The tooltip box shared by Sightline's charts: a UTC time and labelled values.
import type { ReactNode } from "react";

export function ChartTooltipBox({ title, rows }: { title: string; rows: [string, ReactNode][] }) {
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs shadow-md">
      <p className="font-medium text-zinc-900">{title}</p>
      <dl className="mt-1 grid grid-cols-[auto_auto] gap-x-3 gap-y-0.5">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-zinc-500">{k}</dt>
            <dd className="text-right tabular-nums text-zinc-900">{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
