import type { Metadata } from "next";
import { Dashboard } from "@/components/dashboard/dashboard";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Dashboard" };
// ?team= and ?at= are read by the client body; nothing here is worth prerendering.
export const dynamic = "force-dynamic";

export default function DashboardPage() {
  return (
    <>
      <PageHeader title="Dashboard" description="Every active SLO at a glance: SLI against its objective, error budget left over its window, and which ones are burning budget fast." />
      <Dashboard />
    </>
  );
}
