"use client";

import { useUnreachable } from "./use-reachable";

/** Says so when polling fails or the server stops answering, so a stale screen is never mistaken for a calm one. */
export function StaleBanner({ error }: { error: Error | null }) {
  const unreachable = useUnreachable();
  const why = unreachable ?? error?.message;
  if (!why) return null;
  return (
    <p role="status" data-testid="stale-banner" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <span aria-hidden>⚠ </span>Live updates paused: {why}. Shipboard keeps retrying; what you see may be out of date.
    </p>
  );
}
