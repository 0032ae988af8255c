"use client";

import { formatAbsolute, formatRelative } from "../format";
import { useNow } from "./use-now";
import { useTimeZone } from "./use-time-zone";

/**
 * "12 min ago" (or what `format` says of the time), with the exact time in the viewer's zone on hover and on
 * focus (keyboard and touch users tab or tap to it); kept current without a reload.
 */
export function RelativeTime({ at, className, format = formatRelative }: { at: string | null; className?: string; format?: (iso: string, now: number) => string }) {
  const now = useNow();
  const zone = useTimeZone();
  if (!at) return <span className={className}>—</span>;
  const exact = formatAbsolute(at, zone);
  return (
    <span className="group relative inline-block">
      {/* The server's clock and the browser's differ by the time it took to arrive. */}
      <time
        dateTime={at}
        tabIndex={0}
        data-testid="relative-time"
        className={`rounded-sm focus-visible:outline-2 focus-visible:outline-sky-600 ${className ?? ""}`}
        suppressHydrationWarning
      >
        {format(at, now)}
        <span className="sr-only">, {exact}</span>
      </time>
      <span
        role="tooltip"
        aria-hidden
        className="pointer-events-none absolute bottom-full left-0 z-20 mb-1 hidden whitespace-nowrap rounded bg-zinc-900 px-2 py-1 text-xs font-normal text-white shadow group-focus-within:block group-hover:block dark:bg-zinc-100 dark:text-zinc-900"
      >
        {exact}
      </span>
    </span>
  );
}
