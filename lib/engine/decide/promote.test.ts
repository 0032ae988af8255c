import { describe, expect, it } from "vitest";
import { decidePromote } from "./promote";
import { build, pipeline, release } from "./test-fixtures";

describe("rule 4: promote", () => {
  it("promotes a passed build of this pipeline, even while the pipeline is locked", () => {
    const lock = { kind: "manual" as const, reason: "freeze", by: "bob", at: new Date() };
    expect(decidePromote({ pipeline: pipeline({ lock }), buildId: 5, build: build(5), active: null })).toEqual(build(5));
  });

  it("promotes a passed build of another branch of this pipeline", () => {
    expect(decidePromote({ pipeline: pipeline(), buildId: 5, build: build(5, { branch: "hotfix" }), active: null }).id).toBe(5);
  });

  it("answers 404 for a build of another pipeline", () => {
    expect(() => decidePromote({ pipeline: pipeline(), buildId: 5, build: build(5, { pipelineId: 2 }), active: null })).toThrow(
      expect.objectContaining({ status: 404, message: "Build 5 not found in pipeline web" }),
    );
  });

  it("answers 404 for a build that does not exist", () => {
    expect(() => decidePromote({ pipeline: pipeline(), buildId: 99, build: null, active: null })).toThrow(expect.objectContaining({ status: 404 }));
  });

  it.each(["scheduled", "running", "failed", "canceled"] as const)("answers 409 for a %s build", (state) => {
    expect(() => decidePromote({ pipeline: pipeline(), buildId: 5, build: build(5, { state }), active: null })).toThrow(
      expect.objectContaining({ status: 409, message: `Build #5 has not passed CI (it is ${state}); only a passed build can be promoted` }),
    );
  });

  it.each(["pending", "running"] as const)("answers 409 while another release is %s", (state) => {
    expect(() => decidePromote({ pipeline: pipeline(), buildId: 5, build: build(5), active: release(3, 4, { state }) })).toThrow(
      expect.objectContaining({ status: 409, message: `Release #3 is ${state}; wait for it to finish (or roll back) before promoting build #5` }),
    );
  });
});
