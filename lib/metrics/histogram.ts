/**
 * Log-spaced duration histograms: mergeable across days and pipelines, so a
 * range's P75 never comes from an average of daily P75s.
 *
 * Bucket i holds durations in [GROWTH^i, GROWTH^(i+1)) ms (bucket 0 also holds
 * everything below 1 ms). A percentile read from a histogram stands each
 * sample in for its bucket's midpoint, so it is within (GROWTH - 1) / 2 = 1%
 * (or 1 ms) of Postgres' `percentile_cont` over the same samples.
 */
export const GROWTH = 1.02;

/** ln(GROWTH), also handed to the rollup SQL so both sides bucket alike. */
export const LN_GROWTH = Math.log(GROWTH);

/**
 * Dense form, as stored in DailyStat's Json columns: `[first bucket, its count,
 * the next bucket's count, ...]`, `[]` when empty. A dense array parses and
 * merges several times faster than a {bucket: count} object.
 */
export type Histogram = number[];

export const bucketOf = (ms: number): number => Math.floor(Math.log(Math.max(ms, 1)) / LN_GROWTH);

/** The value every sample of bucket i stands for: the bucket's midpoint. */
export const bucketValue = (bucket: number): number => (GROWTH ** bucket * (1 + GROWTH)) / 2;

/** A stored Json value as a histogram; anything else (e.g. the column default `{}`) is empty. */
export const asHistogram = (json: unknown): Histogram => (Array.isArray(json) ? (json as Histogram) : []);

export function histogramOf(samples: readonly number[]): Histogram {
  return mergeHistograms(samples.map((ms) => [bucketOf(ms), 1]));
}

export function mergeHistograms(histograms: readonly Histogram[]): Histogram {
  const filled = histograms.filter((histogram) => histogram.length > 1);
  if (filled.length === 0) return [];
  const first = Math.min(...filled.map((histogram) => histogram[0]!));
  const last = Math.max(...filled.map((histogram) => histogram[0]! + histogram.length - 2));
  const counts = new Array<number>(last - first + 1).fill(0);
  for (const histogram of filled) {
    const offset = histogram[0]! - first - 1;
    for (let i = 1; i < histogram.length; i++) counts[offset + i]! += histogram[i]!;
  }
  return [first, ...counts];
}

/**
 * The q-quantile the way `percentile_cont(q)` computes it (linear
 * interpolation between the samples at the closest ranks), with each sample
 * read as its bucket's midpoint. Null for an empty histogram.
 */
export function percentileOf(histogram: Histogram, q: number): number | null {
  const counts = histogram.slice(1);
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const valueAtRank = (rank: number): number => {
    let seen = 0;
    const index = counts.findIndex((count) => (seen += count) > rank);
    return bucketValue(histogram[0]! + index);
  };
  const rank = q * (total - 1);
  const lower = valueAtRank(Math.floor(rank));
  return lower + (rank - Math.floor(rank)) * (valueAtRank(Math.ceil(rank)) - lower);
}
