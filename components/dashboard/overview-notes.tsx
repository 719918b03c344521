// The overview's notes (per-SLO warnings: assumed buckets, mixed layouts, unknown alert states) as
// one summary line that expands: with thousands of SLOs they can run to pages, and the table is
// what the page is for. A native <details>, so it opens by keyboard and needs no script.
export function OverviewNotes({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  const n = warnings.length;
  return (
    <details className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-900" data-testid="overview-notes">
      <summary className="cursor-pointer select-none truncate">
        <span className="font-medium">{n === 1 ? "1 note" : `${n.toLocaleString("en-US")} notes`} on this overview</span>
        <span className="text-sky-800"> · {warnings[0]}</span>
      </summary>
      <ul className="mt-2 max-h-48 list-disc space-y-0.5 overflow-y-auto pl-5 text-xs">
        {warnings.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ul>
    </details>
  );
}
