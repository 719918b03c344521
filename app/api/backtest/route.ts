// POST /api/backtest – "had this SLO existed": a saved SLO and/or a draft replayed over a past range
import { route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { BacktestRequest } from "@/lib/schemas/backtest";
import { backtestSlo } from "@/lib/server/slo/backtest";

export const dynamic = "force-dynamic";

export const POST = route({ requires: "slo.read", body: BacktestRequest }, ({ body }) => backtestSlo(body));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
