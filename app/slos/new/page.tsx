import type { Metadata } from "next";
import Link from "next/link";
import { SloCreate } from "@/components/slo/slo-create";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "New SLO" };

export default function NewSloPage() {
  return (
    <div className="max-w-4xl">
      <PageHeader
        eyebrow={<Link href="/slos" className="hover:text-zinc-800 hover:underline">SLOs</Link>}
        title={<span id="slo-form-title">New SLO</span>}
        description="Describe which spans to count and how fast they should be. You can change everything later; each change is kept in the revision history."
      />
      <SloCreate />
    </div>
  );
}
