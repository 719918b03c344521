import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { GaugeIcon } from "@/components/shell/icons";

export const metadata: Metadata = { title: "Dashboard" };

// No numbers until the SLI engine measures them: an empty dashboard is more honest than a made-up one.
export default function DashboardPage() {
  return (
    <>
      <PageHeader title="Dashboard" description="Every active SLO at a glance: current SLI, error budget remaining over its window, and which ones are burning budget fast." />
      <EmptyState icon={<GaugeIcon className="size-10" />} title="Nothing measured yet" action={<ButtonLink href="/slos">Go to the SLO catalogue</ButtonLink>}>
        Budgets and burn rates appear here once the SLI engine is connected to your datasources. Until then, define SLOs in the catalogue.
      </EmptyState>
    </>
  );
}
