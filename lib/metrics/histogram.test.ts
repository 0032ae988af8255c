import { describe, expect, it } from "vitest";
import { bucketOf, bucketValue, GROWTH, histogramOf, mergeHistograms, percentileOf } from "./histogram";
import { percentileCont } from "./test-fixture";

// A deterministic spread of durations from ~1 s to ~3 h (log-uniform).
function durations(count: number, seed: number): number[] {
  let state = seed;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => Math.round(1000 * Math.exp(random() * 9.3)));
}

describe("histogram", () => {
  it("puts each duration in the bucket [GROWTH^i, GROWTH^(i+1)) that holds it, and durations under 1 ms in bucket 0", () => {
    for (const ms of [1, 2, 999, 1000, 60_000, 123_456_789]) {
      const bucket = bucketOf(ms);
      expect(GROWTH ** bucket).toBeLessThanOrEqual(ms);
      expect(GROWTH ** (bucket + 1)).toBeGreaterThan(ms);
    }
    expect([bucketOf(0), bucketOf(-5), bucketOf(0.5)]).toEqual([0, 0, 0]);
  });

  it("stores a histogram densely: first bucket, then a count for every bucket up to the last, zeros included", () => {
    const first = bucketOf(1000);
    expect(histogramOf([1000, 1000, 1000 * GROWTH ** 2])).toEqual([first, 2, 0, 1]);
    expect(histogramOf([])).toEqual([]);
  });

  it("merges histograms into the histogram of all their samples, whatever their bucket ranges", () => {
    const samples = durations(500, 7);
    const parts = [samples.slice(0, 10), samples.slice(10, 11), [], samples.slice(11, 300), samples.slice(300)];
    expect(mergeHistograms(parts.map(histogramOf))).toEqual(histogramOf(samples));
    expect(mergeHistograms([])).toEqual([]);
  });

  it("reads a percentile within 1% of percentile_cont over the same samples", () => {
    for (const [count, seed] of [[1, 1], [2, 2], [3, 3], [10, 4], [1000, 5], [20_000, 6]] as const) {
      const samples = durations(count, seed);
      for (const q of [0, 0.5, 0.75, 0.99, 1]) {
        const exact = percentileCont(samples, q)!;
        expect(Math.abs(percentileOf(histogramOf(samples), q)! - exact) / exact).toBeLessThanOrEqual((GROWTH - 1) / 2);
      }
    }
  });

  it("interpolates between the closest ranks across empty buckets, like percentile_cont", () => {
    // Ranks 0..3, q = 0.75 → rank 2.25: a quarter of the way from the third sample to the fourth.
    const histogram = histogramOf([1000, 2000, 3000, 7000]);
    const [third, fourth] = [bucketValue(bucketOf(3000)), bucketValue(bucketOf(7000))];
    expect(percentileOf(histogram, 0.75)).toBeCloseTo(third + 0.25 * (fourth - third), 6);
  });

  it("has no percentile without samples", () => {
    expect(percentileOf([], 0.75)).toBeNull();
    expect(percentileOf([12, 0, 0], 0.75)).toBeNull();
  });
});
