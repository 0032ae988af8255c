"use client";

import { Button } from "@/components/ui/button";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <h1 className="font-semibold">Shipboard cannot load this page</h1>
      <p className="mt-1 text-sm">
        The database may be unreachable. Shipboard keeps retrying; this page recovers when it is back.
        {error.digest ? ` (error ${error.digest})` : null}
      </p>
      <Button variant="danger" onClick={reset} className="mt-3">
        Try again
      </Button>
    </section>
  );
}
