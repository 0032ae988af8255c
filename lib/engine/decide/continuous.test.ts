import { describe, expect, it } from "vitest";
import { decideDeployment, type DeploymentFacts } from "./continuous";
import { at, build, candidate, deploymentFacts, pipeline } from "./test-fixtures";

const now = at(3600);
const currentOn = (n: number) => ({ number: n, build: build(n) });
const activeOn = (n: number, overrides: Partial<NonNullable<DeploymentFacts["active"]>> = {}) => ({
  id: 70, number: 7, kind: "deploy" as const, state: "running" as const, build: build(n), runningStep: { kind: "batch" as const, name: "Batch 2 of 4" },
  createdAt: at(3500), advancedAt: at(3598), waitingRun: null, ...overrides,
});
const decide = (overrides: Partial<DeploymentFacts>) => decideDeployment(deploymentFacts(overrides), now);

describe("rule 1: continuous deployment", () => {
  it("deploys the newest passed build when it is newer than the current release's build", () => {
    const decision = decide({ builds: [candidate(11)], current: currentOn(10) });
    expect(decision.deploy?.id).toBe(11);
    expect(decision.blocker).toEqual({ code: "waiting-for-tick", message: "Build #11 deploys on the next tick" });
  });

  it("deploys the first build of a pipeline that has no current release", () => {
    expect(decide({ builds: [candidate(1)] }).deploy?.id).toBe(1);
  });

  it("does nothing, with no blocker, when no build has passed", () => {
    expect(decide({ builds: [candidate(3, { state: "running" }), candidate(2, { state: "failed" })] })).toEqual({ deploy: null, blocker: null });
  });

  it("skips the builds in between: only the newest passed build goes, the older ones are not queued", () => {
    expect(decide({ builds: [candidate(11), candidate(13), candidate(12)], current: currentOn(10) }).deploy?.id).toBe(13);
  });

  it("lets a newer green build that arrives mid-rollout go next, once the running release finishes", () => {
    const midRollout = decide({ builds: [candidate(12)], current: currentOn(9), active: activeOn(10) });
    expect(midRollout.deploy).toBeNull();
    expect(midRollout.blocker).toEqual({
      code: "release-active",
      message: "Release #7 (deploy of build #10) is running (Batch 2 of 4); build #12 waits for it to finish",
    });
    expect(decide({ builds: [candidate(12)], current: currentOn(10) }).deploy?.id).toBe(12);
  });

  it("says the newest build is on its way while its own release runs its checks", () => {
    const decision = decide({ builds: [candidate(10)], active: activeOn(10, { runningStep: { kind: "check", name: "Staging smoke" } }) });
    expect(decision.blocker).toEqual({ code: "release-active", message: "Build #10 is on its way: release #7 is running (checks)" });
  });

  it("calls a release stuck when no worker advanced it for over 60 s, naming the step and since when", () => {
    expect(decide({ builds: [candidate(10)], active: activeOn(10, { advancedAt: at(3540) }) }).blocker?.code).toBe("release-active");
    expect(decide({ builds: [candidate(10)], active: activeOn(10, { advancedAt: at(3539) }) }).blocker).toEqual({
      code: "stuck",
      message: "Release #7 is stuck at Batch 2 of 4: no worker has advanced it since 12:58:59 UTC (1 min ago); start a worker, or mark the release failed",
    });
  });

  it("calls a release stuck when ticks go on but no worker takes its step's run for over 60 s", () => {
    const waiting = activeOn(10, { waitingRun: { step: "Batch 2 of 4", since: at(3500) } });
    expect(decide({ builds: [candidate(10)], active: waiting }).blocker).toEqual({
      code: "stuck",
      message: "Release #7 is stuck at Batch 2 of 4: no worker has taken its run since 12:58:20 UTC (1 min ago); start a worker, or mark the release failed",
    });
  });

  it("has no blocker when the newest passed build is live", () => {
    expect(decide({ builds: [candidate(10)], current: currentOn(10) })).toEqual({ deploy: null, blocker: null });
  });

  it("has no blocker when a newer build than the newest passed one is live (promoted by hand)", () => {
    expect(decide({ builds: [candidate(10)], current: currentOn(12) })).toEqual({ deploy: null, blocker: null });
  });

  it("never auto-deploys builds of other branches", () => {
    expect(decide({ builds: [candidate(12, { branch: "feature/x" })], current: currentOn(10) })).toEqual({ deploy: null, blocker: null });
    expect(decide({ builds: [candidate(12, { branch: "feature/x" }), candidate(11)], current: currentOn(10) }).deploy?.id).toBe(11);
    const onRelease = decideDeployment(deploymentFacts({ pipeline: pipeline({ branch: "release" }), builds: [candidate(12)] }), now);
    expect(onRelease.deploy).toBeNull();
  });

  it("does not retry a build that already failed to deploy, nor fall back to an older one", () => {
    const decision = decide({ builds: [candidate(12, { failedIn: 8 }), candidate(11)], current: currentOn(10) });
    expect(decision.deploy).toBeNull();
    expect(decision.blocker).toEqual({
      code: "failed-to-deploy",
      message: "Build #12 failed to deploy in release #8; CD waits for a newer passed build (promote it to try again)",
    });
  });

  it("never redeploys a build that was rolled back from, even once the pipeline is unlocked", () => {
    const decision = decide({ builds: [candidate(12, { rolledBackBy: 9 })], current: currentOn(10) });
    expect(decision.deploy).toBeNull();
    expect(decision.blocker?.code).toBe("rolled-back");
    expect(decision.blocker?.message).toContain("rolled back in release #9");
  });

  it("is stopped by a manual lock, with who, when and why", () => {
    const lock = { kind: "manual" as const, reason: "investigating error spike", by: "ada", at: at(3600 - 12 * 60) };
    const decision = decide({ pipeline: pipeline({ lock }), builds: [candidate(11)], current: currentOn(10) });
    expect(decision).toEqual({ deploy: null, blocker: { code: "locked", message: "Locked by ada 12 min ago: investigating error spike" } });
  });

  it("is stopped by a rollback's lock until someone unlocks", () => {
    const lock = { kind: "rollback" as const, reason: "ada rolled back from release #42: errors", by: "ada", at: at(3000) };
    const decision = decide({ pipeline: pipeline({ lock }), builds: [candidate(11)], current: currentOn(10) });
    expect(decision.deploy).toBeNull();
    expect(decision.blocker).toEqual({
      code: "rolled-back",
      message: "CD paused by a rollback 10 min ago: ada rolled back from release #42: errors. Unlock to deploy build #11",
    });
  });

  it("is stopped when auto-deploy is off", () => {
    const decision = decide({ pipeline: pipeline({ autoDeploy: false }), builds: [candidate(11)] });
    expect(decision).toEqual({ deploy: null, blocker: { code: "auto-deploy-off", message: "Auto-deploy is off: promote build #11 to deploy it" } });
  });

  it("names the most useful blocker first: an active release, then the build's own history, then the pipeline's lock", () => {
    const lock = { kind: "manual" as const, reason: "freeze", by: "ada", at: now };
    const locked = pipeline({ lock, autoDeploy: false });
    expect(decide({ pipeline: locked, builds: [candidate(11, { failedIn: 3 })], active: activeOn(10) }).blocker?.code).toBe("release-active");
    expect(decide({ pipeline: locked, builds: [candidate(11, { failedIn: 3, rolledBackBy: 4 })] }).blocker?.code).toBe("failed-to-deploy");
    expect(decide({ pipeline: locked, builds: [candidate(11, { rolledBackBy: 4 })] }).blocker?.code).toBe("rolled-back");
    expect(decide({ pipeline: locked, builds: [candidate(11)] }).blocker?.code).toBe("locked");
  });

  it("orders builds by CI creation time, then provider number, then arrival", () => {
    const same = at(600);
    const byNumber = decide({ builds: [candidate(21, { createdAt: same, number: 5 }), candidate(20, { createdAt: same, number: 6 })] });
    expect(byNumber.deploy?.id).toBe(20);
    const byArrival = decide({ builds: [candidate(20, { createdAt: same, number: 6 }), candidate(21, { createdAt: same, number: 6 })] });
    expect(byArrival.deploy?.id).toBe(21);
    const unnumbered = decide({ builds: [candidate(21, { createdAt: same, number: null }), candidate(20, { createdAt: same, number: 1 })] });
    expect(unnumbered.deploy?.id).toBe(20);
    expect(decide({ builds: [candidate(30, { createdAt: at(10) }), candidate(2, { createdAt: at(20) })] }).deploy?.id).toBe(2);
  });

  it("names a build without a number by its short commit", () => {
    const decision = decide({ builds: [candidate(5, { number: null, commitSha: "abcdef0123456789" })] });
    expect(decision.blocker?.message).toBe("Build abcdef0 deploys on the next tick");
  });
});
