"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { focusRing } from "./ui/button";

// Pipeline, release and build pages are reached from the overview, so they count as being in it.
const links = [
  { href: "/", label: "Overview", within: ["/pipelines/", "/releases/", "/builds/"] },
  { href: "/metrics", label: "Metrics", within: [] },
  { href: "/audit", label: "Audit", within: [] },
];
const adminLink = { href: "/admin", label: "Admin", within: [] };

/** The main sections (Admin only for admins); the one you are in is marked for eyes and screen readers. */
export function NavLinks({ isAdmin = false }: { isAdmin?: boolean }) {
  const path = usePathname();
  return (
    <ul className="flex items-center gap-1">
      {(isAdmin ? [...links, adminLink] : links).map(({ href, label, within }) => {
        const current = path === href || within.some((prefix) => path.startsWith(prefix));
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={current ? "page" : undefined}
              className={`rounded-md px-2 py-1.5 ${focusRing} ${
                current
                  ? "bg-zinc-100 font-semibold text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50"
                  : "text-zinc-700 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-zinc-50"
              }`}
            >
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
