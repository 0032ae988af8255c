// A release's life in the database: opened with its plan, advanced by the
// progress decision, ended early by a lock or a rollback.
import type { Pipeline } from "../../generated/prisma/client";
import { ENGINE_ACTOR, type BuildRef, type ReleaseState, type ReleaseTrigger, type StepKind } from "../decide/facts";
import { planSteps } from "../decide/plan";
import { decideProgress, endSteps } from "../decide/progress";
import { buildLabel } from "../decide/words";
import { parseTarget } from "../targets/schema";
import { targetFor } from "../targets/target";
import { countBatch, loadHostNames, loadMovingHosts, loadSteps } from "./load";
import type { Tx } from "./transaction";
import { audit, createRelease, tellHosts, writeHostChanges, writeRelease, writeSteps, type NewRelease } from "./write";

/** Creates a pending release planned over the pipeline's hosts as they are now. */
export async function openRelease(tx: Tx, pipeline: Pipeline, release: Omit<NewRelease, "pipelineId" | "steps">, now: Date) {
  const hostNames = await loadHostNames(tx, pipeline.id);
  const steps = planSteps({ kind: release.kind, batchPercent: pipeline.batchPercent, hostNames, now });
  return createRelease(tx, { ...release, pipelineId: pipeline.id, steps }, now);
}

/**
 * A release of `build` that replaces the current one — a deploy by CD (left
 * pending for the next tick) or a promote by a person — and its audit event.
 */
export async function openBuildRelease(
  tx: Tx,
  pipeline: Pipeline,
  opening: {
    kind: "deploy" | "promote"; trigger: ReleaseTrigger; actor: string; reason: string | null; build: BuildRef;
    /** The guardrails a promote went past (blocker codes), for the audit. */
    overrides?: string[];
  },
  now: Date,
) {
  const { kind, trigger, actor, reason, build, overrides = [] } = opening;
  const release = await openRelease(
    tx,
    pipeline,
    { kind, trigger, by: actor, reason, buildId: build.id, replacedReleaseId: pipeline.currentReleaseId },
    now,
  );
  await audit(tx, {
    at: now, actor, action: kind, pipelineId: pipeline.id, releaseId: release.id, reason,
    outcome: `release #${release.number} ${kind === "promote" ? "started" : "created"} for ${buildLabel(build)}`,
    detail: overrides.length > 0 ? { buildId: build.id, overrides } : { buildId: build.id },
  });
  return release;
}

export type Advance = {
  /** Whether anything about the release changed. */
  changed: boolean;
  started: boolean;
  finished: ReleaseState | null;
  failure: { reason: string; step: StepKind } | null;
};

/**
 * Moves a pending or running release on as far as `now` allows. Everything it
 * needs is in the database, so any worker's next tick carries on (rule 8).
 */
export async function advanceRelease(tx: Tx, pipeline: Pipeline, releaseId: number, now: Date): Promise<Advance> {
  const target = parseTarget(pipeline.target);
  const release = await tx.release.findUniqueOrThrow({
    where: { id: releaseId },
    select: { id: true, number: true, state: true, startedAt: true },
  });
  const steps = await loadSteps(tx, releaseId);
  const runningBatch = steps.find((step) => step.kind === "batch" && step.state === "running");
  const batch = runningBatch ? await countBatch(tx, pipeline.id, releaseId, runningBatch.hosts) : null;
  const progress = decideProgress(
    { release, steps, batch, target: targetFor(target), stepTimeoutSeconds: target.stepTimeoutSeconds },
    now,
  );
  await writeSteps(tx, progress.steps);
  if (progress.startBatch) await tellHosts(tx, pipeline.id, releaseId, progress.startBatch.hosts, now);
  if (progress.release?.state === "succeeded") {
    await tx.pipeline.update({ where: { id: pipeline.id }, data: { currentReleaseId: releaseId }, select: { id: true } });
  }
  if (progress.release) await writeRelease(tx, releaseId, progress.release);
  if (progress.failure) {
    await audit(tx, {
      at: now, actor: ENGINE_ACTOR, action: "release.failed", pipelineId: pipeline.id, releaseId,
      reason: progress.failure.reason, outcome: `release #${release.number} failed`,
    });
  }
  const finished = progress.release?.finishedAt ? progress.release.state : null;
  return {
    changed: progress.release !== null || progress.steps.length > 0,
    started: release.state === "pending" && progress.release !== null,
    finished,
    failure: progress.failure,
  };
}

/** Ends a release before it finished: canceled by a lock, superseded by a rollback; `why` goes into its steps' logs. */
export async function endRelease(tx: Tx, releaseId: number, state: "canceled" | "superseded", why: string, now: Date): Promise<void> {
  await writeSteps(tx, endSteps(await loadSteps(tx, releaseId), state, now, why));
  await writeRelease(tx, releaseId, { state, finishedAt: now });
}

/** A simulated fleet's hosts that are due switch releases now; real fleets report through heartbeats. */
export async function simulateHosts(tx: Tx, pipeline: Pipeline, now: Date): Promise<number> {
  const converge = targetFor(parseTarget(pipeline.target)).converge;
  if (!converge) return 0;
  const changes = converge(await loadMovingHosts(tx, pipeline.id), now);
  await writeHostChanges(tx, changes, now);
  return changes.length;
}
