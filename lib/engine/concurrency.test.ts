import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { AppError } from "../errors";
import { lockPipeline, unlockPipeline } from "./lock";
import { promoteBuild } from "./promote";
import { rollbackPipeline } from "./rollback";
import { activeReleases, addBuild, auditOf, createPipeline, simulatedClock, tickUntil } from "./testing";
import { tick } from "./tick";

afterAll(disconnect);

const SLUG = "concurrency";
type Action = "lock" | "unlock" | "promote" | "rollback";
const ACTIONS: Action[] = ["lock", "unlock", "promote", "rollback"];

/** One person's action; resolves to whether it changed anything, rejects as the engine refused it. */
async function act(action: Action, actor: string, buildIds: number[], index: number): Promise<boolean> {
  switch (action) {
    case "lock":
      await lockPipeline(SLUG, actor, "burst");
      return true;
    case "unlock":
      return (await unlockPipeline(SLUG, actor)).changed;
    case "promote":
      await promoteBuild(SLUG, buildIds[index % buildIds.length]!, actor);
      return true;
    case "rollback":
      await rollbackPipeline(SLUG, actor, { reason: "burst" });
      return true;
  }
}

describe("many processes at once", () => {
  it("keeps one active release, answers only 409s to refused actions, and audits every accepted action exactly once", async () => {
    const pipeline = await createPipeline(SLUG, { hosts: 12, restartSeconds: 1, batchPercent: 25, autoRollback: true });
    const clock = simulatedClock();
    const buildIds: number[] = [];
    const accepted = new Map<string, Action>();
    const refusals: unknown[] = [];

    const burst = async (round: number, size: number) => {
      const calls = Array.from({ length: size }, (_, i) => {
        const action = ACTIONS[(round * 7 + i) % ACTIONS.length]!;
        const actor = `${action}-${round}-${i}`;
        return act(action, actor, buildIds, round + i).then(
          (changed) => void (changed && accepted.set(actor, action)),
          (error: unknown) => void refusals.push(error),
        );
      });
      // Two workers tick alongside the people.
      const now = clock.advance(2);
      const ticks = [tick({ now }), tick({ now })];
      await Promise.all([...calls, ...ticks]);
      // A busy pipeline is skipped by the ticks above; this one moves its releases on.
      ticks.push(tick({ now: clock.advance(2) }));
      for (const summary of await Promise.all(ticks)) expect(summary.errors.filter((e) => e.pipelineId === pipeline.id)).toEqual([]);
      expect((await activeReleases(pipeline.id)).length).toBeLessThanOrEqual(1);
    };

    // Two releases live before the crowd arrives, so rollbacks have somewhere to go.
    for (const number of [1, 2]) {
      buildIds.push((await addBuild(pipeline.id, number)).id);
      await tickUntil(clock, pipeline.id, async () => (await db.release.count({ where: { pipelineId: pipeline.id, state: "succeeded" } })) === number);
    }
    for (let round = 0; round < 12; round++) {
      buildIds.push((await addBuild(pipeline.id, round + 3)).id);
      await burst(round, round === 6 ? 50 : 6);
    }

    expect(refusals.filter((error) => !(error instanceof AppError && error.status === 409))).toEqual([]);
    expect(new Set(accepted.values())).toEqual(new Set(ACTIONS));

    // Every accepted action has exactly one audit event, by its actor, of its action.
    const events = await auditOf(pipeline.id);
    const people = events.filter((event) => event.actor !== "shipboard");
    expect(people.map((event) => `${event.actor}:${event.action}`).sort()).toEqual(
      [...accepted].map(([actor, action]) => `${actor}:${action}`).sort(),
    );
    // And everything the engine did by itself too.
    const releases = await db.release.findMany({ where: { pipelineId: pipeline.id } });
    const engine = events.filter((event) => event.actor === "shipboard");
    expect(engine.filter((event) => event.action === "deploy").map((event) => event.releaseId).sort()).toEqual(
      releases.filter((release) => release.kind === "deploy").map((release) => release.id).sort(),
    );

    // Settled, the state is consistent: every host runs the current release.
    await tickUntil(clock, pipeline.id, async () => (await activeReleases(pipeline.id)).length === 0, { stepSeconds: 2 });
    const settled = await db.pipeline.findUniqueOrThrow({ where: { id: pipeline.id }, include: { hosts: true, currentRelease: true } });
    const lastSucceeded = await db.release.findFirst({ where: { pipelineId: pipeline.id, state: "succeeded" }, orderBy: { finishedAt: "desc" } });
    expect(settled.currentRelease?.id).toBe(lastSucceeded?.id);
    expect(settled.hosts.every((host) => host.releaseId === settled.currentReleaseId && host.healthy)).toBe(true);
    expect(settled.locked).toBe(settled.lockKind !== null);
  }, 120_000); // ~300 engine operations against one real database: seconds alone, far longer on a loaded machine
});
