import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <section className="mx-auto max-w-md space-y-3 py-12 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-zinc-600 dark:text-zinc-400">There is no pipeline, release or build at this address. It may have been deleted, or the link is mistyped.</p>
      <p>
        <Link href="/" className="underline underline-offset-2">
          Back to the overview
        </Link>
      </p>
    </section>
  );
}
