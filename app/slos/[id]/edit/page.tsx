import type { Metadata } from "next";
import { SloEdit } from "@/components/slo/slo-edit";

export const metadata: Metadata = { title: "Edit SLO" };
export const dynamic = "force-dynamic";

export default async function EditSloPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SloEdit idOrSlug={id} />;
}
