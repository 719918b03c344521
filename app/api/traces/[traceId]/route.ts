// GET /api/traces/[traceId] – one trace, normalised (?datasource=<id or slug>); lib/schemas/trace.ts
import { route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { TraceParams, TraceQuery } from "@/lib/schemas/trace-query";
import { getTrace } from "@/lib/server/traces/get-trace";

export const dynamic = "force-dynamic";

export const GET = route({ requires: "slo.read", params: TraceParams, query: TraceQuery }, async ({ params, query }) => getTrace(params.traceId, query.datasource));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
