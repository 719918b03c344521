// GET /api/reports – one team's calendar-month report. A past month does not change (kept for the
// session); the current month is refetched every five minutes while on screen.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch, lazySchema, queryString } from "../http";
import { queryKeys } from "../query-keys";

const ReportResponseSchema = lazySchema(() => import("@/lib/schemas/report").then((m) => m.ReportResponse));

export const fetchReport = (team: string, month: string, signal?: AbortSignal) =>
  apiFetch(`/api/reports${queryString({ team, month })}`, ReportResponseSchema, { signal });

export const reportQueryOptions = (team: string, month: string) =>
  queryOptions({
    queryKey: queryKeys.report(team, month),
    queryFn: ({ signal }) => fetchReport(team, month, signal),
    staleTime: 5 * 60_000,
    refetchInterval: (q) => (q.state.data?.timing === "current" ? 5 * 60_000 : false),
  });

export const useReport = (team: string, month: string, enabled = true) => useQuery({ ...reportQueryOptions(team, month), enabled });
