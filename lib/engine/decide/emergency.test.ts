import { describe, expect, it } from "vitest";
import { decideDeployment } from "./continuous";
import { decideEmergencyLift, decideEmergencyStop } from "./emergency";
import { decideUnlock } from "./lock";
import { at, candidate, deploymentFacts, pipeline, release } from "./test-fixtures";

const manual = { kind: "manual" as const, reason: "db migration", by: "bob", at: at(0) };
const emergency = { kind: "emergency" as const, reason: "payments down", by: "ada", at: at(0) };

describe("emergency stop", () => {
  it("locks every unlocked pipeline with kind emergency and cancels pending releases, leaving running ones and existing locks alone", () => {
    const decision = decideEmergencyStop([
      { pipeline: pipeline({ id: 1 }), active: release(3, 3, { state: "pending" }) },
      { pipeline: pipeline({ id: 2 }), active: release(4, 4, { state: "running" }) },
      { pipeline: pipeline({ id: 3, lock: manual }), active: release(5, 5, { state: "pending" }) },
      { pipeline: pipeline({ id: 4 }), active: null },
    ], "ada", " payments down ", at(10));
    expect(decision.lock).toEqual({ kind: "emergency", reason: "payments down", by: "ada", at: at(10) });
    expect(decision.locks.map(({ pipeline, cancel }) => [pipeline.id, cancel?.number ?? null])).toEqual([[1, 3], [2, null], [4, null]]);
  });

  it("needs a reason", () => {
    expect(() => decideEmergencyStop([], "ada", "", at(0))).toThrow(expect.objectContaining({ field: "reason" }));
  });

  it("lifts only the locks it set", () => {
    const lifted = decideEmergencyLift([
      pipeline({ id: 1, lock: emergency }), pipeline({ id: 2, lock: manual }),
      pipeline({ id: 3, lock: { ...manual, kind: "rollback" } }), pipeline({ id: 4 }),
    ]);
    expect(lifted.map((p) => p.id)).toEqual([1]);
  });

  it("is the blocker before anything else, even a running release", () => {
    const facts = deploymentFacts({
      builds: [candidate(11)], pipeline: pipeline({ lock: emergency }),
      active: { id: 70, number: 7, kind: "deploy", state: "running", build: candidate(10), runningStep: null, createdAt: at(0), advancedAt: at(110), waitingRun: null },
    });
    expect(decideDeployment(facts, at(120)).blocker).toEqual({
      code: "emergency-stop", message: "Emergency stop by ada 2 min ago: payments down. Build #11 waits until it is lifted",
    });
  });

  it("cannot be undone one pipeline at a time by unlocking it", () => {
    expect(() => decideUnlock(pipeline({ lock: emergency }))).toThrow(expect.objectContaining({ code: "conflict" }));
  });
});
