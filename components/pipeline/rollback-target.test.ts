import { describe, expect, it } from "vitest";
import { rollbackTarget, type RollbackCandidate } from "./rollback-target";

let nextId = 100;
function release(number: number, buildId: number, fields: Partial<RollbackCandidate> = {}): RollbackCandidate {
  nextId += 1;
  return { id: nextId, number, kind: "deploy", state: "succeeded", replacedReleaseId: null, build: { id: buildId }, ...fields };
}

describe("rollbackTarget (SPEC rule 5)", () => {
  it("goes back from the current release to the newest older succeeded release of another build", () => {
    const one = release(1, 10);
    const two = release(2, 20);
    const three = release(3, 30);
    expect(rollbackTarget([three, two, one], null, three)).toEqual({ from: three, target: two });
  });

  it("rolls back from the active release when one is running, even past the current one", () => {
    const one = release(1, 10);
    const two = release(2, 20);
    const running = release(3, 30, { state: "running" });
    expect(rollbackTarget([running, two, one], running, two)).toEqual({ from: running, target: two });
  });

  it("skips failed releases and releases of the same build", () => {
    const one = release(1, 10);
    const failed = release(2, 20, { state: "failed" });
    const sameBuild = release(3, 30);
    const current = release(4, 30, { kind: "promote" });
    expect(rollbackTarget([current, sameBuild, failed, one], null, current)?.target).toBe(one);
  });

  it("a second rollback goes further back, never to a release that was rolled back from", () => {
    const one = release(1, 10);
    const two = release(2, 20);
    const bad = release(3, 30);
    const firstRollback = release(4, 20, { kind: "rollback", replacedReleaseId: bad.id });
    // The release rolled back to (build 20) is now current; rolling back again must skip `two` (same build) and `bad`.
    expect(rollbackTarget([firstRollback, bad, two, one], null, firstRollback)?.target).toBe(one);
  });

  it("never targets a release that was itself rolled back from", () => {
    const one = release(1, 10);
    const rolledBack = release(2, 20);
    const rollback = release(3, 10, { kind: "rollback", replacedReleaseId: rolledBack.id });
    const current = release(4, 40);
    expect(rollbackTarget([current, rollback, rolledBack, one], null, current)?.target).toBe(rollback);
  });

  it("names no target when nothing older qualifies, and no plan without any release", () => {
    const only = release(1, 10);
    expect(rollbackTarget([only], null, only)).toEqual({ from: only, target: null });
    expect(rollbackTarget([], null, null)).toBeNull();
  });
});
