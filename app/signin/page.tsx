import type { Metadata } from "next";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  const { error, callbackUrl } = await searchParams;
  return (
    <section className="mx-auto mt-12 max-w-sm rounded-lg border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
      <h1 className="mb-4 text-lg font-semibold">Sign in to Shipboard</h1>
      <SignInForm callbackUrl={callbackUrl?.startsWith("/") ? callbackUrl : "/"} initialError={error ? "Wrong email or password." : null} />
    </section>
  );
}
