"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { postJson } from "../api";
import { Button } from "../ui/button";

const field = "rounded border border-zinc-300 bg-transparent px-2 py-1.5 dark:border-zinc-700";

/**
 * Choose a password: through an invite link (`token`) or, signed in, by
 * giving the current one. Either way the next step is signing in with it.
 */
export function PasswordForm({ token }: { token?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(form: FormData) {
    const next = String(form.get("next"));
    if (next !== String(form.get("repeat"))) return setError("The two new passwords differ.");
    setPending(true);
    setError(null);
    try {
      if (token) await postJson("/api/invites/accept", { token, password: next });
      else await postJson("/api/me/password", { current: String(form.get("current")), next });
      router.push("/signin");
    } catch (failure) {
      setError((failure as Error).message);
      setPending(false);
    }
  }

  return (
    <form action={submit} className="flex flex-col gap-3">
      {token ? null : (
        <label className="flex flex-col gap-1 text-sm">
          Current password
          <input name="current" type="password" autoComplete="current-password" required className={field} />
        </label>
      )}
      <label className="flex flex-col gap-1 text-sm">
        New password
        <input name="next" type="password" autoComplete="new-password" minLength={8} maxLength={200} required className={field} />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        New password again
        <input name="repeat" type="password" autoComplete="new-password" minLength={8} maxLength={200} required className={field} />
      </label>
      {error ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p> : null}
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Saving…" : token ? "Set password" : "Change password"}
      </Button>
    </form>
  );
}
