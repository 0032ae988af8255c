import { formatDuration, formatPercent, formatRate } from "../format";
import type { Dora } from "./types";

export type Trend = { arrow: "▲" | "▼" | "■"; words: string; verdict: "better" | "worse" | "same" | "new" };

/** Fewer releases than this in either period make a percentage noise ("up 6710%"), not a trend. */
export const MIN_RELEASES_TO_COMPARE = 5;

/**
 * How a key moved against the previous period, and whether that is good news
 * for this key; `releases` counts what each period's numbers rest on.
 */
export function trend(current: number | null, previous: number | null, higherIsBetter: boolean, releases?: { current: number; previous: number }): Trend {
  if (current === null || previous === null) return { arrow: "■", words: "no data to compare", verdict: "new" };
  if (releases && Math.min(releases.current, releases.previous) < MIN_RELEASES_TO_COMPARE) return { arrow: "■", words: "not enough data to compare", verdict: "new" };
  if (current === previous) return { arrow: "■", words: "unchanged", verdict: "same" };
  const up = current > previous;
  const change = previous === 0 ? null : Math.abs(current - previous) / previous;
  const words = change === null ? (up ? "up from 0" : "down") : `${up ? "up" : "down"} ${formatPercent(change)}`;
  return { arrow: up ? "▲" : "▼", words, verdict: up === higherIsBetter ? "better" : "worse" };
}

/** The DORA four keys, in the order people name them, with which way is good. */
export const doraKeys: { key: keyof Dora; label: string; higherIsBetter: boolean; hint: string }[] = [
  { key: "deploysPerDay", label: "Deploys per day", higherIsBetter: true, hint: "succeeded deploys and promotes, averaged over the range" },
  { key: "leadTimeP75Ms", label: "Lead time (P75)", higherIsBetter: false, hint: "from commit to live" },
  { key: "changeFailureRate", label: "Change failure rate", higherIsBetter: false, hint: "(failed + rollbacks) / (deploys + failed)" },
  { key: "timeToRestoreP75Ms", label: "Time to restore (P75)", higherIsBetter: false, hint: "from the bad release going live to its rollback finishing" },
];

/** A DORA key's value as the tile shows it (the e2e test reads tiles through this too). */
export function formatDoraValue(key: keyof Dora, value: number | null): string {
  if (key === "deploysPerDay") return formatRate(value);
  if (key === "changeFailureRate") return formatPercent(value);
  return formatDuration(value);
}
