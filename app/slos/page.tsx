import type { Metadata } from "next";
import { SloCatalogue } from "@/components/slo/slo-catalogue";
import { parseSloSearch } from "@/lib/client/slo-search-params";
import { requirePageAuth } from "@/lib/server/auth/page";

export const metadata: Metadata = { title: "SLOs" };
// The filters live in the URL; render per request so every shared link shows its own view.
export const dynamic = "force-dynamic";

export default async function SlosPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  await requirePageAuth("/slos", sp);
  const search = parseSloSearch(sp);
  return <SloCatalogue search={search} />;
}
