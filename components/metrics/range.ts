/** Metric ranges in UTC calendar days ('YYYY-MM-DD', both ends included), as SPEC "Metrics" counts them. */

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The API's longest range (lib/metrics/range.ts). */
const MAX_DAYS = 731;

export type DayRange = { from: string; to: string };

/** The last `days` UTC days up to and including today. */
export function lastDays(days: number, now = Date.now()): DayRange {
  return { from: isoDay(now - (days - 1) * DAY_MS), to: isoDay(now) };
}

/** How many days a range covers, both ends included. */
export const rangeLength = (range: DayRange) => (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS + 1;

/** The same number of days just before `range`, for "compared with the previous period". */
export function previousRange(range: DayRange): DayRange {
  const length = rangeLength(range);
  return { from: isoDay(Date.parse(range.from) - length * DAY_MS), to: isoDay(Date.parse(range.from) - DAY_MS) };
}

/** The calendar quarter (UTC) `quartersBack` before the one holding `now`; the current one ends today. */
export function quarter(quartersBack: number, now = Date.now()): DayRange {
  const today = new Date(now);
  const index = today.getUTCFullYear() * 4 + Math.floor(today.getUTCMonth() / 3) - quartersBack;
  const year = Math.floor(index / 4);
  const month = (index % 4) * 3;
  const from = isoDay(Date.UTC(year, month, 1));
  const end = isoDay(Date.UTC(year, month + 3, 0));
  return { from, to: quartersBack === 0 ? isoDay(now) : end };
}

export const PRESETS = [
  { key: "7", label: "7 days" },
  { key: "30", label: "30 days" },
  { key: "90", label: "90 days" },
  { key: "365", label: "1 year" },
  { key: "quarter", label: "This quarter" },
  { key: "last-quarter", label: "Last quarter" },
] as const;
export type RangeKey = (typeof PRESETS)[number]["key"] | "custom";

const isDay = (value: string | undefined): value is string =>
  value !== undefined && DAY.test(value) && !Number.isNaN(Date.parse(value)) && isoDay(Date.parse(value)) === value;

/**
 * The range the URL asks for: a preset (`?range=30`, `quarter`, `last-quarter`)
 * or a custom `?from=&to=`; anything else falls back to SPEC's 30 days.
 */
export function resolveRange(query: { range?: string; from?: string; to?: string }, now = Date.now()): { key: RangeKey; range: DayRange } {
  if (query.range === "custom" || (query.range === undefined && (query.from || query.to))) {
    const { from, to } = query;
    if (isDay(from) && isDay(to) && from <= to && rangeLength({ from, to }) <= MAX_DAYS) return { key: "custom", range: { from, to } };
  }
  if (query.range === "quarter") return { key: "quarter", range: quarter(0, now) };
  if (query.range === "last-quarter") return { key: "last-quarter", range: quarter(1, now) };
  const days = PRESETS.find((p) => p.key === query.range && /^\d+$/.test(p.key))?.key ?? "30";
  return { key: days, range: lastDays(Number(days), now) };
}
