import type { Metadata } from "next";
import { enabledOAuthProviders } from "@/lib/auth/options";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

// next-auth's error codes (?error=…) in words.
function errorMessage(error: string | undefined): string | null {
  if (!error) return null;
  if (error === "CredentialsSignin") return "Wrong email or password.";
  if (error === "AccessDenied") return "That account may not sign in to Shipboard.";
  if (error.startsWith("OAuth") || error === "Callback") return "Sign-in with that provider failed; try again.";
  return "Sign-in failed; try again.";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  const { error, callbackUrl } = await searchParams;
  return (
    <section className="mx-auto mt-12 max-w-sm rounded-lg border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
      <h1 className="mb-4 text-lg font-semibold">Sign in to Shipboard</h1>
      <SignInForm
        callbackUrl={safeCallbackPath(callbackUrl)}
        initialError={errorMessage(error)}
        providers={enabledOAuthProviders()}
      />
    </section>
  );
}
