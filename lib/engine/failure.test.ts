import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { blockersFor } from "./blockers";
import { addBuild, auditOf, createPipeline, releaseState, simulatedClock, tickUntil, type FleetOptions } from "./testing";
import { tick } from "./tick";

afterAll(disconnect);

/** A pipeline whose build 1 is live on a healthy fleet, then whose hosts never turn healthy on a new build. */
async function liveThenFaulty(slug: string, options: FleetOptions) {
  const pipeline = await createPipeline(slug, { hosts: 4, restartSeconds: 5, batchPercent: 50, ...options });
  const clock = simulatedClock();
  await addBuild(pipeline.id, 1);
  await tickUntil(clock, pipeline.id, async () => (await db.pipeline.findUniqueOrThrow({ where: { id: pipeline.id } })).currentReleaseId !== null);
  const good = (await db.pipeline.findUniqueOrThrow({ where: { id: pipeline.id } })).currentReleaseId!;
  await db.pipeline.update({
    where: { id: pipeline.id },
    data: { target: { kind: "simulated", hosts: 4, restartSeconds: 5, failPercent: 100, stepTimeoutSeconds: 60 } },
  });
  const bad = await addBuild(pipeline.id, 2);
  await tick({ now: clock.advance(1) });
  const failing = await db.release.findFirstOrThrow({ where: { pipelineId: pipeline.id, buildId: bad.id } });
  return { pipeline, clock, good, failing };
}

describe("a batch that does not converge", () => {
  it("fails its release after stepTimeoutSeconds, audited as release.failed, and CD does not retry the build", async () => {
    const { pipeline, clock, good, failing } = await liveThenFaulty("failure-plain", {});
    await tickUntil(clock, pipeline.id, async () => (await releaseState(failing.id)) === "failed");

    const release = await db.release.findUniqueOrThrow({ where: { id: failing.id }, include: { steps: { orderBy: { position: "asc" } } } });
    expect(release.finishedAt).not.toBeNull();
    expect(release.steps.slice(3).map((step) => step.state)).toEqual(["failed", "canceled"]);
    expect(release.steps[3]?.log.split("\n").at(-1)).toMatch(/^\d\d:\d\d:\d\d 2\/2 hosts on release #2, 0 healthy: not converged within 60 s$/);
    const hosts = await db.host.findMany({ where: { pipelineId: pipeline.id }, orderBy: { name: "asc" } });
    expect(hosts.map((host) => [host.releaseId, host.healthy])).toEqual([
      [failing.id, false], [failing.id, false], [good, true], [good, true],
    ]);
    const failed = (await auditOf(pipeline.id)).filter((event) => event.action === "release.failed");
    expect(failed).toEqual([
      expect.objectContaining({
        actor: "shipboard", releaseId: failing.id, outcome: "release #2 failed",
        reason: "Batch 1 of 2: 2 of 2 hosts not on release #2 and healthy within 60 s",
      }),
    ]);
    expect((await db.pipeline.findUniqueOrThrow({ where: { id: pipeline.id } })).currentReleaseId).toBe(good);

    await tick({ now: clock.advance(5) });
    expect(await db.release.count({ where: { pipelineId: pipeline.id } })).toBe(2);
    expect((await blockersFor([pipeline.id])).get(pipeline.id)).toMatchObject({ code: "failed-to-deploy" });
  });

  it("with autoRollback, is followed at once by a rollback that locks the pipeline and brings every host back", async () => {
    const { pipeline, clock, good, failing } = await liveThenFaulty("failure-auto-rollback", { autoRollback: true });
    await tickUntil(clock, pipeline.id, async () => (await releaseState(failing.id)) === "failed");

    const rollback = await db.release.findFirstOrThrow({ where: { pipelineId: pipeline.id, kind: "rollback" } });
    const goodBuild = (await db.release.findUniqueOrThrow({ where: { id: good } })).buildId;
    expect(rollback).toMatchObject({ trigger: "auto", by: "shipboard", replacedReleaseId: failing.id, buildId: goodBuild, state: "running" });
    expect(await db.pipeline.findUniqueOrThrow({ where: { id: pipeline.id } })).toMatchObject({
      locked: true, lockKind: "rollback", lockedBy: "shipboard",
      lockReason: "shipboard rolled back from release #2: Batch 1 of 2: 2 of 2 hosts not on release #2 and healthy within 60 s",
    });
    expect((await auditOf(pipeline.id)).map((event) => [event.action, event.actor, event.releaseId])).toEqual([
      ["deploy", "shipboard", good],
      ["deploy", "shipboard", failing.id],
      ["release.failed", "shipboard", failing.id],
      ["rollback", "shipboard", rollback.id],
    ]);

    await tickUntil(clock, pipeline.id, async () => (await releaseState(rollback.id)) === "succeeded");
    const hosts = await db.host.findMany({ where: { pipelineId: pipeline.id } });
    expect(hosts.every((host) => host.releaseId === rollback.id && host.healthy)).toBe(true);
  });
});
