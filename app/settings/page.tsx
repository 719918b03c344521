import type { Metadata } from "next";
import { DatasourceSettings } from "@/components/datasource/datasource-settings";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="Connections Sightline reads from. Secrets are stored write-only and never sent back to the browser." />
      <DatasourceSettings />
    </>
  );
}
