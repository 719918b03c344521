import type { Metadata } from "next";
import { SloDetail } from "@/components/slo/slo-detail";
import { requirePageAuth } from "@/lib/server/auth/page";

export const metadata: Metadata = { title: "SLO" };
export const dynamic = "force-dynamic";

export default async function SloPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  await requirePageAuth(`/slos/${encodeURIComponent(id)}`, sp);
  return <SloDetail idOrSlug={id} justCreated={sp.created === "1"} />;
}
