"use client";
// The one suggest query of the wizard: the history and target steps read the same answer (same
// body, same key), so moving between them never asks Prometheus twice.
import { useState } from "react";
import { useSuggest } from "@/lib/client/suggest";
import { baselineRange, suggestRequestFor } from "@/lib/client/wizard-map";
import type { WizardState } from "@/lib/client/wizard-state";

export function useWizardSuggest(s: WizardState) {
  // Only used when the URL has no `end` yet (the wizard pins it on entering History).
  const [now] = useState(() => Date.now() / 1000);
  const ready = s.datasourceId !== "" && s.service !== "" && s.operation !== "";
  const body = ready ? suggestRequestFor(s, now) : null;
  return { query: useSuggest(body), baseline: baselineRange(s, now) };
}
