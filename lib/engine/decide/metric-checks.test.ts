import { describe, expect, it } from "vitest";
import { metricCheckSchema } from "../targets/schema";
import { checkFailed, judgeSample, metricFailure, metricGate, nextSampleAt, runsMetricChecks, samplingOpen, type CheckTally } from "./metric-checks";
import { at } from "./test-fixtures";

const errorRate = metricCheckSchema.parse({
  name: "error rate", url: "https://prometheus.example.com", query: "sum(rate(errors[1m]))",
  comparison: ">", threshold: 0.05, intervalSeconds: 10, failuresAllowed: 1, bakeSeconds: 60,
});
const throughput = metricCheckSchema.parse({
  name: "throughput", url: "https://prometheus.example.com", query: "sum(rate(requests[1m]))",
  comparison: "<", threshold: 100, bakeSeconds: 120, onNoData: "fail",
});
const tally = (breaches: number, inconclusive: number, lastValue: number | null = 0.2): CheckTally => ({
  breaches, inconclusive, lastFailure: breaches + inconclusive > 0 ? { value: lastValue } : null,
});

describe("a metric check's samples", () => {
  it("breach past the threshold in the check's direction, hold at it, and are inconclusive without a finite value", () => {
    expect(judgeSample(errorRate, 0.06)).toBe("breach");
    expect(judgeSample(errorRate, 0.05)).toBe("ok");
    expect(judgeSample(errorRate, 0)).toBe("ok");
    expect(judgeSample(throughput, 99.5)).toBe("breach");
    expect(judgeSample(throughput, 100)).toBe("ok");
    expect(judgeSample(errorRate, null)).toBe("inconclusive");
    expect(judgeSample(errorRate, Number.NaN)).toBe("inconclusive");
  });

  it("takes defaults for what a check leaves out: every 30 s, no failure allowed, no bake, no data ignored", () => {
    expect(metricCheckSchema.parse({ name: "p99", url: "http://prometheus:9090", query: "q", comparison: ">", threshold: 1 })).toMatchObject({
      intervalSeconds: 30, failuresAllowed: 0, bakeSeconds: 0, onNoData: "ignore",
    });
  });
});

describe("breach counting", () => {
  it("fails the release only when breaches go past failuresAllowed, naming the check, its value and the threshold", () => {
    expect(metricFailure([errorRate], new Map([["error rate", tally(1, 0)]]))).toBeNull();
    expect(metricFailure([errorRate], new Map([["error rate", tally(2, 0, 0.2)]]))).toBe(
      'metric check "error rate" failed: 0.2 > 0.05, 2 failures with 1 allowed',
    );
  });

  it("counts samples without data only for a check with onNoData: fail", () => {
    expect(checkFailed(errorRate, tally(1, 5))).toBe(false);
    expect(checkFailed(throughput, tally(0, 1, null))).toBe(true);
    expect(metricFailure([errorRate, throughput], new Map([["error rate", tally(0, 9, null)], ["throughput", tally(0, 1, null)]]))).toBe(
      'metric check "throughput" failed: no data (onNoData: fail; threshold < 100), 1 failure with 0 allowed',
    );
  });

  it("holds while no sample was taken, and bakes converged batches for the longest bake of the checks", () => {
    expect(metricGate([errorRate, throughput], new Map())).toEqual({ failure: null, bakeSeconds: 120 });
    expect(metricGate([], new Map())).toEqual({ failure: null, bakeSeconds: 0 });
  });

  it("is skipped by rollbacks", () => {
    expect(runsMetricChecks("deploy")).toBe(true);
    expect(runsMetricChecks("promote")).toBe(true);
    expect(runsMetricChecks("rollback")).toBe(false);
  });
});

describe("bake timing", () => {
  const rolling = { convergedAt: null };
  const converged = { convergedAt: at(100) };

  it("samples during the batch and for the check's own bakeSeconds after its hosts converged", () => {
    expect(samplingOpen(errorRate, rolling, at(10_000))).toBe(true);
    expect(samplingOpen(errorRate, converged, at(159))).toBe(true);
    expect(samplingOpen(errorRate, converged, at(160))).toBe(false);
    expect(samplingOpen(throughput, converged, at(219))).toBe(true);
  });

  it("schedules the first sample at once and each next one an interval after the last, once the last one's time came", () => {
    expect(nextSampleAt(errorRate, null, rolling, at(0))).toEqual(at(0));
    expect(nextSampleAt(errorRate, at(0), rolling, at(5))).toEqual(at(10));
    expect(nextSampleAt(errorRate, at(10), rolling, at(5))).toBeNull();
    // A later batch after a pause: at once.
    expect(nextSampleAt(errorRate, at(10), rolling, at(95))).toEqual(at(95));
  });

  it("schedules no sample past the check's bake", () => {
    expect(nextSampleAt(errorRate, at(140), converged, at(150))).toEqual(at(150));
    expect(nextSampleAt(errorRate, at(150), converged, at(155))).toBeNull();
    expect(nextSampleAt(errorRate, at(150), converged, at(161))).toBeNull();
  });
});
