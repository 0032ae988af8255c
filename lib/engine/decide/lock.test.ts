import { describe, expect, it } from "vitest";
import { decideLock, decideUnlock } from "./lock";
import { at, pipeline, release } from "./test-fixtures";

const now = at(0);

describe("rule 2: lock", () => {
  it("locks an unlocked pipeline with kind manual, the trimmed reason, who and when", () => {
    const decision = decideLock({ pipeline: pipeline(), active: null }, "ada", "  investigating error spike ", now);
    expect(decision).toEqual({ lock: { kind: "manual", reason: "investigating error spike", by: "ada", at: now }, cancel: null });
  });

  it("cancels a pending release that has not started", () => {
    const pending = release(8, 12, { state: "pending" });
    expect(decideLock({ pipeline: pipeline(), active: pending }, "ada", "freeze", now).cancel).toBe(pending);
  });

  it("lets a running release finish", () => {
    expect(decideLock({ pipeline: pipeline(), active: release(8, 12, { state: "running" }) }, "ada", "freeze", now).cancel).toBeNull();
  });

  it("refuses to lock a locked pipeline with a 409 saying who locked it and why", () => {
    const lock = { kind: "manual" as const, reason: "release freeze", by: "bob", at: at(-300) };
    expect(() => decideLock({ pipeline: pipeline({ lock }), active: null }, "ada", "again", now)).toThrow(
      expect.objectContaining({ status: 409, message: "Pipeline web is already locked by bob 5 min ago: release freeze" }),
    );
  });

  it("refuses to lock a pipeline a rollback locked", () => {
    const lock = { kind: "rollback" as const, reason: "bob rolled back from release #4", by: "bob", at: now };
    expect(() => decideLock({ pipeline: pipeline({ lock }), active: null }, "ada", "x", now)).toThrow(expect.objectContaining({ status: 409 }));
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["blank", " \t "],
    ["too long", "x".repeat(1001)],
    ["multi-line", "first line\nsecond line"],
    ["with a control character", "bell\u0007"],
    ["not text", 42],
  ])("answers a %s reason with a 400 on field reason", (_name, reason) => {
    expect(() => decideLock({ pipeline: pipeline(), active: null }, "ada", reason, now)).toThrow(expect.objectContaining({ status: 400, field: "reason" }));
  });

  it("accepts a reason of exactly 1,000 characters, counting an emoji as one", () => {
    expect(decideLock({ pipeline: pipeline(), active: null }, "ada", "x".repeat(999) + "🚀", now).lock.reason).toHaveLength(1001);
  });
});

describe("rule 3: unlock", () => {
  it("clears a lock", () => {
    const lock = { kind: "manual" as const, reason: "freeze", by: "bob", at: now };
    expect(decideUnlock(pipeline({ lock }))).toEqual({ changed: true });
  });

  it("changes nothing on an unlocked pipeline", () => {
    expect(decideUnlock(pipeline())).toEqual({ changed: false });
  });
});
