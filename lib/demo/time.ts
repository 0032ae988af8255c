export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A `timestamp` literal (Prisma stores UTC without a zone), so no client time zone can shift it. */
export function sqlTimestamp(ms: number): string;
export function sqlTimestamp(ms: number | null): string | null;
export function sqlTimestamp(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString().slice(0, -1);
}

/** "2m 41s", "45s": how step logs state durations. */
export function spoken(ms: number): string {
  const seconds = Math.round(ms / SECOND);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, "0")}s`;
}

export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
