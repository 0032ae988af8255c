"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

/** An OAuth/OIDC provider the settings enable (lib/auth/options.ts enabledOAuthProviders). */
type ProviderButton = { id: string; name: string };

export function SignInForm({ callbackUrl, initialError, providers }: { callbackUrl: string; initialError: string | null; providers: ProviderButton[] }) {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function submit(form: FormData) {
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email")),
      password: String(form.get("password")),
      redirect: false,
    });
    setPending(false);
    if (result?.ok) window.location.assign(callbackUrl);
    else setError(result?.status === 429 ? "Too many attempts; wait a minute and try again." : "Wrong email or password.");
  }

  return (
    <div className="flex flex-col gap-4">
      <form action={submit} className="flex flex-col gap-3">
        <label className="flex flex-col gap-1 text-sm">
          Email
          <input name="email" type="email" autoComplete="username" required className="rounded border border-zinc-300 bg-transparent px-2 py-1.5 dark:border-zinc-700" />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Password
          <input name="password" type="password" autoComplete="current-password" required className="rounded border border-zinc-300 bg-transparent px-2 py-1.5 dark:border-zinc-700" />
        </label>
        {error ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p> : null}
        <button type="submit" disabled={pending} className="rounded bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 dark:bg-zinc-100 dark:text-zinc-900">
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {providers.length > 0 ? (
        <div className="flex flex-col gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          {/* Links, not buttons: the page's one button named "Sign in" is the password form's. */}
          {providers.map((provider) => (
            <a
              key={provider.id}
              href={`/api/auth/signin/${provider.id}`}
              onClick={(event) => {
                event.preventDefault();
                void signIn(provider.id, { callbackUrl });
              }}
              className="rounded border border-zinc-300 px-3 py-1.5 text-center text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              Sign in with {provider.name}
            </a>
          ))}
        </div>
      ) : null}
    </div>
  );
}
