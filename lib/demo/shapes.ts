// The steps of one demo release, timed relative to its creation: the same
// shape the engine records (3 checks in parallel, then rollout batches).
import { batchPercentFor } from "@/lib/engine/decide/plan";
import type { StepKind, StepState } from "@/lib/generated/prisma/enums";
import { BATCH_PERCENT, STEP_TIMEOUT_SECONDS, type DemoPipeline } from "./pipelines";
import type { Random } from "./random";
import { clamp, MINUTE, SECOND, spoken } from "./time";

/** A log line `at` ms after the release was created. */
export type Note = { at: number; text: string };

export type StepShape = {
  kind: StepKind;
  name: string;
  state: StepState;
  hosts: readonly string[];
  start: number | null;
  end: number | null;
  notes: Note[];
};

export type ReleaseShape = {
  /** From created to started: the tick that picks the release up. */
  startDelay: number;
  /** From created to finished. */
  total: number;
  steps: StepShape[];
  /** Why the release failed, for the audit event; null when it succeeded. */
  failure: string | null;
};

export type Fleet = { pipeline: DemoPipeline; hostNames: readonly string[] };

const count = (n: number) => n.toLocaleString("en-US");

const [SUITE, STAGING, PRE_PRODUCTION] = ["Test suite rerun", "Staging smoke", "Pre-production smoke"] as const;

function batchesOf(hosts: readonly string[], percent: number): string[][] {
  const size = Math.max(1, Math.ceil((hosts.length * percent) / 100));
  const batches = [];
  for (let i = 0; i < hosts.length; i += size) batches.push(hosts.slice(i, i + size));
  return batches;
}

function check(name: string, start: number, duration: number, opening: string, verdict: string): StepShape {
  const end = start + duration;
  return {
    kind: "check", name, state: "succeeded", hosts: [], start, end,
    notes: [{ at: start, text: opening }, { at: end, text: verdict }],
  };
}

function checkSteps(rng: Random, fleet: Fleet, start: number, duration: number): StepShape[] {
  const tests = fleet.pipeline.tests + rng.int(-400, 400);
  const smokeChecks = rng.int(28, 64);
  const requests = rng.int(400, 1200);
  return [
    check(SUITE, start, duration, `Rerunning ${count(tests)} tests on ${rng.int(12, 48)} shards`,
      `${count(tests)} passed, 0 failed in ${spoken(duration)}`),
    check(STAGING, start, duration * rng.between(0.3, 0.7), "Deploying to staging",
      `${smokeChecks}/${smokeChecks} smoke checks passed on staging`),
    check(PRE_PRODUCTION, start, duration * rng.between(0.4, 0.9), "Sending canary traffic to pre-production",
      `${count(requests)} requests, 0 errors, p99 ${rng.int(80, 420)} ms`),
  ];
}

const skippedCheck = (name: string, at: number): StepShape => ({
  kind: "check", name, state: "skipped", hosts: [], start: null, end: null,
  notes: [{ at, text: "Skipped: a rollback skips the checks" }],
});

/** Rollout batches one after another from `start`; `failing` names the batch that does not converge. */
function batchSteps(rng: Random, groups: string[][], start: number, duration: number, failing: number | null) {
  const weights = groups.map(() => rng.between(0.8, 1.25));
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const steps: StepShape[] = [];
  let failure: string | null = null;
  let at = start;
  groups.forEach((hosts, i) => {
    const name = `Batch ${i + 1} of ${groups.length}`;
    if (failure !== null) {
      steps.push({ kind: "batch", name, state: "canceled", hosts, start: null, end: null, notes: [] });
      return;
    }
    const opening = { at, text: `Restarting ${hosts.length} hosts: ${hosts[0]} … ${hosts.at(-1)}` };
    if (i === failing) {
      const end = at + STEP_TIMEOUT_SECONDS * SECOND + rng.between(1, 5) * SECOND;
      const stuck = hosts.filter(() => rng.chance(0.05)).slice(0, 4);
      const unhealthy = stuck.length > 0 ? stuck : [rng.pick(hosts)];
      failure = `${name} did not converge within ${STEP_TIMEOUT_SECONDS} s: ${unhealthy.length} of ${hosts.length} hosts unhealthy (${unhealthy.join(", ")})`;
      const verdict = `${hosts.length - unhealthy.length}/${hosts.length} healthy after ${STEP_TIMEOUT_SECONDS}s; not converged: ${unhealthy.join(", ")}`;
      steps.push({ kind: "batch", name, state: "failed", hosts, start: at, end, notes: [opening, { at: end, text: verdict }] });
      at = end;
      return;
    }
    const end = at + (duration * weights[i]!) / totalWeight;
    const verdict = `${hosts.length}/${hosts.length} healthy after ${spoken(end - at)}`;
    steps.push({ kind: "batch", name, state: "succeeded", hosts, start: at, end, notes: [opening, { at: end, text: verdict }] });
    at = end;
  });
  return { steps, end: at, failure };
}

/** A CD deploy: checks take ~40% of a log-normal duration, batches the rest; a failing one times out in a batch. */
export function deployShape(rng: Random, fleet: Fleet, fails: boolean): ReleaseShape {
  const startDelay = rng.between(0.3, 1.5) * SECOND;
  const duration = clamp(rng.lognormal(fleet.pipeline.deployMedianMinutes * MINUTE, 0.45), 4 * MINUTE, 45 * MINUTE);
  const checksTake = duration * rng.between(0.35, 0.45);
  const groups = batchesOf(fleet.hostNames, BATCH_PERCENT);
  const failing = fails ? rng.int(0, groups.length - 1) : null;
  const batches = batchSteps(rng, groups, startDelay + checksTake, duration - checksTake, failing);
  const steps = [...checkSteps(rng, fleet, startDelay, checksTake), ...batches.steps];
  return { startDelay, total: batches.end, steps, failure: batches.failure };
}

/** A rollback: no checks, the engine's rollback batches, about two minutes. */
export function rollbackShape(rng: Random, fleet: Fleet): ReleaseShape {
  const startDelay = rng.between(0.3, 1.5) * SECOND;
  const duration = clamp(rng.lognormal(110 * SECOND, 0.3), 60 * SECOND, 5 * MINUTE);
  const groups = batchesOf(fleet.hostNames, batchPercentFor("rollback", BATCH_PERCENT));
  const batches = batchSteps(rng, groups, startDelay, duration, null);
  const checks = [SUITE, STAGING, PRE_PRODUCTION].map((name) => skippedCheck(name, startDelay));
  return { startDelay, total: batches.end, steps: [...checks, ...batches.steps], failure: null };
}
