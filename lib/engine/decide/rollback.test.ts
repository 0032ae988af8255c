import { describe, expect, it } from "vitest";
import { decideRollback, rollbackFrom, type RollbackFacts } from "./rollback";
import { pipeline, release } from "./test-fixtures";

const request = { actor: "ada", reason: "error spike" };

/** Releases #1..#3 of builds 1..3, all succeeded; #3 is current. */
const history = [release(3, 3), release(2, 2), release(1, 1)];

const facts = (overrides: Partial<RollbackFacts>): RollbackFacts => ({ pipeline: pipeline(), from: history[0]!, history: [], ...overrides });

describe("rule 5: rollback", () => {
  it("rolls back from the active release when there is one", () => {
    const active = release(4, 4, { state: "running" });
    expect(rollbackFrom(pipeline(), active, history[0]!)).toBe(active);
  });

  it("rolls back from the current release when none is active", () => {
    expect(rollbackFrom(pipeline(), null, history[0]!)).toBe(history[0]);
  });

  it("answers 409 when the pipeline has no release at all", () => {
    expect(() => rollbackFrom(pipeline(), null, null)).toThrow(
      expect.objectContaining({ status: 409, message: "Nothing to roll back on pipeline web: it has no release yet" }),
    );
  });

  it("goes to the newest succeeded release before it with another build, and locks naming who and from what", () => {
    const decision = decideRollback(facts({ from: release(3, 3), history: history.slice(1) }), request);
    expect(decision.target.number).toBe(2);
    expect(decision.supersede).toBe(false);
    expect(decision.lockReason).toBe("ada rolled back from release #3: error spike");
  });

  it("names only who and from what in the lock when no reason was given", () => {
    expect(decideRollback(facts({ history: history.slice(1) }), { actor: "ada", reason: null }).lockReason).toBe("ada rolled back from release #3");
  });

  it("supersedes a release that is still running", () => {
    const running = release(4, 4, { state: "running" });
    const decision = decideRollback(facts({ from: running, history }), request);
    expect([decision.supersede, decision.target.number]).toEqual([true, 3]);
  });

  it("skips releases of the same build, releases that did not succeed, and releases after it", () => {
    const from = release(5, 9);
    const decision = decideRollback(
      facts({ from, history: [release(6, 8), release(4, 9, { kind: "promote" }), release(3, 7, { state: "failed" }), release(2, 6), release(1, 5)] }),
      request,
    );
    expect(decision.target.number).toBe(2);
  });

  it("never goes to a release that was itself rolled back from", () => {
    const decision = decideRollback(facts({ from: release(4, 2), history: [release(3, 3, { rolledBackFrom: true }), release(2, 2), release(1, 1)] }), request);
    expect(decision.target.number).toBe(1);
  });

  it("goes further back when rolling back during a rollback, never to the bad build", () => {
    // #3 (build 3) was bad; rollback #4 runs build 2 again; a second rollback during #4.
    const rollingBack = release(4, 2, { kind: "rollback", state: "running" });
    const decision = decideRollback(facts({ from: rollingBack, history: [release(3, 3, { rolledBackFrom: true }), release(2, 2), release(1, 1)] }), request);
    expect(decision.target.build.id).toBe(1);
    expect(decision.supersede).toBe(true);
  });

  it("answers 409 with a clear message when there is nothing to roll back to", () => {
    expect(() => decideRollback(facts({ from: release(1, 1), history: [] }), request)).toThrow(
      expect.objectContaining({
        status: 409,
        message: "Nothing to roll back to on pipeline web: no succeeded release before release #1 runs another build than build #1 without having been rolled back from",
      }),
    );
    expect(() => decideRollback(facts({ from: release(2, 1), history: [release(1, 1)] }), request)).toThrow(expect.objectContaining({ status: 409 }));
  });

  describe("to a release the person chose", () => {
    const chosen = (requested: RollbackFacts["requested"], releaseId = requested?.id ?? 999) =>
      decideRollback(facts({ history: history.slice(1), requested }), { ...request, releaseId });

    it("goes to that succeeded release", () => {
      expect(chosen(release(1, 1)).target.number).toBe(1);
    });

    it("answers 404 for a release of another pipeline or none at all", () => {
      expect(() => chosen(release(1, 1, { pipelineId: 2 }))).toThrow(expect.objectContaining({ status: 404, message: "Release 101 not found in pipeline web" }));
      expect(() => chosen(null, 555)).toThrow(expect.objectContaining({ status: 404, message: "Release 555 not found in pipeline web" }));
    });

    it("answers 409 for a release that did not succeed", () => {
      expect(() => chosen(release(2, 2, { state: "failed" }))).toThrow(
        expect.objectContaining({ status: 409, message: "Release #2 is failed; only a succeeded release can be rolled back to" }),
      );
    });

    it("answers 409 for the release being rolled back from, or one of the same build", () => {
      expect(() => chosen(release(3, 3))).toThrow(expect.objectContaining({ status: 409, message: "Release #3 is the release being rolled back from" }));
      expect(() => chosen(release(2, 3))).toThrow(
        expect.objectContaining({ status: 409, message: "Release #2 runs build #3, the same build as release #3" }),
      );
    });
  });
});
