import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { CommitSearch } from "@/components/commit/commit-search";
import { EmergencyBanner, EmergencyStopButton } from "@/components/emergency/emergency-stop";
import { NavLinks } from "@/components/nav-links";
import { Providers } from "@/components/providers";
import { currentIdentity } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { emergencyStopState } from "@/lib/engine";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Shipboard", template: "%s · Shipboard" },
  description: "Deploy status and control",
  // public/ (drawn by scripts/icons.mjs): a tab icon per colour scheme, home-screen icons in the manifest.
  manifest: "/manifest.webmanifest",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "32x32" },
      { url: "/icon-light.svg", type: "image/svg+xml", media: "(prefers-color-scheme: light)" },
      { url: "/icon-dark.svg", type: "image/svg+xml", media: "(prefers-color-scheme: dark)" },
    ],
    apple: "/apple-touch-icon.png",
  },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#18181b" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const identity = await currentIdentity();
  const emergency = identity ? await emergencyStopState(db) : null;
  return (
    <html lang="en">
      <body className="min-h-screen bg-zinc-50 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-zinc-900">
          Skip to content
        </a>
        <Providers>
          <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
            <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5 text-sm">
              <Link href="/" className="mr-2 font-semibold tracking-tight">
                <span aria-hidden>⚓ </span>Shipboard
              </Link>
              <NavLinks isAdmin={identity?.role === "admin"} />
              {identity ? (
                <div className="ml-auto flex min-w-0 flex-wrap items-center justify-end gap-x-3 gap-y-2 text-zinc-600 dark:text-zinc-400">
                  <CommitSearch />
                  <span className="max-w-[12rem] truncate sm:max-w-xs" data-testid="signed-in-as" title={`${identity.actor} (${identity.role})`}>
                    {identity.actor} <span className="text-xs">({identity.role})</span>
                  </span>
                  {emergency && identity.role === "admin" ? <EmergencyStopButton initial={emergency} /> : null}
                  <Link href="/account" className="rounded-md px-2 py-1.5 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600">
                    Account
                  </Link>
                  {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- next-auth's sign-out is a route handler, not a page: it needs a full navigation */}
                  <a href="/api/auth/signout" className="rounded-md px-2 py-1.5 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600">
                    Sign out
                  </a>
                </div>
              ) : null}
            </nav>
          </header>
          {emergency ? <EmergencyBanner initial={emergency} /> : null}
          <main id="main" className="mx-auto max-w-6xl px-4 py-6">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
