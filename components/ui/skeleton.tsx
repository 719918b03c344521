import { cx } from "./cx";

/** A grey placeholder bar; hidden from assistive tech, which hears the surrounding aria-busy region. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cx("animate-pulse rounded bg-zinc-200/80", className)} />;
}

/** Rows of placeholder cells shaped like the table that is loading. */
export function TableSkeleton({ rows = 6, cols = 5 }: { rows?: number; cols?: number }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white">
      <span className="sr-only">Loading…</span>
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="flex gap-6 px-4 py-3.5">
          {Array.from({ length: cols }, (_, c) => (
            <Skeleton key={c} className={cx("h-4", c === 0 ? "w-48" : "flex-1")} />
          ))}
        </div>
      ))}
    </div>
  );
}
