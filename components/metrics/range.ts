/** Metric ranges in UTC calendar days ('YYYY-MM-DD', both ends included), as SPEC "Metrics" counts them. */

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export type DayRange = { from: string; to: string };

/** The last `days` UTC days up to and including today. */
export function lastDays(days: number, now = Date.now()): DayRange {
  return { from: isoDay(now - (days - 1) * DAY_MS), to: isoDay(now) };
}

/** The same number of days just before `range`, for "compared with the previous period". */
export function previousRange(range: DayRange): DayRange {
  const length = (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS + 1;
  return { from: isoDay(Date.parse(range.from) - length * DAY_MS), to: isoDay(Date.parse(range.from) - DAY_MS) };
}

export const RANGES = [7, 30, 90, 365] as const;
export type RangeDays = (typeof RANGES)[number];

/** `?range=` from the URL, falling back to SPEC's default of 30 days. */
export function parseRange(value: string | undefined): RangeDays {
  const days = Number(value);
  return (RANGES as readonly number[]).includes(days) ? (days as RangeDays) : 30;
}
