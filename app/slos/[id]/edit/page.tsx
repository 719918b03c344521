import type { Metadata } from "next";
import { RoleNote } from "@/components/auth/role-note";
import { SloEdit } from "@/components/slo/slo-edit";
import { allows } from "@/lib/auth/permissions";
import { requirePageAuth } from "@/lib/server/auth/page";

export const metadata: Metadata = { title: "Edit SLO" };
export const dynamic = "force-dynamic";

export default async function EditSloPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const auth = await requirePageAuth(`/slos/${encodeURIComponent(id)}/edit`, sp);
  if (!allows(auth, "slo.write")) return <RoleNote role={auth.roles.join("/")} needs="editor" what="changing SLOs" />;
  return <SloEdit idOrSlug={id} tune={sp.tune === "1"} />;
}
