import type { Metadata } from "next";
import { RoleNote } from "@/components/auth/role-note";
import { DatasourceSettings } from "@/components/datasource/datasource-settings";
import { ApiTokenSettings } from "@/components/settings/api-tokens";
import { PageHeader } from "@/components/ui/page-header";
import { allows } from "@/lib/auth/permissions";
import { requirePageAuth } from "@/lib/server/auth/page";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const auth = await requirePageAuth("/settings");
  return (
    <>
      <PageHeader title="Settings" description="Connections Sightline reads from. Secrets are stored write-only and never sent back to the browser." />
      {allows(auth, "datasource.write") ? null : <RoleNote role={auth.roles.join("/")} needs="admin" what="changing datasources" />}
      <DatasourceSettings />
      <ApiTokenSettings />
    </>
  );
}
