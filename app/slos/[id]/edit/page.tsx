import type { Metadata } from "next";
import { SloEdit } from "@/components/slo/slo-edit";
import { requirePageAuth } from "@/lib/server/auth/page";

export const metadata: Metadata = { title: "Edit SLO" };
export const dynamic = "force-dynamic";

export default async function EditSloPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  await requirePageAuth(`/slos/${encodeURIComponent(id)}/edit`, sp);
  return <SloEdit idOrSlug={id} tune={sp.tune === "1"} />;
}
