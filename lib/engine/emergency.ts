// The emergency stop, held in Postgres (one row while it is on, a partial
// unique index against a second), so every web and worker node sees it.
import { conflict } from "../errors";
import { decideEmergencyLift, decideEmergencyStop } from "./decide/emergency";
import { endRelease } from "./store/lifecycle";
import { loadActiveReleases, pipelineFacts } from "./store/load";
import { inTransaction, isUniqueIndexViolation, type Tx } from "./store/transaction";
import { audit, writeLock } from "./store/write";

const ONE_ON_INDEX = "EmergencyStop_one_on";

/** Every pipeline's row, locked in id order (so two multi-pipeline writers never deadlock). */
async function lockAllPipelines(tx: Tx) {
  const ids = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Pipeline" ORDER BY id FOR NO KEY UPDATE`;
  return tx.pipeline.findMany({ where: { id: { in: ids.map((row) => row.id) } }, orderBy: { id: "asc" } });
}

export type EmergencyStopView = { id: number; reason: string; by: string; startedAt: string };

export async function emergencyStopState(client: Pick<Tx, "emergencyStop">): Promise<{ active: EmergencyStopView | null }> {
  const on = await client.emergencyStop.findFirst({ where: { endedAt: null } });
  return { active: on && { id: on.id, reason: on.reason, by: on.by, startedAt: on.startedAt.toISOString() } };
}

/** Locks every unlocked pipeline (kind emergency) and cancels their pending releases; 409 while a stop is on. */
export async function startEmergencyStop(actor: string, reason: unknown): Promise<{ locked: string[]; canceled: number }> {
  try {
    return await inTransaction(async (tx) => {
      const now = new Date();
      if ((await emergencyStopState(tx)).active) throw conflict("An emergency stop is already on; lift it first");
      const pipelines = await lockAllPipelines(tx);
      const active = await loadActiveReleases(tx, pipelines.map((pipeline) => pipeline.id));
      const decision = decideEmergencyStop(
        pipelines.map((pipeline) => ({ pipeline: pipelineFacts(pipeline), active: active.get(pipeline.id) ?? null })),
        actor, reason, now,
      );
      const stop = await tx.emergencyStop.create({ data: { reason: decision.lock.reason, by: actor, startedAt: now } });
      for (const { pipeline, cancel } of decision.locks) {
        await writeLock(tx, pipeline.id, decision.lock);
        if (cancel) await endRelease(tx, cancel.id, "canceled", `emergency stop by ${actor}: ${decision.lock.reason}`, now);
        await audit(tx, {
          at: now, actor, action: "emergency-stop", pipelineId: pipeline.id, releaseId: cancel?.id ?? null, reason: decision.lock.reason,
          outcome: cancel ? `locked by the emergency stop; pending release #${cancel.number} canceled` : "locked by the emergency stop",
          detail: { emergencyStopId: stop.id },
        });
      }
      const locked = decision.locks.map(({ pipeline }) => pipeline.slug);
      const canceled = decision.locks.filter(({ cancel }) => cancel !== null).length;
      await audit(tx, {
        at: now, actor, action: "emergency-stop", pipelineId: null, reason: decision.lock.reason,
        outcome: `emergency stop: ${locked.length} pipelines locked, ${canceled} pending releases canceled`,
        detail: { emergencyStopId: stop.id, locked },
      });
      return { locked, canceled };
    });
  } catch (error) {
    // Another node started one between our check and our insert.
    if (isUniqueIndexViolation(error, ONE_ON_INDEX)) throw conflict("An emergency stop is already on; lift it first");
    throw error;
  }
}

/** Unlocks the pipelines the stop locked, and only those; lifting when none is on changes (and audits) nothing. */
export async function liftEmergencyStop(actor: string): Promise<{ changed: boolean; unlocked: string[] }> {
  return inTransaction(async (tx) => {
    const now = new Date();
    const on = await tx.emergencyStop.findFirst({ where: { endedAt: null } });
    if (on === null) return { changed: false, unlocked: [] };
    const pipelines = decideEmergencyLift((await lockAllPipelines(tx)).map(pipelineFacts));
    for (const pipeline of pipelines) {
      await writeLock(tx, pipeline.id, null);
      await audit(tx, {
        at: now, actor, action: "emergency-stop.lift", pipelineId: pipeline.id, outcome: "unlocked: emergency stop lifted",
        detail: { emergencyStopId: on.id },
      });
    }
    await tx.emergencyStop.update({ where: { id: on.id }, data: { endedAt: now, endedBy: actor } });
    const unlocked = pipelines.map((pipeline) => pipeline.slug);
    await audit(tx, {
      at: now, actor, action: "emergency-stop.lift", pipelineId: null, reason: on.reason,
      outcome: `emergency stop lifted: ${unlocked.length} pipelines unlocked`, detail: { emergencyStopId: on.id, unlocked },
    });
    return { changed: true, unlocked };
  });
}
