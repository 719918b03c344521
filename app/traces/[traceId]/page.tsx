// /traces/[traceId]?datasource=<id>[&span=<spanId>][&slo=<id>] – one trace as a waterfall.
// The server only parses the URL state; the trace is fetched by the client hook, because the
// server-side trace reader (lib/server/traces) is not a page dependency yet.
import type { Metadata } from "next";
import { z } from "zod";
import { TraceView } from "@/components/traces/trace-view";

export const metadata: Metadata = { title: "Trace" };
export const dynamic = "force-dynamic";

const one = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (Array.isArray(v) ? v[0] : v) ?? "");
const SearchParams = z.object({
  datasource: one,
  // A span id from a link: lowercase it (hex ids compare as lowercase) and drop it when malformed.
  span: one.transform((s) => (/^[0-9a-fA-F]{16}$/.test(s) ? s.toLowerCase() : null)),
  slo: one.transform((s) => s || null),
});

export default async function TracePage({ params, searchParams }: { params: Promise<{ traceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ traceId }, sp] = await Promise.all([params, searchParams]);
  const p = SearchParams.parse(sp);
  return <TraceView traceId={decodeURIComponent(traceId).trim()} datasource={p.datasource} span={p.span} slo={p.slo} />;
}
