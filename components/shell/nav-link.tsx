"use client";
// Client only because the active state comes from the current path.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cx } from "../ui/cx";

export function NavLink({ href, icon, children }: { href: string; icon: ReactNode; children: ReactNode }) {
  const pathname = usePathname();
  const active = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cx(
        "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-400",
        active ? "bg-white/10 text-white" : "text-zinc-400 hover:bg-white/5 hover:text-zinc-100",
      )}
    >
      <span className={cx("size-4.5 shrink-0", active ? "text-indigo-300" : "text-zinc-500")}>{icon}</span>
      {/* Phones get icons only; the label stays for screen readers. */}
      <span className="max-sm:sr-only">{children}</span>
    </Link>
  );
}
