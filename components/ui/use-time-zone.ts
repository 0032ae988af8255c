"use client";

import { useSyncExternalStore } from "react";

const noChange = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The viewer's IANA time zone. The server renders UTC (it cannot know the
 * zone), then hydration switches to the browser's, so times never mismatch.
 */
export function useTimeZone(): string {
  return useSyncExternalStore(noChange, browserZone, () => "UTC");
}
