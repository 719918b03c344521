import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { RoleNote } from "@/components/auth/role-note";
import { SloCreate } from "@/components/slo/slo-create";
import { NewSloWizard } from "@/components/slo/wizard/wizard-entry";
import { PageHeader } from "@/components/ui/page-header";
import { allows } from "@/lib/auth/permissions";
import { requirePageAuth } from "@/lib/server/auth/page";

export const metadata: Metadata = { title: "New SLO" };

// The wizard is the way in; ?form=1 keeps the plain form for people who know every value already
// (and for pasting a definition from elsewhere).
export default async function NewSloPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const auth = await requirePageAuth("/slos/new", sp);
  if (!allows(auth, "slo.write")) return <RoleNote role={auth.roles.join("/")} needs="editor" what="creating SLOs" />;
  const form = sp.form === "1";
  return (
    <div className={form ? "max-w-4xl" : "max-w-6xl"}>
      <PageHeader
        eyebrow={<Link href="/slos" className="hover:text-zinc-800 hover:underline">SLOs</Link>}
        title={<span id="slo-form-title">New SLO</span>}
        description={
          form ? (
            "Describe which spans to count and how fast they should be. You can change everything later; each change is kept in the revision history."
          ) : (
            <>
              Pick the spans from what the datasource has seen, learn a realistic target from their history, and see how it would have fared before saving.{" "}
              <Link href="/slos/new?form=1" className="text-indigo-700 underline">Enter every value by hand</Link> instead.
            </>
          )
        }
      />
      {form ? (
        <SloCreate />
      ) : (
        <Suspense fallback={<p className="text-sm text-zinc-600">Loading…</p>}>
          <NewSloWizard />
        </Suspense>
      )}
    </div>
  );
}
