import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { blockersFor } from "./blockers";
import { addBuild, auditOf, createPipeline, releaseState, simulatedClock, tickUntil } from "./testing";
import { tick } from "./tick";

afterAll(disconnect);

describe("continuous deployment on a simulated fleet", () => {
  it("deploys a green build through checks and every batch: all hosts on it, release succeeded, current release set, audited once", async () => {
    const pipeline = await createPipeline("deploy-green", { hosts: 10, restartSeconds: 20, batchPercent: 25 });
    const build = await addBuild(pipeline.id, 1);
    const clock = simulatedClock();

    await tick({ now: clock.now() });
    const release = await db.release.findFirstOrThrow({ where: { pipelineId: pipeline.id }, include: { steps: { orderBy: { position: "asc" } } } });
    expect(release).toMatchObject({ number: 1, kind: "deploy", trigger: "auto", state: "pending", buildId: build.id, by: "shipboard" });
    expect(release.steps.map((step) => [step.kind, step.name, step.hosts.length])).toEqual([
      ["check", "Test suite rerun", 0], ["check", "Staging smoke", 0], ["check", "Pre-production smoke", 0],
      ["batch", "Batch 1 of 4", 3], ["batch", "Batch 2 of 4", 3], ["batch", "Batch 3 of 4", 3], ["batch", "Batch 4 of 4", 1],
    ]);

    await tickUntil(clock, pipeline.id, async () => (await releaseState(release.id)) === "succeeded");

    const hosts = await db.host.findMany({ where: { pipelineId: pipeline.id } });
    expect(hosts.every((host) => host.releaseId === release.id && host.desiredReleaseId === release.id && host.healthy)).toBe(true);
    const done = await db.release.findUniqueOrThrow({ where: { id: release.id }, include: { steps: { orderBy: { position: "asc" } } } });
    expect(done.steps.every((step) => step.state === "succeeded" && step.startedAt && step.finishedAt)).toBe(true);
    expect(done.steps[3]?.log).toMatch(/^\d\d:\d\d:\d\d told 3 hosts to run release #1\n(.|\n)*3\/3 hosts on release #1, 3 healthy$/);
    expect(done.startedAt! <= done.finishedAt!).toBe(true);
    expect((await db.pipeline.findUniqueOrThrow({ where: { id: pipeline.id } })).currentReleaseId).toBe(release.id);
    expect((await auditOf(pipeline.id)).map((event) => [event.action, event.actor, event.releaseId])).toEqual([["deploy", "shipboard", release.id]]);
    expect((await blockersFor([pipeline.id])).get(pipeline.id)).toBeNull();
  });

  it("lets a newer green build that arrives mid-rollout go next, skipping the builds in between", async () => {
    const pipeline = await createPipeline("deploy-mid-rollout", { hosts: 4, restartSeconds: 30 });
    await addBuild(pipeline.id, 1);
    const clock = simulatedClock();
    await tick({ now: clock.now() });
    await tick({ now: clock.advance(40) });
    const first = await db.release.findFirstOrThrow({ where: { pipelineId: pipeline.id } });
    expect(first.state).toBe("running");

    await addBuild(pipeline.id, 2);
    const newest = await addBuild(pipeline.id, 3);
    expect((await blockersFor([pipeline.id])).get(pipeline.id)).toMatchObject({ code: "release-active" });
    await tickUntil(clock, pipeline.id, async () => (await releaseState(first.id)) === "succeeded");
    await tickUntil(clock, pipeline.id, async () => (await db.release.count({ where: { pipelineId: pipeline.id } })) === 2);

    const releases = await db.release.findMany({ where: { pipelineId: pipeline.id }, orderBy: { number: "asc" } });
    expect(releases.map((release) => release.buildId)).toEqual([first.buildId, newest.id]);
    expect(releases[1]?.replacedReleaseId).toBe(first.id);
  });

  it("never auto-deploys a build of another branch", async () => {
    const pipeline = await createPipeline("deploy-branches");
    await addBuild(pipeline.id, 1, { branch: "feature/login" });
    await tick();
    expect(await db.release.count({ where: { pipelineId: pipeline.id } })).toBe(0);
    expect((await blockersFor([pipeline.id])).get(pipeline.id)).toBeNull();
  });

  it("explains a pipeline with auto-deploy off, and deploys nothing", async () => {
    const pipeline = await createPipeline("deploy-off", { autoDeploy: false });
    await addBuild(pipeline.id, 1);
    await tick();
    expect(await db.release.count({ where: { pipelineId: pipeline.id } })).toBe(0);
    expect((await blockersFor([pipeline.id])).get(pipeline.id)).toEqual({ code: "auto-deploy-off", message: "Auto-deploy is off: promote build #1 to deploy it" });
  });

  it("answers blockers for many pipelines at once, waiting-for-tick before the tick that deploys", async () => {
    const waiting = await createPipeline("deploy-blockers-a");
    const empty = await createPipeline("deploy-blockers-b");
    await addBuild(waiting.id, 7);
    const blockers = await blockersFor([waiting.id, empty.id, 999_999]);
    expect([...blockers]).toEqual([
      [waiting.id, { code: "waiting-for-tick", message: "Build #7 deploys on the next tick" }],
      [empty.id, null],
    ]);
  });

  it("finishes a release over a pipeline without hosts once its checks pass (an agents pipeline before any agent reported)", async () => {
    const pipeline = await db.pipeline.create({ data: { slug: "deploy-no-hosts", name: "No hosts", repository: "acme/none", target: { kind: "agents" } } });
    await addBuild(pipeline.id, 1);
    const clock = simulatedClock();
    await tickUntil(clock, pipeline.id, async () => (await db.pipeline.findUniqueOrThrow({ where: { id: pipeline.id } })).currentReleaseId !== null);
    const release = await db.release.findFirstOrThrow({ where: { pipelineId: pipeline.id }, include: { steps: true } });
    expect(release.state).toBe("succeeded");
    expect(release.steps).toHaveLength(3);
  });
});
