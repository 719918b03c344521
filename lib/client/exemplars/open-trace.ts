// Opening an exemplar's trace honestly: a trace already checked "found" opens at once; an unchecked
// or missing one is asked about again first (it may have expired, or come back from a slow
// backend), and a missing one is said in words instead of opening an empty page (tempo#7500).
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import type { TraceAvailability } from "@/lib/schemas/exemplars";
import { describeError } from "../http";
import { checkSloTrace } from "./exemplars-query";
import { traceHref } from "./slow-params";

export type OpenState = { traceId: string; phase: "checking" } | { traceId: string; phase: "refused"; message: string } | null;

export function useOpenTrace(sloId: string, datasourceId: string) {
  const router = useRouter();
  const [state, setState] = useState<OpenState>(null);
  const open = useCallback(
    async (ex: { traceId: string; trace: TraceAvailability }) => {
      const go = () => router.push(traceHref(ex.traceId, datasourceId, sloId));
      if (ex.trace === "found") return go();
      setState({ traceId: ex.traceId, phase: "checking" });
      try {
        const r = await checkSloTrace(sloId, ex.traceId);
        if (r.trace === "found") {
          setState(null);
          return go();
        }
        setState({ traceId: ex.traceId, phase: "refused", message: r.note ?? "this trace could not be checked" });
      } catch (e) {
        setState({ traceId: ex.traceId, phase: "refused", message: `could not check the trace: ${describeError(e).title}` });
      }
    },
    [router, sloId, datasourceId],
  );
  return { open, state, dismiss: () => setState(null) };
}
