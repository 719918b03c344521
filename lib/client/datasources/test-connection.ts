// POST /api/datasource-tests and POST /api/datasources/[id]/test – "Test connection" in Settings,
// for a datasource not saved yet or a stored one with the form's unsaved edits laid over it.
import { useMutation } from "@tanstack/react-query";
import type { TestConnectionInput, TestConnectionOverlay } from "@/lib/schemas/datasource-test";
import { apiFetch, lazySchema } from "../http";

const ConnectionTestReportSchema = lazySchema(() => import("@/lib/schemas/datasource-test").then((m) => m.ConnectionTestReport));

export type ConnectionTestRequest = { mode: "unsaved"; body: TestConnectionInput } | { mode: "stored"; id: string; body: TestConnectionOverlay };

export const testConnection = (r: ConnectionTestRequest) =>
  r.mode === "unsaved"
    ? apiFetch("/api/datasource-tests", ConnectionTestReportSchema, { method: "POST", body: r.body })
    : apiFetch(`/api/datasources/${encodeURIComponent(r.id)}/test`, ConnectionTestReportSchema, { method: "POST", body: r.body });

/** Nothing is cached: a test answers for the moment it ran. */
export const useTestConnection = () => useMutation({ mutationFn: testConnection });
