import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { blockersFor } from "./blockers";
import { lockPipeline, unlockPipeline } from "./lock";
import { promoteBuild } from "./promote";
import { addBuild, auditOf, createPipeline, releaseState, simulatedClock, tickUntil } from "./testing";
import { tick } from "./tick";

afterAll(disconnect);

describe("lock and unlock", () => {
  it("keeps the next green build from deploying while locked, and lets it go after unlock", async () => {
    const pipeline = await createPipeline("lock-blocks", { hosts: 2, restartSeconds: 1 });
    await lockPipeline("lock-blocks", "ada", "investigating error spike");
    await addBuild(pipeline.id, 1);
    await tick();
    expect(await db.release.count({ where: { pipelineId: pipeline.id } })).toBe(0);
    expect((await blockersFor([pipeline.id])).get(pipeline.id)).toEqual({
      code: "locked", message: "Locked by ada just now: investigating error spike",
    });

    expect(await unlockPipeline("lock-blocks", "bob")).toEqual({ changed: true });
    await tick();
    expect(await db.release.findFirst({ where: { pipelineId: pipeline.id } })).toMatchObject({ kind: "deploy", state: "pending" });
    expect((await auditOf(pipeline.id)).map((event) => [event.action, event.actor, event.reason])).toEqual([
      ["lock", "ada", "investigating error spike"],
      ["unlock", "bob", null],
      ["deploy", "shipboard", null],
    ]);
  });

  it("cancels a pending release that has not started, in the lock's transaction", async () => {
    const pipeline = await createPipeline("lock-cancels", { hosts: 2 });
    await addBuild(pipeline.id, 1);
    await tick();
    const pending = await db.release.findFirstOrThrow({ where: { pipelineId: pipeline.id } });
    expect(pending.state).toBe("pending");

    await lockPipeline("lock-cancels", "ada", "freeze");
    const canceled = await db.release.findUniqueOrThrow({ where: { id: pending.id }, include: { steps: true } });
    expect(canceled.state).toBe("canceled");
    expect(canceled.finishedAt).not.toBeNull();
    expect(canceled.steps.every((step) => step.state === "canceled")).toBe(true);
    const lockEvent = (await auditOf(pipeline.id)).filter((event) => event.action === "lock");
    expect(lockEvent).toEqual([expect.objectContaining({ releaseId: pending.id, outcome: "locked; pending release #1 canceled" })]);
    await tick();
    expect(await db.release.count({ where: { pipelineId: pipeline.id } })).toBe(1);
  });

  it("lets a running release finish", async () => {
    const pipeline = await createPipeline("lock-running", { hosts: 2, restartSeconds: 10 });
    await addBuild(pipeline.id, 1);
    const clock = simulatedClock();
    await tick({ now: clock.now() });
    await tick({ now: clock.advance(1) });
    const running = await db.release.findFirstOrThrow({ where: { pipelineId: pipeline.id } });
    expect(running.state).toBe("running");
    await lockPipeline("lock-running", "ada", "freeze");
    await tickUntil(clock, pipeline.id, async () => (await releaseState(running.id)) === "succeeded");
  });

  it("records the lock's kind, reason, who and when on the pipeline", async () => {
    await createPipeline("lock-fields");
    await lockPipeline("lock-fields", "ada", "  release freeze  ");
    expect(await db.pipeline.findUniqueOrThrow({ where: { slug: "lock-fields" } })).toMatchObject({
      locked: true, lockKind: "manual", lockReason: "release freeze", lockedBy: "ada", lockedAt: expect.any(Date),
    });
  });

  it("answers 409 to locking a locked pipeline, 404 to an unknown one, 400 to a bad reason, auditing none of them", async () => {
    const pipeline = await createPipeline("lock-refusals");
    await lockPipeline("lock-refusals", "ada", "freeze");
    await expect(lockPipeline("lock-refusals", "bob", "again")).rejects.toMatchObject({ status: 409 });
    await expect(lockPipeline("lock-nope", "bob", "x")).rejects.toMatchObject({ status: 404, message: "Pipeline lock-nope not found" });
    await unlockPipeline("lock-refusals", "ada");
    await expect(lockPipeline("lock-refusals", "bob", "\u0000")).rejects.toMatchObject({ status: 400, field: "reason" });
    expect((await auditOf(pipeline.id)).map((event) => event.action)).toEqual(["lock", "unlock"]);
  });

  it("treats unlocking an unlocked pipeline as a change of nothing: no audit event", async () => {
    const pipeline = await createPipeline("unlock-noop");
    expect(await unlockPipeline("unlock-noop", "ada")).toEqual({ changed: false });
    expect(await auditOf(pipeline.id)).toEqual([]);
    await expect(unlockPipeline("unlock-nope", "ada")).rejects.toMatchObject({ status: 404 });
  });

  it("lets a person promote a passed build while the pipeline is locked; the lock stays", async () => {
    const pipeline = await createPipeline("lock-promote", { hosts: 2, restartSeconds: 5 });
    const build = await addBuild(pipeline.id, 1);
    await lockPipeline("lock-promote", "ada", "freeze");
    const { releaseId } = await promoteBuild("lock-promote", build.id, "bob", "hotfix");
    const release = await db.release.findUniqueOrThrow({ where: { id: releaseId }, include: { steps: { orderBy: { position: "asc" } } } });
    expect(release).toMatchObject({ kind: "promote", trigger: "user", by: "bob", reason: "hotfix", state: "running", buildId: build.id });
    expect(release.steps.slice(0, 3).map((step) => step.state)).toEqual(["running", "running", "running"]);
    expect((await db.pipeline.findUniqueOrThrow({ where: { id: pipeline.id } })).locked).toBe(true);
    expect((await auditOf(pipeline.id)).filter((event) => event.action === "promote")).toEqual([
      expect.objectContaining({ actor: "bob", releaseId, reason: "hotfix", outcome: "release #1 started for build #1" }),
    ]);
    await tickUntil(simulatedClock(), pipeline.id, async () => (await releaseState(releaseId)) === "succeeded");
  });

  it("refuses to promote a build of another pipeline (404), a failed build or while a release is active (409)", async () => {
    const pipeline = await createPipeline("promote-refusals", { hosts: 2 });
    const other = await createPipeline("promote-other");
    const foreign = await addBuild(other.id, 1);
    const failed = await addBuild(pipeline.id, 2, { state: "failed" });
    const passed = await addBuild(pipeline.id, 3);
    await expect(promoteBuild("promote-refusals", foreign.id, "ada")).rejects.toMatchObject({ status: 404 });
    for (const id of [0, 1.5, 2 ** 40]) await expect(promoteBuild("promote-refusals", id, "ada")).rejects.toMatchObject({ status: 404 });
    await expect(promoteBuild("promote-refusals", failed.id, "ada")).rejects.toMatchObject({ status: 409 });
    await promoteBuild("promote-refusals", passed.id, "ada");
    await expect(promoteBuild("promote-refusals", passed.id, "ada")).rejects.toMatchObject({ status: 409, message: expect.stringContaining("Release #1 is running") });
    expect((await auditOf(pipeline.id)).map((event) => event.action)).toEqual(["promote"]);
  });
});
