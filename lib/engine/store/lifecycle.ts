// A release's life in the database: opened with its plan, advanced by the
// progress decision, ended early by a lock or a rollback.
import type { Pipeline } from "../../generated/prisma/client";
import { ENGINE_ACTOR, type BuildRef, type ReleaseState, type ReleaseTrigger, type StepKind } from "../decide/facts";
import { runsMetricChecks } from "../decide/metric-checks";
import { planSteps } from "../decide/plan";
import { decideProgress, endSteps } from "../decide/progress";
import { buildLabel } from "../decide/words";
import { checkNamesOf, parseTarget } from "../targets/schema";
import { targetFor } from "../targets/target";
import { countBatch, loadHostNames, loadMovingHosts, loadSteps, loadUnreachableHosts } from "./load";
import { advanceMetricChecks, gateOf, loadMetricChecks } from "./metric-checks";
import { loadRunVerdicts, startStepRuns, stopStepRuns } from "./runs";
import type { Tx } from "./transaction";
import { audit, createRelease, putHostsOnRelease, tellHosts, writeHostChanges, writeRelease, writeSteps, type NewRelease } from "./write";

/** Creates a pending release planned over the pipeline's hosts as they are now. */
export async function openRelease(tx: Tx, pipeline: Pipeline, release: Omit<NewRelease, "pipelineId" | "steps">, now: Date) {
  const hostNames = await loadHostNames(tx, pipeline.id);
  const checkNames = checkNamesOf(parseTarget(pipeline.target));
  const steps = planSteps({ kind: release.kind, batchPercent: pipeline.batchPercent, checkNames, hostNames, now });
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
  const config = parseTarget(pipeline.target);
  const target = targetFor(config);
  const release = await tx.release.findUniqueOrThrow({
    where: { id: releaseId },
    select: { id: true, number: true, kind: true, state: true, startedAt: true },
  });
  const steps = await loadSteps(tx, releaseId);
  // A target without metric checks costs no query (checks removed mid-release stop counting).
  const checksOn = runsMetricChecks(release.kind) && config.metricChecks.length > 0;
  const metricChecks = checksOn ? await loadMetricChecks(tx, releaseId) : [];
  const runningBatch = steps.find((step) => step.kind === "batch" && step.state === "running");
  const timeout = target.runsSteps ? undefined : target.hostTimeoutSeconds;
  const seenSince = timeout === undefined ? null : new Date(now.getTime() - timeout * 1000);
  const batch = runningBatch && !target.runsSteps ? await countBatch(tx, pipeline.id, releaseId, runningBatch.hosts, seenSince) : null;
  const batchStarts = !runningBatch && steps.some((step) => step.kind === "batch" && step.state === "pending");
  const unreachable = seenSince && batchStarts ? await loadUnreachableHosts(tx, pipeline.id, seenSince) : undefined;
  const runs = target.runsSteps ? await loadRunVerdicts(tx, releaseId) : new Map();
  const progress = decideProgress(
    { release, steps, batch, unreachable, target, runs, stepTimeoutSeconds: config.stepTimeoutSeconds, metrics: gateOf(metricChecks) },
    now,
  );
  await writeSteps(tx, progress.steps);
  await stopStepRuns(tx, progress.stopRuns, now);
  await putHostsOnRelease(tx, pipeline.id, releaseId, progress.hostsOnRelease, now);
  if (progress.startBatch) await tellHosts(tx, pipeline.id, releaseId, progress.startBatch.hosts, now);
  await startStepRuns(tx, config.kind, releaseId, progress.startRuns);
  if (checksOn && !progress.release?.finishedAt) {
    await advanceMetricChecks(tx, releaseId, { configured: config.metricChecks, rows: metricChecks, batchStarted: progress.startBatch !== null, now });
  }
  if (progress.release?.state === "succeeded") {
    await tx.pipeline.update({ where: { id: pipeline.id }, data: { currentReleaseId: releaseId }, select: { id: true } });
  }
  await writeRelease(tx, releaseId, { ...(progress.release ?? { state: release.state }), advancedAt: now }, progress.failure?.reason ?? null);
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

/**
 * Ends a release before it finished: canceled by a lock, superseded by a
 * rollback, failed by a person; `why` goes into its steps' logs, and their runs
 * are stopped (their processes killed) for the same reason.
 */
export async function endRelease(tx: Tx, releaseId: number, state: "canceled" | "superseded" | "failed", why: string, now: Date): Promise<void> {
  const ended = endSteps(await loadSteps(tx, releaseId), state, now, why);
  await writeSteps(tx, ended);
  await stopStepRuns(tx, ended.map((step) => ({ stepId: step.id, why })), now);
  await writeRelease(tx, releaseId, { state, finishedAt: now }, why);
}

/** A simulated fleet's hosts that are due switch releases now; real fleets report through heartbeats. */
export async function simulateHosts(tx: Tx, pipeline: Pipeline, now: Date): Promise<number> {
  const target = targetFor(parseTarget(pipeline.target));
  if (target.runsSteps || !target.converge) return 0;
  const converge = target.converge;
  const changes = converge(await loadMovingHosts(tx, pipeline.id), now);
  await writeHostChanges(tx, changes, now);
  return changes.length;
}
