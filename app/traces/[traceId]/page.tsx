// /traces/[traceId]?datasource=<id>[&span=<spanId>][&slo=<id>] – one trace as a waterfall.
// The first view is rendered here: the trace verb fills the query key the client hook reads
// (lib/client/traces/trace-query.ts), so the browser does not wait for a second request after the
// page arrives, and the first rows of the waterfall are already in the HTML. If the verb throws
// (not found, backend down, no trace backend), or the visitor may not read it (the API's own rule,
// slo.read, checked here with the same resolver), nothing is cached and the client asks the API
// itself, showing the problem in words with a retry.
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { z } from "zod";
import { TraceView } from "@/components/traces/trace-view";
import { traceQueryOptions } from "@/lib/client/traces/trace-query";
import { TraceIdParam } from "@/lib/schemas/trace-query";
import { allows } from "@/lib/auth/permissions";
import { resolveAuth } from "@/lib/server/auth/resolve";
import { getTrace } from "@/lib/server/traces/get-trace";
import { requirePageAuth } from "@/lib/server/auth/page";

export const metadata: Metadata = { title: "Trace" };
export const dynamic = "force-dynamic";

const one = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (Array.isArray(v) ? v[0] : v) ?? "");
const SearchParams = z.object({
  datasource: one,
  // A span id from a link: lowercase it (hex ids compare as lowercase) and drop it when malformed.
  span: one.transform((s) => (/^[0-9a-fA-F]{16}$/.test(s) ? s.toLowerCase() : null)),
  slo: one.transform((s) => s || null),
});

/** Whether the request's session, token or proxy user may read traces (GET /api/traces needs slo.read). */
async function mayReadTraces(): Promise<boolean> {
  const auth = await resolveAuth(new Request("http://sightline.page/", { headers: new Headers(await headers()) })).catch(() => null);
  return auth !== null && allows(auth, "slo.read");
}

export default async function TracePage({ params, searchParams }: { params: Promise<{ traceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ traceId: raw }, sp] = await Promise.all([params, searchParams]);
  await requirePageAuth(`/traces/${encodeURIComponent(raw)}`, sp);
  const p = SearchParams.parse(sp);
  const traceId = decodeURIComponent(raw).trim();
  const client = new QueryClient();
  // The API's own ID rule (hex or base64, normalised); a malformed ID is left to the client's error.
  const id = TraceIdParam.safeParse(traceId);
  if (p.datasource && id.success && (await mayReadTraces())) {
    // The key is the one the client hook builds from the URL's ID as written.
    await client.prefetchQuery({ queryKey: traceQueryOptions(traceId, p.datasource).queryKey, queryFn: () => getTrace(id.data, p.datasource) });
  }
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <TraceView traceId={traceId} datasource={p.datasource} span={p.span} slo={p.slo} />
    </HydrationBoundary>
  );
}
