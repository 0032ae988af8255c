// Advancing one pipeline: simulated hosts, its active release (and the
// auto-rollback a failed batch asks for), then rule 1. The tick does it for
// every pipeline in motion; a finished step run or a webhook's callback does it
// for its own pipeline at once, so a release never waits for the next tick.
import { AppError } from "../errors";
import { log } from "../log";
import type { Pipeline } from "../generated/prisma/client";
import { decideDeployment } from "./decide/continuous";
import { ENGINE_ACTOR } from "./decide/facts";
import { startRollback } from "./rollback";
import { loadDeploymentFacts } from "./store/deployment";
import { advanceRelease, openBuildRelease, simulateHosts } from "./store/lifecycle";
import { loadActiveRelease, loadRelease } from "./store/load";
import { inTransaction, lockPipelineRow, type Tx } from "./store/transaction";

export type PipelineWork = {
  /** Whether anything about the active release changed. */
  changed: boolean;
  releasesCreated: number;
  releasesStarted: number;
  releasesFinished: number;
  hostsConverged: number;
};

/** Rule 7's "with autoRollback on, a rollback follows" — after a batch failed, so some hosts may run the bad build. */
async function rollBackFailed(tx: Tx, pipeline: Pipeline, releaseId: number, reason: string, now: Date): Promise<boolean> {
  if (!pipeline.autoRollback) return false;
  const failed = (await loadRelease(tx, releaseId))!;
  if (failed.kind === "rollback") return false;
  try {
    await startRollback(tx, pipeline, { from: failed, actor: ENGINE_ACTOR, trigger: "auto", reason }, now);
    return true;
  } catch (error) {
    // Nothing to roll back to: the failure stays as it is, for a person to act on.
    if (error instanceof AppError && error.code === "conflict") return false;
    throw error;
  }
}

/** Rule 1 for one pipeline, under its row lock. */
async function deployIfDue(tx: Tx, pipelineId: number, now: Date): Promise<boolean> {
  const facts = (await loadDeploymentFacts(tx, [pipelineId], now)).get(pipelineId)!;
  const build = decideDeployment(facts, now).deploy;
  if (build === null) return false;
  const pipeline = await tx.pipeline.findUniqueOrThrow({ where: { id: pipelineId } });
  await openBuildRelease(tx, pipeline, { kind: "deploy", trigger: "auto", actor: ENGINE_ACTOR, reason: null, build }, now);
  return true;
}

export type AdvanceOptions = {
  /** The tick skips a pipeline another process holds; a step run's result waits its turn instead (the holder may have read the runs before it). */
  skipLocked: boolean;
  /** The decision's time; default: when the row lock is held. Tests fast-forward simulated time with it. */
  now?: Date;
};

/**
 * Everything the engine does for one pipeline, in one transaction under its
 * row lock (steps are only queued here, never run); null when skipLocked and
 * another process holds it.
 */
export async function advancePipeline(pipelineId: number, options: AdvanceOptions): Promise<PipelineWork | null> {
  return inTransaction(async (tx) => {
    if ((await lockPipelineRow(tx, { id: pipelineId }, { skipLocked: options.skipLocked })) === null) return null;
    const now = options.now ?? new Date();
    const pipeline = await tx.pipeline.findUniqueOrThrow({ where: { id: pipelineId } });
    const work: PipelineWork = { changed: false, releasesCreated: 0, releasesStarted: 0, releasesFinished: 0, hostsConverged: 0 };
    work.hostsConverged = await simulateHosts(tx, pipeline, now);
    const active = await loadActiveRelease(tx, pipelineId);
    let stillActive = false;
    if (active !== null) {
      const advance = await advanceRelease(tx, pipeline, active.id, now);
      work.changed = advance.changed;
      work.releasesStarted += advance.started ? 1 : 0;
      work.releasesFinished += advance.finished ? 1 : 0;
      stillActive = advance.finished === null;
      if (advance.failure?.step === "batch" && (await rollBackFailed(tx, pipeline, active.id, advance.failure.reason, now))) {
        work.releasesCreated += 1;
        work.releasesStarted += 1;
        stillActive = true;
      }
    }
    // Rule 1 wants no release pending or running: with one, its facts need not be loaded at all.
    if (!stillActive && (await deployIfDue(tx, pipelineId, now))) work.releasesCreated += 1;
    return work;
  });
}

/**
 * A step run of the pipeline has a result (or a receiver reported one): its
 * release moves on now, in a short transaction of its own, rather than on the
 * next tick. A failure is logged and left to the tick (rule 8), never thrown
 * at the run or the receiver whose result is recorded already.
 */
export async function advancePipelineNow(pipelineId: number, now?: Date): Promise<void> {
  try {
    await advancePipeline(pipelineId, { skipLocked: false, now });
  } catch (error) {
    log.warn({ err: error, pipelineId }, "could not advance the pipeline at once; the next tick will");
  }
}
