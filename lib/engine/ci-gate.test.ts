import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { blockersFor } from "./blockers";
import type { BuildState } from "./decide/facts";
import { createPipeline } from "./testing";
import { tick } from "./tick";

afterAll(disconnect);

/** A build of `commit` (one character, padded to a sha) by `workflow`, created `minute` minutes into the day. */
function ciBuild(pipelineId: number, externalId: string, commit: string, workflow: string, state: BuildState, minute: number) {
  return db.build.create({
    data: {
      pipelineId, provider: "github", externalId, number: minute, workflow, commitSha: commit.padStart(40, "0"),
      branch: "main", state, createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)),
    },
  });
}

const releasedBuilds = async (pipelineId: number) =>
  (await db.release.findMany({ where: { pipelineId }, orderBy: { number: "asc" }, select: { buildId: true } })).map((r) => r.buildId);

describe("rule 1 on the database: every build of a commit must pass", () => {
  it("does not deploy a commit whose lint passed and whose tests failed, and names the tests", async () => {
    const pipeline = await createPipeline("gate-failed", { hosts: 2 });
    await ciBuild(pipeline.id, "lint-1", "a", "lint", "passed", 1);
    const tests = await ciBuild(pipeline.id, "tests-1", "a", "tests", "failed", 2);
    await tick({ now: new Date() });
    expect(await releasedBuilds(pipeline.id)).toEqual([]);
    const blocker = (await blockersFor([pipeline.id])).get(pipeline.id);
    expect(blocker).toEqual({ code: "ci-failed", message: expect.stringContaining(`Tests (build #${tests.number}) failed on commit 0000000`) });
  });

  it("waits while the tests still run, then deploys the commit once they pass", async () => {
    const pipeline = await createPipeline("gate-pending", { hosts: 2 });
    const lint = await ciBuild(pipeline.id, "lint-1", "b", "lint", "passed", 1);
    const tests = await ciBuild(pipeline.id, "tests-1", "b", "tests", "running", 2);
    await tick({ now: new Date() });
    expect(await releasedBuilds(pipeline.id)).toEqual([]);
    expect((await blockersFor([pipeline.id])).get(pipeline.id)?.code).toBe("ci-pending");

    await db.build.update({ where: { id: tests.id }, data: { state: "passed" } });
    await tick({ now: new Date() });
    // The newest passed build of the commit goes: the tests' run.
    expect(await releasedBuilds(pipeline.id)).toEqual([tests.id]);
    expect(lint.id).toBeLessThan(tests.id);
  });

  it("deploys the newest all-green commit while a newer commit is held back", async () => {
    const pipeline = await createPipeline("gate-older-green", { hosts: 2 });
    const green = await ciBuild(pipeline.id, "old", "c", "tests", "passed", 1);
    await ciBuild(pipeline.id, "new-lint", "d", "lint", "passed", 2);
    await ciBuild(pipeline.id, "new-tests", "d", "tests", "scheduled", 3);
    await tick({ now: new Date() });
    expect(await releasedBuilds(pipeline.id)).toEqual([green.id]);
    expect((await blockersFor([pipeline.id])).get(pipeline.id)?.code).toBe("ci-pending");
  });
});
