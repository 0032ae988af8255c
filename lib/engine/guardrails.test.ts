// The guardrails on a real database through the real tick: CD waits while a gate says no, and goes once it lifts.
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { blockersFor } from "./blockers";
import { emergencyStopState, liftEmergencyStop, startEmergencyStop } from "./emergency";
import { addFreeze, removeFreeze } from "./freezes";
import { lockPipeline, unlockPipeline } from "./lock";
import { rollbackPipeline } from "./rollback";
import { activeReleases, addBuild, auditOf, createPipeline, releaseState, simulatedClock, tickUntil } from "./testing";
import { tick } from "./tick";

afterAll(disconnect);

const releasesOf = (pipelineId: number) => db.release.count({ where: { pipelineId } });

describe("guardrails in the tick", () => {
  it("holds CD outside the deploy windows, with the next opening as `until`, and deploys once a window opens", async () => {
    const pipeline = await createPipeline("guard-window");
    await db.pipeline.update({ where: { id: pipeline.id }, data: { windows: [{ days: ["wed"], from: "09:00", to: "10:00", timeZone: "UTC" }] } });
    await addBuild(pipeline.id, 1);
    const tuesdayNoon = new Date("2026-12-01T12:00:00Z");

    await tick({ now: tuesdayNoon });
    expect(await releasesOf(pipeline.id)).toBe(0);
    expect((await blockersFor([pipeline.id], tuesdayNoon)).get(pipeline.id)).toMatchObject({
      code: "outside-window", until: new Date("2026-12-02T09:00:00Z"),
    });

    await tick({ now: new Date("2026-12-02T09:00:00Z") });
    expect(await releasesOf(pipeline.id)).toBe(1);
  });

  it("holds CD during a freeze with blocker frozen until its end; adding and removing it are audited with their reason", async () => {
    const pipeline = await createPipeline("guard-freeze");
    await addBuild(pipeline.id, 1);
    const from = new Date(Date.now() - 60_000);
    const to = new Date(Date.now() + 3_600_000);
    const freeze = await addFreeze("guard-freeze", "ada", { from, to, reason: "Black Friday" });

    await tick({ now: new Date() });
    expect(await releasesOf(pipeline.id)).toBe(0);
    expect((await blockersFor([pipeline.id])).get(pipeline.id)).toMatchObject({ code: "frozen", until: to });

    await removeFreeze(freeze.id, "bob");
    await expect(removeFreeze(freeze.id, "bob")).rejects.toMatchObject({ code: "not_found" });
    await tick({ now: new Date() });
    expect(await releasesOf(pipeline.id)).toBe(1);
    const audit = (await auditOf(pipeline.id)).filter((event) => event.action.startsWith("freeze"));
    expect(audit.map((event) => [event.action, event.actor, event.reason])).toEqual([
      ["freeze.create", "ada", "Black Friday"], ["freeze.delete", "bob", "Black Friday"],
    ]);
  });

  it("lets CD go on by itself once a freeze has ended", async () => {
    const pipeline = await createPipeline("guard-freeze-ends");
    await addBuild(pipeline.id, 1);
    const to = new Date(Date.now() + 3_600_000);
    await addFreeze("guard-freeze-ends", "ada", { from: new Date(), to, reason: "maintenance" });
    await tick({ now: new Date(to.getTime() - 1000) });
    expect(await releasesOf(pipeline.id)).toBe(0);
    await tick({ now: to });
    expect(await releasesOf(pipeline.id)).toBe(1);
  });

  it("refuses a freeze that ends before it starts, and writes nothing", async () => {
    const pipeline = await createPipeline("guard-freeze-bad");
    await expect(addFreeze("guard-freeze-bad", "ada", { from: new Date(Date.now() + 2000), to: new Date(Date.now() + 1000), reason: "x" }))
      .rejects.toMatchObject({ code: "bad_request", field: "to" });
    expect(await db.freeze.count({ where: { pipelineId: pipeline.id } })).toBe(0);
    expect(await auditOf(pipeline.id)).toEqual([]);
  });

  it("emergency stop: locks every unlocked pipeline, cancels pending releases, lets running ones finish; lifting it unlocks only its own locks", async () => {
    const [idle, pending, running, heldBefore] = await Promise.all(["es-idle", "es-pending", "es-running", "es-held"].map((slug) => createPipeline(slug, { hosts: 2 })));
    const clock = simulatedClock();
    await addBuild(running!.id, 1);
    await tick({ now: clock.now() });
    await tick({ now: clock.advance(30) });
    const runningRelease = (await activeReleases(running!.id))[0]!;
    expect(runningRelease.state).toBe("running");
    await addBuild(pending!.id, 1);
    await tick({ now: clock.now() });
    const pendingRelease = (await activeReleases(pending!.id))[0]!;
    expect(pendingRelease.state).toBe("pending");
    await lockPipeline("es-held", "bob", "db migration");

    try {
      const started = await startEmergencyStop("ada", "payments are down");
      expect(started.locked).toEqual(expect.arrayContaining(["es-idle", "es-pending", "es-running"]));
      expect(started.locked).not.toContain("es-held");
      await expect(startEmergencyStop("carol", "again")).rejects.toMatchObject({ code: "conflict" });
      expect((await emergencyStopState(db)).active).toMatchObject({ reason: "payments are down", by: "ada" });
      expect(await releaseState(pendingRelease.id)).toBe("canceled");
      for (const p of [idle!, pending!, running!]) {
        expect(await db.pipeline.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ locked: true, lockKind: "emergency", lockedBy: "ada" });
      }
      await expect(unlockPipeline("es-idle", "bob")).rejects.toMatchObject({ code: "conflict" });
      await addBuild(idle!.id, 1);
      expect((await blockersFor([idle!.id])).get(idle!.id)).toMatchObject({ code: "emergency-stop" });
      await tickUntil(clock, running!.id, async () => (await releaseState(runningRelease.id)) === "succeeded");
      expect(await releasesOf(idle!.id)).toBe(0);
    } finally {
      expect(await liftEmergencyStop("ada")).toMatchObject({ changed: true });
    }

    expect(await liftEmergencyStop("ada")).toEqual({ changed: false, unlocked: [] });
    expect(await db.pipeline.findUniqueOrThrow({ where: { id: heldBefore!.id } })).toMatchObject({ locked: true, lockKind: "manual", lockedBy: "bob" });
    expect(await db.pipeline.findUniqueOrThrow({ where: { id: idle!.id } })).toMatchObject({ locked: false, lockKind: null });
    await tick({ now: clock.advance(5) });
    expect(await releasesOf(idle!.id)).toBe(1);
    expect((await auditOf(pending!.id)).filter((e) => e.action.startsWith("emergency")).map((e) => [e.action, e.actor, e.releaseId])).toEqual([
      ["emergency-stop", "ada", pendingRelease.id], ["emergency-stop.lift", "ada", null],
    ]);
    const global = await db.auditEvent.findMany({ where: { pipelineId: null, action: { startsWith: "emergency" } }, orderBy: { id: "asc" } });
    expect(global.map((e) => [e.action, e.reason])).toEqual([["emergency-stop", "payments are down"], ["emergency-stop.lift", "payments are down"]]);
  });

  it("emergency stop: two started at once on different connections make one stop and one 409", async () => {
    const results = await Promise.allSettled([startEmergencyStop("ada", "one"), startEmergencyStop("bob", "two")]);
    try {
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
      expect(await db.emergencyStop.count({ where: { endedAt: null } })).toBe(1);
    } finally {
      await liftEmergencyStop("ada");
    }
  });

  it("chain: production deploys a commit only after it baked on staging; a rollback on staging during the bake stops it", async () => {
    const staging = await createPipeline("chain-staging", { hosts: 2, restartSeconds: 1, checkSeconds: 0 });
    const production = await createPipeline("chain-production", { hosts: 2, restartSeconds: 1, checkSeconds: 0 });
    await db.pipeline.update({ where: { id: production.id }, data: { upstream: { slug: "chain-staging", bakeMinutes: 1 } } });
    const clock = simulatedClock();
    const succeeded = (pipelineId: number, buildId: number) => async () =>
      (await db.release.count({ where: { pipelineId, buildId, state: "succeeded" } })) === 1;
    const blocker = async () => (await blockersFor([production.id], clock.now())).get(production.id);

    // Build 1 (the same commit on both pipelines) goes live on staging, bakes a minute, then goes to production.
    const [stagingBuild1, productionBuild1] = [await addBuild(staging.id, 1), await addBuild(production.id, 1)];
    await tick({ now: clock.now() });
    expect(await releasesOf(production.id)).toBe(0);
    expect(await blocker()).toMatchObject({ code: "waiting-for-upstream" });
    await tickUntil(clock, staging.id, succeeded(staging.id, stagingBuild1.id), { stepSeconds: 1 });
    const live = (await db.release.findFirstOrThrow({ where: { pipelineId: staging.id, state: "succeeded" } })).finishedAt!;
    expect(await blocker()).toMatchObject({ code: "baking", until: new Date(live.getTime() + 60_000) });
    await tick({ now: new Date(live.getTime() + 59_000) });
    expect(await releasesOf(production.id)).toBe(0);
    await tick({ now: new Date(live.getTime() + 60_000) });
    expect(await db.release.findFirst({ where: { pipelineId: production.id } })).toMatchObject({ buildId: productionBuild1.id, kind: "deploy" });
    clock.advance(60);
    await tickUntil(clock, production.id, succeeded(production.id, productionBuild1.id), { stepSeconds: 1 });

    // Build 2 goes live on staging and is rolled back there during its bake: production never gets it.
    const stagingBuild2 = await addBuild(staging.id, 2);
    await addBuild(production.id, 2);
    await tickUntil(clock, staging.id, succeeded(staging.id, stagingBuild2.id), { stepSeconds: 1 });
    expect(await blocker()).toMatchObject({ code: "baking" });
    await rollbackPipeline("chain-staging", "ada", { reason: "error rate up" });
    expect(await blocker()).toMatchObject({ code: "waiting-for-upstream", message: expect.stringContaining("was rolled back on chain-staging") });
    await tick({ now: clock.advance(3600) });
    expect(await releasesOf(production.id)).toBe(1);
  });
});
