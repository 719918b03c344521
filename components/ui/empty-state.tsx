import type { ReactNode } from "react";

/** A calm, honest "nothing here yet" with the next step to take. */
export function EmptyState({ icon, title, children, action }: { icon?: ReactNode; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-14 text-center">
      {icon ? <div className="mb-3 text-zinc-400">{icon}</div> : null}
      <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
      {children ? <div className="mt-1 max-w-md text-sm text-zinc-600">{children}</div> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
