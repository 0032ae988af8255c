import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { blockersFor } from "./blockers";
import { unlockPipeline } from "./lock";
import { rollbackPipeline } from "./rollback";
import { addBuild, auditOf, createPipeline, releaseState, simulatedClock, tickUntil } from "./testing";
import { tick } from "./tick";

afterAll(disconnect);

const stepsOf = (releaseId: number) => db.releaseStep.findMany({ where: { releaseId }, orderBy: { position: "asc" } });

/** Deploys builds 1..count through CD, each to success. */
async function deployBuilds(pipelineId: number, count: number, clock: ReturnType<typeof simulatedClock>) {
  for (let n = 1; n <= count; n++) {
    await addBuild(pipelineId, n);
    await tickUntil(clock, pipelineId, async () => (await db.release.count({ where: { pipelineId, state: "succeeded" } })) === n);
  }
}

describe("rollback", () => {
  it("supersedes an in-flight release, goes back to the previous good build, locks the pipeline; a second rollback goes further back", async () => {
    const pipeline = await createPipeline("rollback-flow", { hosts: 8, restartSeconds: 10, batchPercent: 25 });
    const clock = simulatedClock();
    await deployBuilds(pipeline.id, 2, clock);
    const [first, second] = await db.release.findMany({ where: { pipelineId: pipeline.id }, orderBy: { number: "asc" } });

    const bad = await addBuild(pipeline.id, 3);
    await tickUntil(clock, pipeline.id, async () =>
      (await db.releaseStep.count({ where: { release: { pipelineId: pipeline.id, buildId: bad.id }, name: "Batch 2 of 4", state: "running" } })) === 1,
    );
    const inFlight = await db.release.findFirstOrThrow({ where: { pipelineId: pipeline.id, buildId: bad.id } });

    const { releaseId } = await rollbackPipeline("rollback-flow", "ada", { reason: "error spike" });

    expect(await releaseState(inFlight.id)).toBe("superseded");
    const superseded = await stepsOf(inFlight.id);
    expect(superseded.map((step) => step.state)).toEqual([
      "succeeded", "succeeded", "succeeded", "succeeded", "superseded", "canceled", "canceled",
    ]);
    expect(superseded[4]?.log.split("\n").at(-1)).toMatch(/ superseded: ada rolled back from release #3: error spike$/);
    const rollback = await db.release.findUniqueOrThrow({ where: { id: releaseId } });
    expect(rollback).toMatchObject({
      kind: "rollback", trigger: "user", by: "ada", reason: "error spike", state: "running",
      buildId: second!.buildId, replacedReleaseId: inFlight.id,
    });
    const steps = await stepsOf(releaseId);
    expect(steps.map((step) => [step.name, step.state])).toEqual([
      ["Test suite rerun", "skipped"], ["Staging smoke", "skipped"], ["Pre-production smoke", "skipped"],
      ["Batch 1 of 2", "running"], ["Batch 2 of 2", "pending"],
    ]);
    const told = await db.host.findMany({ where: { pipelineId: pipeline.id, desiredReleaseId: releaseId }, orderBy: { name: "asc" } });
    expect(told.map((host) => host.name)).toEqual(steps[3]!.hosts);
    expect(await db.pipeline.findUniqueOrThrow({ where: { id: pipeline.id } })).toMatchObject({
      locked: true, lockKind: "rollback", lockedBy: "ada", lockReason: "ada rolled back from release #3: error spike",
    });

    // A second rollback during the first: never back to the bad build, nor to the build being rolled back from.
    const further = await rollbackPipeline("rollback-flow", "bob", {});
    expect(await releaseState(releaseId)).toBe("superseded");
    const secondRollback = await db.release.findUniqueOrThrow({ where: { id: further.releaseId } });
    expect(secondRollback).toMatchObject({ buildId: first!.buildId, replacedReleaseId: releaseId, reason: null });
    expect((await db.pipeline.findUniqueOrThrow({ where: { id: pipeline.id } })).lockReason).toBe("bob rolled back from release #4");

    await tickUntil(clock, pipeline.id, async () => (await releaseState(further.releaseId)) === "succeeded");
    const hosts = await db.host.findMany({ where: { pipelineId: pipeline.id } });
    expect(hosts.every((host) => host.releaseId === further.releaseId && host.healthy)).toBe(true);
    expect((await db.pipeline.findUniqueOrThrow({ where: { id: pipeline.id } })).currentReleaseId).toBe(further.releaseId);

    const rollbackEvents = (await auditOf(pipeline.id)).filter((event) => event.action === "rollback");
    expect(rollbackEvents.map((event) => [event.actor, event.releaseId, event.reason])).toEqual([
      ["ada", releaseId, "error spike"],
      ["bob", further.releaseId, null],
    ]);

    // Unlocked, CD still never redeploys the bad build; a newer build goes.
    await unlockPipeline("rollback-flow", "ada");
    await tick({ now: clock.advance(5) });
    expect(await db.release.count({ where: { pipelineId: pipeline.id, buildId: bad.id } })).toBe(1);
    expect((await blockersFor([pipeline.id])).get(pipeline.id)).toMatchObject({ code: "rolled-back" });
    const fix = await addBuild(pipeline.id, 4);
    await tick({ now: clock.advance(5) });
    expect(await db.release.findFirst({ where: { pipelineId: pipeline.id, buildId: fix.id } })).toMatchObject({ kind: "deploy" });
  });

  it("rolls back to the release a person chose", async () => {
    const pipeline = await createPipeline("rollback-chosen", { hosts: 2, restartSeconds: 2 });
    const clock = simulatedClock();
    await deployBuilds(pipeline.id, 3, clock);
    const first = await db.release.findFirstOrThrow({ where: { pipelineId: pipeline.id, number: 1 } });
    const { releaseId } = await rollbackPipeline("rollback-chosen", "ada", { releaseId: first.id, reason: "back to the start" });
    expect(await db.release.findUniqueOrThrow({ where: { id: releaseId } })).toMatchObject({ buildId: first.buildId });
    for (const id of [987_654, Number.NaN, 2 ** 40]) {
      await expect(rollbackPipeline("rollback-chosen", "ada", { releaseId: id })).rejects.toMatchObject({ status: 404 });
    }
  });

  it("answers 409 when there is nothing to roll back from or to, and changes nothing", async () => {
    const pipeline = await createPipeline("rollback-nothing", { hosts: 2, restartSeconds: 1 });
    await expect(rollbackPipeline("rollback-nothing", "ada", {})).rejects.toMatchObject({ status: 409 });
    await deployBuilds(pipeline.id, 1, simulatedClock());
    await expect(rollbackPipeline("rollback-nothing", "ada", {})).rejects.toMatchObject({
      status: 409, message: expect.stringContaining("Nothing to roll back to on pipeline rollback-nothing"),
    });
    expect((await db.pipeline.findUniqueOrThrow({ where: { id: pipeline.id } })).locked).toBe(false);
    expect((await auditOf(pipeline.id)).map((event) => event.action)).toEqual(["deploy"]);
    await expect(rollbackPipeline("rollback-nope", "ada", {})).rejects.toMatchObject({ status: 404 });
  });

  it("points the first batch of a large fleet back at the good release within the request", async () => {
    const pipeline = await createPipeline("rollback-fast", { hosts: 2000, restartSeconds: 0, batchPercent: 25 });
    await deployBuilds(pipeline.id, 2, simulatedClock());
    const started = performance.now();
    const { releaseId } = await rollbackPipeline("rollback-fast", "ada", { reason: "latency" });
    const elapsed = performance.now() - started;
    expect(await db.host.count({ where: { pipelineId: pipeline.id, desiredReleaseId: releaseId } })).toBe(1000);
    console.info(`rollback of 2,000 hosts: first batch told in ${elapsed.toFixed(0)} ms`);
    expect(elapsed).toBeLessThan(1000);
  });
});
