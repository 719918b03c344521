// POST /api/backtest – "had this SLO existed": a draft, a saved SLO, or both over the same past.
// Read-only, so it is a query keyed by its body (see lib/client/suggest.ts).
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { BacktestRequest } from "@/lib/schemas/backtest";
import { apiFetch, lazySchema } from "./http";

const BacktestResponseSchema = lazySchema(() => import("@/lib/schemas/backtest").then((m) => m.BacktestResponse));

export type BacktestBody = z.input<typeof BacktestRequest>;

export const fetchBacktest = (body: BacktestBody, signal?: AbortSignal) => apiFetch("/api/backtest", BacktestResponseSchema, { method: "POST", body, signal });

export const backtestQueryOptions = (body: BacktestBody | null) =>
  queryOptions({
    queryKey: ["backtest", body] as const,
    queryFn: ({ signal }) => fetchBacktest(body!, signal),
    enabled: body !== null,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
    retry: false,
  });

export const useBacktest = (body: BacktestBody | null) => useQuery(backtestQueryOptions(body));
