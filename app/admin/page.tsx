import type { Metadata } from "next";
import { TokensSection } from "@/components/admin/tokens-section";
import { UsersSection } from "@/components/admin/users-section";
import { subtle } from "@/components/ui/table";
import { requireIdentity } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/auth/tokens";
import { listUsers } from "@/lib/auth/users";

export const metadata: Metadata = { title: "Admin" };

/** Users' roles and API tokens; the API behind it is admin-only too, so this page only spares others a wall of 403s. */
export default async function AdminPage() {
  const identity = await requireIdentity();
  if (identity.role !== "admin") {
    return (
      <section className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
        <p data-testid="admins-only" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          Admins only. You are signed in as {identity.actor} with the {identity.role} role; ask an admin if you need access.
        </p>
      </section>
    );
  }
  const [users, tokens] = await Promise.all([listUsers(), listApiTokens()]);
  return (
    <div className="space-y-5">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
        <p className={`text-sm ${subtle}`}>Who may do what: people&apos;s roles and the API tokens of CI, agents and scripts. Every change is audited.</p>
      </header>
      <UsersSection initial={users} selfId={identity.userId} />
      <TokensSection initial={tokens} />
    </div>
  );
}
