"use client";

import { useTimeZone } from "../ui/use-time-zone";

/** Sends the viewer's time zone with the filter form, so "today" is the viewer's today. */
export function TimeZoneField() {
  return <input type="hidden" name="tz" value={useTimeZone()} suppressHydrationWarning />;
}
