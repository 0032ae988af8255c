import { describe, expect, it } from "vitest";
import { pipelineNotes, pipelineStatus, pipelineTitle, rolloutProgress } from "./pipeline-status";

type Input = Parameters<typeof pipelineStatus>[0];
const idle: Input = { activeRelease: null, lock: null, blocker: null, currentRelease: {} as Input["currentRelease"] };
const release = (kind: "deploy" | "rollback") => ({ kind }) as NonNullable<Input["activeRelease"]>;
const lock = (kind: "manual" | "rollback") => ({ kind, reason: "r", by: "ada", at: "2026-11-25T08:00:00Z" });

describe("pipelineStatus", () => {
  it("is idle with a live release and nothing in the way", () => {
    expect(pipelineStatus(idle).label).toBe("idle");
  });
  it("puts a moving release before any lock, and tells a rollback from a deploy", () => {
    expect(pipelineStatus({ ...idle, activeRelease: release("deploy"), lock: lock("manual") }).label).toBe("deploying");
    expect(pipelineStatus({ ...idle, activeRelease: release("rollback"), lock: lock("rollback") }).label).toBe("rolling back");
  });
  it("tells a rollback lock from a manual one", () => {
    expect(pipelineStatus({ ...idle, lock: lock("rollback") }).label).toBe("rolled back");
    expect(pipelineStatus({ ...idle, lock: lock("manual") }).label).toBe("locked");
  });
  it("is failing when the newest green build failed to deploy", () => {
    expect(pipelineStatus({ ...idle, blocker: { code: "failed-to-deploy", message: "m" } })).toMatchObject({ label: "failing", tone: "bad" });
  });
  it("says so when a pipeline has never released", () => {
    expect(pipelineStatus({ ...idle, currentRelease: null }).label).toBe("no releases");
  });
});

describe("rolloutProgress", () => {
  const step = (kind: "check" | "batch", state: string) => ({ kind, state }) as never;
  it("names the checks phase while checks run", () => {
    const steps = [step("check", "succeeded"), step("check", "running"), step("batch", "pending"), step("batch", "pending")];
    expect(rolloutProgress({ steps })).toEqual({ done: 1, total: 4, phase: "checks 1 of 2 done" });
  });
  it("names the batch under way once batches started", () => {
    const steps = [step("check", "succeeded"), step("batch", "succeeded"), step("batch", "running"), step("batch", "pending")];
    expect(rolloutProgress({ steps })).toEqual({ done: 2, total: 4, phase: "batch 2 of 3" });
  });
  it("is starting before any step ran", () => {
    expect(rolloutProgress({ steps: [step("batch", "pending")] }).phase).toBe("starting");
  });
});

describe("pipelineNotes", () => {
  const manual = lock("manual");
  const rollback = lock("rollback");
  it("drops a manual lock's blocker, which repeats the lock note", () => {
    expect(pipelineNotes({ lock: manual, blocker: { code: "locked", message: "Locked by ada" } })).toEqual({ lock: manual, waiting: null, blocker: null });
  });
  it("puts what CD waits for after a rollback into the lock note", () => {
    const blocker = { code: "rolled-back", message: "CD paused by a rollback. Unlock to deploy build #3" };
    expect(pipelineNotes({ lock: rollback, blocker })).toEqual({ lock: rollback, waiting: blocker.message, blocker: null });
  });
  it("keeps a blocker that says something else, such as a release still running", () => {
    const blocker = { code: "release-active", message: "Release #4 is rolling out" };
    expect(pipelineNotes({ lock: manual, blocker })).toEqual({ lock: manual, waiting: null, blocker });
    expect(pipelineNotes({ lock: null, blocker })).toEqual({ lock: null, waiting: null, blocker });
  });
});

describe("pipelineTitle", () => {
  it("puts the state before the human name", () => {
    expect(pipelineTitle({ ...idle, name: "API", activeRelease: release("rollback") })).toBe("↶ Rolling back · API");
    expect(pipelineTitle({ ...idle, name: "API" })).toBe("✓ Idle · API");
  });
});
