import { badRequest } from "../errors";
import { addDays, daysBetween, isoDay, type IsoDay } from "./days";

export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 731;

function parseDay(value: string, field: "from" | "to"): IsoDay {
  const time = Date.parse(value);
  // The round trip rejects days that do not exist (2026-02-30); Postgres dates start long before 1970.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(time) || isoDay(new Date(time)) !== value || value < "1970-01-01") {
    throw badRequest(`${field} must be a day as YYYY-MM-DD`, field);
  }
  return value;
}

/**
 * The UTC days a metrics query covers, both included: `from`..`to` as given,
 * `to` defaulting to today (UTC) and `from` to 30 days ending at `to`.
 */
export function resolveRange(params: { from?: string; to?: string; now?: Date }): { from: IsoDay; to: IsoDay } {
  const to = params.to === undefined ? isoDay(params.now ?? new Date()) : parseDay(params.to, "to");
  const from = params.from === undefined ? addDays(to, 1 - DEFAULT_RANGE_DAYS) : parseDay(params.from, "from");
  if (from > to) throw badRequest("from must not be after to", "from");
  if (daysBetween(from, to) > MAX_RANGE_DAYS) throw badRequest(`a range covers at most ${MAX_RANGE_DAYS} days`, "from");
  return { from, to };
}
