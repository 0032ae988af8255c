import { describe, expect, it } from "vitest";
import { decideDeployment, type DeploymentFacts } from "./continuous";
import { at, build, candidate, deploymentFacts } from "./test-fixtures";

const now = at(3600);
const decide = (overrides: Partial<DeploymentFacts>) => decideDeployment(deploymentFacts(overrides), now);
const tests = (state: "failed" | "running" | "scheduled" | "canceled") => ({ id: 99, number: 99, commitSha: build(11).commitSha, state, workflow: "tests" });

describe("rule 1: a commit deploys only when every build of it passed", () => {
  it("holds a commit whose lint passed but whose tests failed, naming the failed build", () => {
    const decision = decide({ builds: [candidate(11, { heldBy: tests("failed") })], current: { number: 1, build: build(10) } });
    expect(decision.deploy).toBeNull();
    expect(decision.blocker).toEqual({
      code: "ci-failed",
      message: "Tests (build #99) failed on commit sha1100: build #11 does not deploy until every build of it passes (re-run it)",
    });
  });

  it("holds a commit whose tests still run, as ci-pending", () => {
    expect(decide({ builds: [candidate(11, { heldBy: tests("running") })] }).blocker).toEqual({
      code: "ci-pending",
      message: "Tests (build #99) is still running on commit sha1100: build #11 deploys once every build of it passes",
    });
    expect(decide({ builds: [candidate(11, { heldBy: tests("scheduled") })] }).blocker?.message).toMatch(/^Tests \(build #99\) is still queued/);
  });

  it("treats a canceled build of the commit like a failed one", () => {
    expect(decide({ builds: [candidate(11, { heldBy: tests("canceled") })] }).blocker?.code).toBe("ci-failed");
  });

  it("deploys the newest all-green commit newer than the live one while a newer commit is held, and says what holds it", () => {
    const decision = decide({ builds: [candidate(12, { heldBy: tests("running") }), candidate(11)], current: { number: 1, build: build(10) } });
    expect(decision.deploy?.id).toBe(11);
    expect(decision.blocker?.code).toBe("ci-pending");
  });

  it("never goes back to an all-green build older than the live one", () => {
    const decision = decide({ builds: [candidate(12, { heldBy: tests("failed") }), candidate(9)], current: { number: 1, build: build(10) } });
    expect(decision.deploy).toBeNull();
    expect(decision.blocker?.code).toBe("ci-failed");
  });

  it("has no blocker when the held build is not newer than the live one", () => {
    expect(decide({ builds: [candidate(10, { heldBy: tests("failed") })], current: { number: 1, build: build(10) } })).toEqual({ deploy: null, blocker: null });
  });

  it("names a build of no workflow by its label alone", () => {
    const decision = decide({ builds: [candidate(11, { heldBy: { ...tests("failed"), workflow: null } })] });
    expect(decision.blocker?.message).toMatch(/^Build #99 failed on commit sha1100/);
  });
});
