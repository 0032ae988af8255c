import { describe, expect, it } from "vitest";
import { DEFAULT_CHECKS } from "../targets/schema";
import { planSteps } from "./plan";
import { T0 } from "./test-fixtures";

const hosts = (count: number) => Array.from({ length: count }, (_, i) => `web-${String(i + 1).padStart(3, "0")}`);
const batchesOf = (steps: ReturnType<typeof planSteps>) => steps.filter((step) => step.kind === "batch");

describe("a release's plan", () => {
  it("starts with the target's checks, pending, then batches of batchPercent% of the hosts rounded up", () => {
    const steps = planSteps({ checkNames: DEFAULT_CHECKS, kind: "deploy", batchPercent: 25, hostNames: hosts(10), now: T0 });
    expect(steps.slice(0, 3).map((step) => [step.kind, step.name, step.state])).toEqual([
      ["check", "Test suite rerun", "pending"],
      ["check", "Staging smoke", "pending"],
      ["check", "Pre-production smoke", "pending"],
    ]);
    expect(batchesOf(steps).map((step) => [step.name, step.hosts.length])).toEqual([
      ["Batch 1 of 4", 3], ["Batch 2 of 4", 3], ["Batch 3 of 4", 3], ["Batch 4 of 4", 1],
    ]);
    expect(steps.map((step) => step.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("puts hosts in name order", () => {
    const steps = planSteps({ checkNames: DEFAULT_CHECKS, kind: "promote", batchPercent: 50, hostNames: ["web-3", "web-1", "web-4", "web-2"], now: T0 });
    expect(batchesOf(steps).map((step) => step.hosts)).toEqual([["web-1", "web-2"], ["web-3", "web-4"]]);
  });

  it("gives every batch at least one host", () => {
    expect(batchesOf(planSteps({ checkNames: DEFAULT_CHECKS, kind: "deploy", batchPercent: 1, hostNames: hosts(3), now: T0 })).map((s) => s.hosts.length)).toEqual([1, 1, 1]);
  });

  it("rolls out to all hosts at once at 100%", () => {
    expect(batchesOf(planSteps({ checkNames: DEFAULT_CHECKS, kind: "deploy", batchPercent: 100, hostNames: hosts(250), now: T0 }))).toHaveLength(1);
  });

  it("skips the checks of a rollback and uses batches of at least half the hosts", () => {
    const steps = planSteps({ checkNames: DEFAULT_CHECKS, kind: "rollback", batchPercent: 25, hostNames: hosts(10), now: T0 });
    expect(steps.slice(0, 3).map((step) => step.state)).toEqual(["skipped", "skipped", "skipped"]);
    expect(steps[0]?.log).toBe("12:00:00 skipped: a rollback skips the checks");
    expect(batchesOf(steps).map((step) => step.hosts.length)).toEqual([5, 5]);
    expect(batchesOf(planSteps({ checkNames: DEFAULT_CHECKS, kind: "rollback", batchPercent: 80, hostNames: hosts(10), now: T0 })).map((s) => s.hosts.length)).toEqual([8, 2]);
  });

  it("has only the checks for a pipeline without hosts", () => {
    expect(planSteps({ checkNames: DEFAULT_CHECKS, kind: "deploy", batchPercent: 25, hostNames: [], now: T0 }).map((step) => step.kind)).toEqual(["check", "check", "check"]);
  });

  it("plans the checks a pipeline configures, and none when it configures none", () => {
    expect(planSteps({ checkNames: ["Lint"], kind: "deploy", batchPercent: 100, hostNames: hosts(2), now: T0 }).map((s) => s.name)).toEqual(["Lint", "Batch 1 of 1"]);
    expect(planSteps({ checkNames: [], kind: "deploy", batchPercent: 100, hostNames: hosts(2), now: T0 }).map((s) => s.position)).toEqual([0]);
  });
});
