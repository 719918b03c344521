"use client";
// The connection test's answer in words, one line per check, announced politely when it arrives.
import type { ConnectionTestReport } from "@/lib/schemas/datasource-test";
import { describeCheck } from "@/lib/client/datasource-form";
import { cx } from "../ui/cx";

const toneClass = { ok: "text-emerald-800", warning: "text-amber-800", failed: "text-red-800", skipped: "text-zinc-600" } as const;

export function ConnectionTestResult({ report, pending, error }: { report?: ConnectionTestReport; pending: boolean; error?: string }) {
  return (
    <div aria-live="polite" aria-busy={pending} className="text-sm">
      {pending ? <p className="text-zinc-600">Testing the connection…</p> : null}
      {!pending && error ? <p className="text-red-800">The test did not run: {error}</p> : null}
      {!pending && report ? (
        <div role="status" aria-label="Connection test result" className="space-y-1">
          <p className="font-medium text-zinc-900">{report.ok ? "Connection test passed." : "Connection test found problems."}</p>
          <ul className="space-y-1">
            {report.checks.map((c) => {
              const d = describeCheck(c);
              return (
                <li key={c.check} className={cx("break-words", toneClass[c.outcome])}>
                  <span className="font-medium">{d.title}: {d.outcome}.</span> {d.message}
                </li>
              );
            })}
          </ul>
          {report.usedStoredSecrets.length > 0 ? (
            <p className="text-xs text-zinc-500">Used the stored {report.usedStoredSecrets.map((s) => (s === "authSecret" ? "Prometheus secret" : "trace secret")).join(" and ")}.</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
