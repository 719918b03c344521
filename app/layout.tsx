import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { PermissionsProvider } from "@/components/auth/permissions";
import { Providers } from "@/components/providers";
import { authMode, pageAuth } from "@/lib/server/auth/page";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Sightline", template: "%s · Sightline" },
  description: "Latency SLOs built on OpenTelemetry span metrics",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: the CSP nonce proxy.ts makes for each one must be on the
  // page's scripts, and a page prerendered at build time would carry none (lib/server/edge).
  await connection();
  // Who is signed in, for the sidebar's user menu (one session lookup per render, shared with the page).
  const auth = await pageAuth();
  const user = auth ? { name: auth.actor, role: auth.roles.join("/"), teams: auth.teams } : null;
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="font-sans">
        <Providers>
          <PermissionsProvider permissions={auth ? [...auth.permissions] : []} teams={auth?.teams ?? null}>
            <AppShell user={user} mode={authMode()}>
              {children}
            </AppShell>
          </PermissionsProvider>
        </Providers>
      </body>
    </html>
  );
}
