// POST /api/datasource-tests and POST /api/datasources/[id]/test – "Test connection" in Settings,
// for a datasource not saved yet or a stored one with the form's unsaved edits laid over it.
import { useMutation } from "@tanstack/react-query";
import { ConnectionTestReport, type TestConnectionInput, type TestConnectionOverlay } from "@/lib/schemas/datasource-test";
import { apiFetch } from "../http";

export type ConnectionTestRequest = { mode: "unsaved"; body: TestConnectionInput } | { mode: "stored"; id: string; body: TestConnectionOverlay };

export const testConnection = (r: ConnectionTestRequest) =>
  r.mode === "unsaved"
    ? apiFetch("/api/datasource-tests", ConnectionTestReport, { method: "POST", body: r.body })
    : apiFetch(`/api/datasources/${encodeURIComponent(r.id)}/test`, ConnectionTestReport, { method: "POST", body: r.body });

/** Nothing is cached: a test answers for the moment it ran. */
export const useTestConnection = () => useMutation({ mutationFn: testConnection });
