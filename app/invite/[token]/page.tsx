import type { Metadata } from "next";
import { PasswordForm } from "@/components/account/password-form";

export const metadata: Metadata = { title: "Accept invite" };

/** The one-time link an admin passed on: choose a password, then sign in with it. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <section className="mx-auto mt-12 max-w-sm rounded-lg border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
      <h1 className="mb-1 text-lg font-semibold">Welcome to Shipboard</h1>
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">Choose a password for your account; the link then stops working.</p>
      <PasswordForm token={token} />
    </section>
  );
}
