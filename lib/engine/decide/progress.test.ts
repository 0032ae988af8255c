import { describe, expect, it } from "vitest";
import { DEFAULT_CHECKS, parseTarget } from "../targets/schema";
import { targetFor } from "../targets/target";
import type { StepFacts } from "./facts";
import { planSteps } from "./plan";
import { decideProgress, endSteps, type ProgressFacts } from "./progress";
import { at, T0 } from "./test-fixtures";

const simulated = targetFor(parseTarget({ kind: "simulated", hosts: 4, restartSeconds: 60, checkSeconds: 30 }));
const HOSTS = ["web-1", "web-2", "web-3", "web-4"];
const byRuns = targetFor(parseTarget({ kind: "command", batch: { run: "./deploy" } }));

/** The steps of a fresh release as the store would load them. */
function freshSteps(kind: "deploy" | "rollback" = "deploy", hostNames = HOSTS): StepFacts[] {
  return planSteps({ checkNames: DEFAULT_CHECKS, kind, batchPercent: 50, hostNames, now: T0 }).map((step) => ({ ...step, id: step.position + 1, startedAt: null, finishedAt: null }));
}

function facts(overrides: Partial<ProgressFacts> = {}): ProgressFacts {
  return {
    release: { number: 42, state: "running", startedAt: T0 },
    steps: freshSteps(),
    batch: null,
    target: simulated,
    runs: new Map(),
    stepTimeoutSeconds: 600,
    ...overrides,
  };
}

/** Applies a progress to the steps, as the store writes it. */
function apply(steps: StepFacts[], progress: ReturnType<typeof decideProgress>): StepFacts[] {
  return steps.map((step) => ({ ...step, ...progress.steps.find((change) => change.id === step.id) }));
}

const states = (steps: readonly StepFacts[]) => steps.map((step) => step.state);

/** A release of a run-executed target whose checks passed and whose first batch's run started at 10 s. */
function runningBatch(): StepFacts[] {
  const started = apply(freshSteps(), decideProgress(facts({ release: { number: 42, state: "pending", startedAt: null }, target: byRuns }), T0));
  const passed = new Map([1, 2, 3].map((id) => [id, { state: "succeeded" as const, note: "exit code 0" }]));
  return apply(started, decideProgress(facts({ steps: started, target: byRuns, runs: passed }), at(10)));
}

/** A release whose checks passed and whose first batch started at T0. */
function firstBatchRunning(): StepFacts[] {
  const started = decideProgress(facts({ release: { number: 42, state: "pending", startedAt: null } }), T0);
  const checked = decideProgress(facts({ steps: apply(freshSteps(), started) }), at(30));
  return apply(apply(freshSteps(), started), checked);
}

describe("a release's progress", () => {
  it("starts a pending release and its three checks together", () => {
    const progress = decideProgress(facts({ release: { number: 42, state: "pending", startedAt: null } }), T0);
    expect(progress.release).toEqual({ state: "running", startedAt: T0, finishedAt: null });
    expect(progress.steps.map((step) => [step.id, step.state, step.startedAt, step.log])).toEqual([
      [1, "running", T0, "12:00:00 started"],
      [2, "running", T0, "12:00:00 started"],
      [3, "running", T0, "12:00:00 started"],
    ]);
    expect(progress.startBatch).toBeNull();
  });

  it("waits for the checks, then starts the first batch when they pass", () => {
    const started = apply(freshSteps(), decideProgress(facts({ release: { number: 42, state: "pending", startedAt: null } }), T0));
    expect(decideProgress(facts({ steps: started }), at(29)).steps).toEqual([]);
    const passed = decideProgress(facts({ steps: started }), at(30));
    expect(states(apply(started, passed))).toEqual(["succeeded", "succeeded", "succeeded", "running", "pending"]);
    expect(passed.startBatch).toEqual({ stepId: 4, hosts: ["web-1", "web-2"] });
    expect(passed.steps.find((step) => step.id === 4)?.log).toBe("12:00:30 told 2 hosts to run release #42");
    expect(passed.release).toBeNull();
  });

  it("logs a running batch's progress when it changes, and only then", () => {
    const steps = firstBatchRunning();
    const one = decideProgress(facts({ steps, batch: { onRelease: 1, healthy: 1 } }), at(60));
    expect(one.steps[0]?.log.split("\n").at(-1)).toBe("12:01:00 1/2 hosts on release #42, 1 healthy");
    expect(decideProgress(facts({ steps: apply(steps, one), batch: { onRelease: 1, healthy: 1 } }), at(62)).steps).toEqual([]);
  });

  it("finishes a batch when all its hosts run the release and are healthy, and starts the next one", () => {
    const steps = firstBatchRunning();
    expect(decideProgress(facts({ steps, batch: { onRelease: 2, healthy: 1 } }), at(90)).startBatch).toBeNull();
    const done = decideProgress(facts({ steps, batch: { onRelease: 2, healthy: 2 } }), at(90));
    expect(states(apply(steps, done))).toEqual(["succeeded", "succeeded", "succeeded", "succeeded", "running"]);
    expect(done.startBatch).toEqual({ stepId: 5, hosts: ["web-3", "web-4"] });
  });

  it("succeeds the release when its last batch converges", () => {
    const first = firstBatchRunning();
    const second = apply(first, decideProgress(facts({ steps: first, batch: { onRelease: 2, healthy: 2 } }), at(90)));
    const last = decideProgress(facts({ steps: second, batch: { onRelease: 2, healthy: 2 } }), at(150));
    expect(last.release).toEqual({ state: "succeeded", startedAt: T0, finishedAt: at(150) });
    expect(last.failure).toBeNull();
  });

  it("fails a batch that has not converged within stepTimeoutSeconds, cancels the rest, and fails the release", () => {
    const steps = firstBatchRunning();
    expect(decideProgress(facts({ steps, batch: { onRelease: 2, healthy: 1 } }), at(30 + 599)).release).toBeNull();
    const failed = decideProgress(facts({ steps, batch: { onRelease: 2, healthy: 1 } }), at(30 + 600));
    expect(states(apply(steps, failed))).toEqual(["succeeded", "succeeded", "succeeded", "failed", "canceled"]);
    expect(failed.release).toEqual({ state: "failed", startedAt: T0, finishedAt: at(630) });
    expect(failed.failure).toEqual({ step: "batch", reason: "Batch 1 of 2: 1 of 2 hosts not on release #42 and healthy within 600 s" });
  });

  it("fails the release when a check fails, before any host is touched", () => {
    const started = decideProgress(facts({ release: { number: 42, state: "pending", startedAt: null }, target: byRuns }), T0);
    const steps = apply(freshSteps(), started);
    const progress = decideProgress(facts({ steps, target: byRuns, runs: new Map([[1, { state: "failed", note: "exit code 3" }]]) }), at(5));
    expect(progress.release?.state).toBe("failed");
    expect(progress.failure).toEqual({ step: "check", reason: "Test suite rerun failed" });
    expect(progress.startBatch).toBeNull();
    // The other checks' runs are stopped: their processes are killed.
    expect(progress.stopRuns).toEqual([{ stepId: 2, why: "release #42 failed" }, { stepId: 3, why: "release #42 failed" }]);
  });

  it("starts a rollback's first batch at once: its checks are skipped", () => {
    const progress = decideProgress(facts({ release: { number: 43, state: "pending", startedAt: null }, steps: freshSteps("rollback") }), T0);
    expect(progress.release?.state).toBe("running");
    expect(progress.startBatch).toEqual({ stepId: 4, hosts: ["web-1", "web-2"] });
  });

  it("succeeds a release of a pipeline without hosts when its checks pass", () => {
    const instant = targetFor(parseTarget({ kind: "simulated", hosts: 1, restartSeconds: 0 }));
    const progress = decideProgress(facts({ release: { number: 1, state: "pending", startedAt: null }, steps: freshSteps("deploy", []), target: instant }), T0);
    expect(progress.release).toEqual({ state: "succeeded", startedAt: T0, finishedAt: T0 });
  });

  it("covers the hosts reachable when a batch starts: the unreachable ones are named in its log and left out", () => {
    const progress = decideProgress(
      facts({ release: { number: 43, state: "pending", startedAt: null }, steps: freshSteps("rollback"), unreachable: new Set(["web-2", "web-9"]) }),
      T0,
    );
    expect(progress.startBatch).toEqual({ stepId: 4, hosts: ["web-1"] });
    const batch = progress.steps.find((step) => step.id === 4)!;
    expect(batch.hosts).toEqual(["web-1"]);
    expect(batch.log.split("\n")).toEqual(["12:00:00 left out 1 unreachable host: web-2", "12:00:00 told 1 hosts to run release #43"]);
  });

  it("fails a batch none of whose hosts is reachable, and the release with it", () => {
    const progress = decideProgress(
      facts({ release: { number: 43, state: "pending", startedAt: null }, steps: freshSteps("rollback"), unreachable: new Set(["web-1", "web-2"]) }),
      T0,
    );
    expect(progress.startBatch).toBeNull();
    expect(states(apply(freshSteps("rollback"), progress)).slice(3)).toEqual(["failed", "canceled"]);
    expect(progress.failure).toEqual({ step: "batch", reason: "Batch 1 of 2: none of its 2 hosts is reachable" });
  });

  it("never waits for a batch's hosts that became unreachable, once one host converged", () => {
    const steps = firstBatchRunning();
    const done = decideProgress(facts({ steps, batch: { onRelease: 1, healthy: 1, unreachable: 1 } }), at(60));
    expect(done.startBatch?.stepId).toBe(5);
    expect(done.steps.find((step) => step.id === 4)?.log.split("\n").at(-1)).toBe("12:01:00 1/2 hosts on release #42, 1 healthy, 1 unreachable");
    expect(decideProgress(facts({ steps, batch: { onRelease: 0, healthy: 0, unreachable: 2 } }), at(60)).startBatch).toBeNull();
  });

  it("ends a superseded release's steps: the running one superseded, the pending ones canceled", () => {
    const changes = endSteps(firstBatchRunning(), "superseded", at(40), "ada rolled back from release #42");
    expect(changes.map((change) => [change.id, change.state, change.finishedAt, change.log.split("\n").at(-1)])).toEqual([
      [4, "superseded", at(40), "12:00:40 superseded: ada rolled back from release #42"],
      [5, "canceled", at(40), "12:00:40 canceled: ada rolled back from release #42"],
    ]);
  });

  describe("of a target whose steps are runs (command, webhook)", () => {
    it("starts a run for each check, then for each batch once the checks' runs succeeded", () => {
      const started = decideProgress(facts({ release: { number: 42, state: "pending", startedAt: null }, target: byRuns }), T0);
      expect(started.startRuns).toEqual([1, 2, 3]);
      const passed = new Map([1, 2, 3].map((id) => [id, { state: "succeeded" as const, note: "exit code 0" }]));
      const checked = decideProgress(facts({ steps: apply(freshSteps(), started), target: byRuns, runs: passed }), at(3));
      expect(checked.startRuns).toEqual([4]);
      expect(checked.startBatch).toEqual({ stepId: 4, hosts: ["web-1", "web-2"] });
      expect(checked.steps.find((step) => step.id === 1)?.log.split("\n").at(-1)).toBe("12:00:03 exit code 0");
    });

    it("finishes a batch when its run succeeds: its hosts are on the release", () => {
      const steps = runningBatch();
      const done = decideProgress(facts({ steps, target: byRuns, runs: new Map([[4, { state: "succeeded", note: "exit code 0" }]]) }), at(20));
      expect(done.hostsOnRelease).toEqual(["web-1", "web-2"]);
      expect(done.startRuns).toEqual([5]);
    });

    it("waits for a batch's run, then fails it at the step timeout and stops its run", () => {
      const steps = runningBatch();
      expect(decideProgress(facts({ steps, target: byRuns }), at(10 + 599)).steps).toEqual([]);
      const timedOut = decideProgress(facts({ steps, target: byRuns }), at(10 + 600));
      expect(states(apply(steps, timedOut))).toEqual(["succeeded", "succeeded", "succeeded", "failed", "canceled"]);
      expect(timedOut.failure).toEqual({ step: "batch", reason: "Batch 1 of 2: not finished within 600 s" });
      expect(timedOut.stopRuns).toEqual([{ stepId: 4, why: "step timeout (600 s)" }]);
    });

    it("fails a check at the step timeout too", () => {
      const started = decideProgress(facts({ release: { number: 42, state: "pending", startedAt: null }, target: byRuns, stepTimeoutSeconds: 30 }), T0);
      const late = decideProgress(facts({ steps: apply(freshSteps(), started), target: byRuns, stepTimeoutSeconds: 30 }), at(30));
      expect(late.failure).toEqual({ step: "check", reason: "Test suite rerun failed" });
      expect(late.stopRuns.map((stop) => stop.why)).toEqual(["step timeout (30 s)", "step timeout (30 s)", "step timeout (30 s)"]);
    });
  });
});

describe("a release's progress with metric checks", () => {
  const baking = { failure: null, bakeSeconds: 60 };

  it("keeps a converged batch running for the checks' bake, then finishes it and starts the next", () => {
    const steps = firstBatchRunning();
    const converged = decideProgress(facts({ steps, batch: { onRelease: 2, healthy: 2 }, metrics: baking }), at(90));
    expect(converged.startBatch).toBeNull();
    expect(converged.steps).toEqual([
      expect.objectContaining({ id: 4, state: "running", convergedAt: at(90), log: expect.stringMatching(/12:01:30 2\/2 hosts on release #42, 2 healthy\n12:01:30 baking: metric checks run until 12:02:30 UTC$/) }),
    ]);
    const bakingSteps = apply(steps, converged);
    // Hosts that flap during the bake, or a bake past the step timeout, change nothing: the batch converged.
    expect(decideProgress(facts({ steps: bakingSteps, batch: { onRelease: 2, healthy: 0 }, metrics: baking, stepTimeoutSeconds: 30 }), at(149)).steps).toEqual([]);
    const baked = decideProgress(facts({ steps: bakingSteps, batch: { onRelease: 2, healthy: 0 }, metrics: baking }), at(150));
    expect(states(apply(bakingSteps, baked))).toEqual(["succeeded", "succeeded", "succeeded", "succeeded", "running"]);
    expect(baked.startBatch).toEqual({ stepId: 5, hosts: ["web-3", "web-4"] });
  });

  it("fails the running batch and the release when a check fails, even during the bake, stopping its run", () => {
    const steps = runningBatch();
    const failure = 'metric check "error rate" failed: 0.2 > 0.05, 2 failures with 1 allowed';
    const failed = decideProgress(facts({ steps, target: byRuns, metrics: { failure, bakeSeconds: 60 } }), at(20));
    expect(states(apply(steps, failed))).toEqual(["succeeded", "succeeded", "succeeded", "failed", "canceled"]);
    expect(failed.failure).toEqual({ step: "batch", reason: `Batch 1 of 2: ${failure}` });
    expect(failed.stopRuns).toEqual([{ stepId: 4, why: failure }]);
    expect(failed.release?.state).toBe("failed");
  });

  it("puts a run's hosts on the release once, when it succeeds, and bakes before the next batch", () => {
    const steps = runningBatch();
    const ran = new Map([[4, { state: "succeeded" as const, note: "exit code 0" }]]);
    const converged = decideProgress(facts({ steps, target: byRuns, runs: ran, metrics: baking }), at(20));
    expect(converged.hostsOnRelease).toEqual(["web-1", "web-2"]);
    expect(converged.startRuns).toEqual([]);
    const later = decideProgress(facts({ steps: apply(steps, converged), target: byRuns, runs: ran, metrics: baking }), at(80));
    expect(later.hostsOnRelease).toEqual([]);
    expect(later.startRuns).toEqual([5]);
  });
});
