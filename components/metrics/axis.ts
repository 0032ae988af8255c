/** Chart axes for durations: round steps (5 m, 15 m, 1 h…) and short labels ("15m", "1h 30m"). */

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const NICE_STEPS = [S, 5 * S, 10 * S, 15 * S, 30 * S, M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M, H, 2 * H, 3 * H, 6 * H, 12 * H, D, 2 * D, 7 * D];

/** 0 and round multiples of one step, at most `count` steps, covering `maxMs`. */
export function durationTicks(maxMs: number, count = 4): number[] {
  if (!(maxMs > 0)) return [0];
  const step = NICE_STEPS.find((s) => maxMs / s <= count) ?? Math.ceil(maxMs / count / D) * D;
  const steps = Math.ceil(maxMs / step);
  return Array.from({ length: steps + 1 }, (_, i) => i * step);
}

/** "0", "45s", "15m", "1h", "1h 30m", "2d": short enough for an axis; the space does not break, so a label never wraps. */
export function formatDurationTick(ms: number): string {
  if (ms === 0) return "0";
  if (ms < M) return `${Math.round(ms / S)}s`;
  if (ms < H) return `${Math.round(ms / M)}m`;
  if (ms < D) {
    const minutes = Math.round((ms % H) / M);
    return minutes ? `${Math.floor(ms / H)}h\u00a0${minutes}m` : `${Math.floor(ms / H)}h`;
  }
  return `${Math.round(ms / D)}d`;
}

/** Whether a series has a day with a value between two days without: a line cannot show it, a dot can. */
export const hasLonePoints = (values: (number | null)[]) =>
  values.some((v, i) => v !== null && (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null);
