import { startOfDay } from "../format";

const DAY_MS = 86_400_000;

/** The audit list's date presets, in the viewer's own days. */
export const WHEN_PRESETS = [
  { value: "today", label: "Today" },
  { value: "yesterday", label: "Yesterday" },
  { value: "7d", label: "Last 7 days" },
] as const;
export type When = (typeof WHEN_PRESETS)[number]["value"];

export const parseWhen = (value: string | undefined): When | undefined => WHEN_PRESETS.find((p) => p.value === value)?.value;

/** A time zone the runtime knows, else UTC (the zone comes from the URL). */
export function knownZone(zone: string | undefined): string {
  if (!zone) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}

/** A preset as instants: today since local midnight, yesterday midnight to midnight, the last 7 days including today. */
export function whenRange(when: When, timeZone: string, now = Date.now()): { from: string; to?: string } {
  const today = startOfDay(now, timeZone);
  if (when === "today") return { from: today.toISOString() };
  if (when === "yesterday") return { from: startOfDay(today.getTime() - DAY_MS / 2, timeZone).toISOString(), to: today.toISOString() };
  return { from: startOfDay(now - 6 * DAY_MS, timeZone).toISOString() };
}
