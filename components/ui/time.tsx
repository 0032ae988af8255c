"use client";

import { formatAbsolute, formatRelative } from "../format";
import { useNow } from "./use-now";

/** "12 min ago", with the exact UTC time on hover; kept current without a reload. */
export function RelativeTime({ at, className }: { at: string | null; className?: string }) {
  const now = useNow();
  if (!at) return <span className={className}>—</span>;
  return (
    // The server's clock and the browser's differ by the time it took to arrive.
    <time dateTime={at} title={formatAbsolute(at)} className={className} suppressHydrationWarning>
      {formatRelative(at, now)}
    </time>
  );
}
