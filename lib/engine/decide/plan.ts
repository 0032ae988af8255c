// The steps a release gets when it is created.
import type { ReleaseKind, StepKind, StepState } from "./facts";
import { logLine } from "./words";

export type PlannedStep = { position: number; kind: StepKind; name: string; state: StepState; hosts: string[]; log: string };

/** The share of hosts per batch: a rollback goes in batches of at least half the fleet. */
export function batchPercentFor(kind: ReleaseKind, batchPercent: number): number {
  return kind === "rollback" ? Math.max(50, batchPercent) : batchPercent;
}

/**
 * The target's checks, run in parallel (skipped by a rollback), then rollout
 * batches of batchPercent% of the hosts (rounded up, at least one host), hosts
 * in name order. A pipeline without hosts gets the checks only.
 */
export function planSteps(options: {
  kind: ReleaseKind;
  batchPercent: number;
  checkNames: readonly string[];
  hostNames: readonly string[];
  now: Date;
}): PlannedStep[] {
  const { kind, now } = options;
  const skipChecks = kind === "rollback";
  const checks: PlannedStep[] = options.checkNames.map((name, position) => ({
    position,
    kind: "check",
    name,
    state: skipChecks ? "skipped" : "pending",
    hosts: [],
    log: skipChecks ? logLine(now, "skipped: a rollback skips the checks") : "",
  }));
  const hosts = [...options.hostNames].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const size = Math.max(1, Math.ceil((hosts.length * batchPercentFor(kind, options.batchPercent)) / 100));
  const count = Math.ceil(hosts.length / size);
  const batches: PlannedStep[] = Array.from({ length: count }, (_, index) => ({
    position: checks.length + index,
    kind: "batch",
    name: `Batch ${index + 1} of ${count}`,
    state: "pending",
    hosts: hosts.slice(index * size, (index + 1) * size),
    log: "",
  }));
  return [...checks, ...batches];
}
