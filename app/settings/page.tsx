import type { Metadata } from "next";
import { DatasourceSettings } from "@/components/datasource/datasource-settings";
import { ApiTokenSettings } from "@/components/settings/api-tokens";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageAuth } from "@/lib/server/auth/page";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requirePageAuth("/settings");
  return (
    <>
      <PageHeader title="Settings" description="Connections Sightline reads from. Secrets are stored write-only and never sent back to the browser." />
      <DatasourceSettings />
      <ApiTokenSettings />
    </>
  );
}
