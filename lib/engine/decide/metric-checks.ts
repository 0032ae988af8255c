// SPEC "Guardrails > Metric checks": how a sample counts, when a check samples,
// and whether a release's checks still hold. Pure: the store loads the samples'
// tallies from Postgres (every worker sees the same) and applies the answers.
import type { MetricCheck } from "../targets/schema";
import type { ReleaseKind } from "./facts";

/** A rollback runs no metric checks: it goes back to a build that held, as fast as it can. */
export const runsMetricChecks = (kind: ReleaseKind): boolean => kind !== "rollback";

export type SampleOutcome = "ok" | "breach" | "inconclusive";

/** How one query's value counts: null (an error, a timeout, no data) is inconclusive. */
export function judgeSample(check: Pick<MetricCheck, "comparison" | "threshold">, value: number | null): SampleOutcome {
  if (value === null || !Number.isFinite(value)) return "inconclusive";
  const breached = check.comparison === ">" ? value > check.threshold : value < check.threshold;
  return breached ? "breach" : "ok";
}

/** A check's samples so far over one release. */
export type CheckTally = {
  breaches: number;
  inconclusive: number;
  /** The latest sample that counted as a failure: its value (null for no data). */
  lastFailure: { value: number | null } | null;
};

/** Whether a sample counts against failuresAllowed: a breach, or no value when the check says `onNoData: "fail"`. */
export function countsAsFailure(check: Pick<MetricCheck, "onNoData">, outcome: SampleOutcome): boolean {
  return outcome === "breach" || (outcome === "inconclusive" && check.onNoData === "fail");
}

/** Breaches, plus samples without a value when the check says `onNoData: "fail"`. */
export function failuresOf(check: Pick<MetricCheck, "onNoData">, tally: CheckTally): number {
  return tally.breaches + (check.onNoData === "fail" ? tally.inconclusive : 0);
}

/** Whether the check's failures went past what it allows: it fails the release. */
export function checkFailed(check: Pick<MetricCheck, "onNoData" | "failuresAllowed">, tally: CheckTally): boolean {
  return failuresOf(check, tally) > check.failuresAllowed;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * Why the release fails: the first check whose failures went past
 * failuresAllowed, named with its last failing value and the threshold; null
 * while every check holds.
 */
export function metricFailure(checks: readonly MetricCheck[], tallies: ReadonlyMap<string, CheckTally>): string | null {
  for (const check of checks) {
    const tally = tallies.get(check.name);
    if (!tally || !checkFailed(check, tally)) continue;
    const failures = failuresOf(check, tally);
    const value = tally.lastFailure?.value ?? null;
    const what = value === null ? `no data (onNoData: fail; threshold ${check.comparison} ${check.threshold})` : `${value} ${check.comparison} ${check.threshold}`;
    return `metric check "${check.name}" failed: ${what}, ${plural(failures, "failure")} with ${check.failuresAllowed} allowed`;
  }
  return null;
}

/** How long a converged batch keeps running for its checks: the longest bake of them. */
export function bakeSecondsOf(checks: readonly Pick<MetricCheck, "bakeSeconds">[]): number {
  return checks.reduce((longest, check) => Math.max(longest, check.bakeSeconds), 0);
}

/** What the progress decision asks of a release's metric checks. */
export type MetricGate = {
  /** Why the release fails now, or null. */
  failure: string | null;
  /** How long a batch keeps running after its hosts converged. */
  bakeSeconds: number;
};

export function metricGate(checks: readonly MetricCheck[], tallies: ReadonlyMap<string, CheckTally>): MetricGate {
  return { failure: metricFailure(checks, tallies), bakeSeconds: bakeSecondsOf(checks) };
}

/** When a converged batch is done: its convergence plus the bake. */
export function bakeEnd(convergedAt: Date, bakeSeconds: number): Date {
  return new Date(convergedAt.getTime() + bakeSeconds * 1000);
}

/**
 * Whether a check samples at `at` during the running batch: while the batch
 * rolls out, and for the check's own bakeSeconds after its hosts converged.
 */
export function samplingOpen(check: Pick<MetricCheck, "bakeSeconds">, batch: { convergedAt: Date | null }, at: Date): boolean {
  return batch.convergedAt === null || at < bakeEnd(batch.convergedAt, check.bakeSeconds);
}

/**
 * The due time of the check's next sample, or null when none is due now: the
 * first is due at once, each next one intervalSeconds after the last (at once
 * if that is past, e.g. when a later batch starts), and only while sampling is
 * open. The engine queues it when the last one's time has come.
 */
export function nextSampleAt(
  check: Pick<MetricCheck, "intervalSeconds" | "bakeSeconds">,
  scheduledAt: Date | null,
  batch: { convergedAt: Date | null },
  now: Date,
): Date | null {
  if (scheduledAt !== null && scheduledAt > now) return null;
  if (!samplingOpen(check, batch, now)) return null;
  const next = scheduledAt === null ? now : new Date(scheduledAt.getTime() + check.intervalSeconds * 1000);
  const due = next < now ? now : next;
  return samplingOpen(check, batch, due) ? due : null;
}
