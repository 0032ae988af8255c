import type { Metadata } from "next";
import { PasswordForm } from "@/components/account/password-form";
import { requireIdentity } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const identity = await requireIdentity();
  return (
    <section className="max-w-sm space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Signed in as {identity.actor} ({identity.role}). Changing your password signs you out everywhere.
      </p>
      <PasswordForm />
    </section>
  );
}
