// The frame every page sits in: a dark sidebar with the product name and navigation, and a
// scrollable content column. Collapses to a top bar on narrow screens. Who is signed in shows at
// the sidebar's foot; signed out (the sign-in page) there is no navigation to offer.
import Link from "next/link";
import type { ReactNode } from "react";
import { GaugeIcon, ReportIcon, SettingsIcon, TargetIcon } from "./icons";
import { Logo } from "./logo";
import { NavLink } from "./nav-link";
import { DemoBanner, UserMenu, type ShellUser } from "./user-menu";

const nav = [
  { href: "/slos", label: "SLOs", icon: <TargetIcon className="size-full" /> },
  { href: "/dashboard", label: "Dashboard", icon: <GaugeIcon className="size-full" /> },
  { href: "/reports", label: "Reports", icon: <ReportIcon className="size-full" /> },
  { href: "/settings", label: "Settings", icon: <SettingsIcon className="size-full" /> },
];

/** `user`: who is signed in (null: nobody, as on the sign-in page); `mode`: SIGHTLINE_AUTH. */
export function AppShell({ children, user, mode }: { children: ReactNode; user: ShellUser | null; mode: string }) {
  return (
    <div className="min-h-dvh md:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        Skip to content
      </a>
      {/* The column stretches with the page (dark all the way down); its contents stick in view. */}
      <aside className="bg-zinc-950 md:w-56 md:shrink-0">
        <div className="md:sticky md:top-0 md:flex md:h-dvh md:flex-col">
          <div className="flex items-center gap-4 px-4 py-3 md:block md:px-3 md:py-4">
            <Link href="/slos" className="flex items-center gap-2.5 rounded-md px-1.5 py-1 focus-visible:outline-2 focus-visible:outline-indigo-400">
              <Logo className="size-7" />
              <span className="text-[15px] font-semibold tracking-tight text-white">Sightline</span>
            </Link>
            {user ? (
              <nav aria-label="Main" className="flex gap-1 max-md:ml-auto md:mt-6 md:flex-col">
                {nav.map((n) => (
                  <NavLink key={n.href} href={n.href} icon={n.icon}>
                    {n.label}
                  </NavLink>
                ))}
              </nav>
            ) : null}
          </div>
          <p className="mt-auto hidden px-5 py-4 text-xs leading-relaxed text-zinc-500 md:block">
            Latency SLOs from
            <br />
            OpenTelemetry span metrics
          </p>
          {user ? <UserMenu user={user} mode={mode} /> : null}
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 md:px-10 md:py-8">
        <div className="mx-auto max-w-6xl">
          {mode === "demo" ? <DemoBanner /> : null}
          {children}
        </div>
      </main>
    </div>
  );
}
