import { recordEvent } from "../events/record";
import type { Pipeline } from "../generated/prisma/client";
import type { Blocker } from "./decide/continuous";
import type { ReleaseFacts, ReleaseTrigger } from "./decide/facts";
import { rollbackOverrides } from "./decide/overrides";
import { batchPercentFor } from "./decide/plan";
import { optionalReason } from "./decide/reason";
import { decideRollback, rollbackFrom, type RollbackRequest } from "./decide/rollback";
import type { DeployWindow } from "./decide/windows";
import { buildLabel } from "./decide/words";
import { advanceRelease, endRelease, openRelease } from "./store/lifecycle";
import { loadActiveRelease, loadRelease, loadRollbackHistory, pipelineFacts } from "./store/load";
import { inTransaction, onLockedPipeline, type Tx } from "./store/transaction";
import { badRequest, notFound } from "../errors";
import { audit, writeLock } from "./store/write";

export type RollbackStart = {
  from: ReleaseFacts; actor: string; trigger: ReleaseTrigger; reason: string | null; releaseId?: number;
  /** The guardrails a person's rollback went past (blocker codes), for the audit. */
  overrides?: string[];
};

/**
 * Starts a rollback from `from` in the caller's transaction: supersedes `from`
 * if it is still active, locks the pipeline (kind rollback), and tells the first
 * batch's hosts at once (the checks are skipped).
 */
export async function startRollback(tx: Tx, pipeline: Pipeline, start: RollbackStart, now: Date): Promise<{ id: number; number: number }> {
  const { from, actor, reason, releaseId } = start;
  const decision = await decide(tx, pipeline, from, { actor, reason, releaseId });
  if (decision.supersede) await endRelease(tx, from.id, "superseded", decision.lockReason, now);
  await writeLock(tx, pipeline.id, { kind: "rollback", reason: decision.lockReason, by: actor, at: now });
  await recordEvent(tx, { pipelineId: pipeline.id, type: "pipeline.locked", at: now, actor, reason: decision.lockReason });
  const { target } = decision;
  const release = await openRelease(
    tx,
    pipeline,
    { kind: "rollback", trigger: start.trigger, by: actor, reason, buildId: target.build.id, replacedReleaseId: from.id },
    now,
  );
  await audit(tx, {
    at: now, actor, action: "rollback", pipelineId: pipeline.id, releaseId: release.id, reason,
    outcome: `release #${release.number} rolls back from release #${from.number} to release #${target.number} (${buildLabel(target.build)})`,
    detail: {
      fromReleaseId: from.id, toReleaseId: target.id, buildId: target.build.id, superseded: decision.supersede,
      ...(start.overrides?.length ? { overrides: start.overrides } : {}),
    },
  });
  await advanceRelease(tx, pipeline, release.id, now);
  return release;
}

/** Rule 5's decision on the database's facts: the one place both a rollback and its preview ask. */
async function decide(tx: Tx, pipeline: Pipeline, from: ReleaseFacts, request: RollbackRequest) {
  return decideRollback(
    {
      pipeline: pipelineFacts(pipeline),
      from,
      history: await loadRollbackHistory(tx, pipeline.id, from.number),
      requested: request.releaseId === undefined ? undefined : await loadRelease(tx, request.releaseId),
    },
    request,
  );
}

/** The release rolled back from: the active one if any, else the current one (409 when neither). */
async function loadRollbackFrom(tx: Tx, pipeline: Pipeline): Promise<ReleaseFacts> {
  const active = await loadActiveRelease(tx, pipeline.id);
  const current = pipeline.currentReleaseId === null ? null : await loadRelease(tx, pipeline.currentReleaseId);
  return rollbackFrom(pipelineFacts(pipeline), active, current);
}

/** The guardrails (a freeze, the windows) a rollback now goes past: it then needs a reason. */
async function overridesFor(tx: Tx, pipeline: Pipeline, now: Date): Promise<Blocker[]> {
  const freezes = await tx.freeze.findMany({
    where: { pipelineId: pipeline.id, to: { gt: now } },
    select: { id: true, from: true, to: true, reason: true, by: true },
  });
  return rollbackOverrides({ windows: pipeline.windows as DeployWindow[], freezes }, now);
}

/**
 * What a rollback now would do, changing nothing (GET /api/pipelines/:slug/rollback):
 * the release it rolls back from and its default target, or the 409 it would
 * get, and the guardrails it would go past.
 */
export async function previewRollback(slug: string): Promise<{ fromId: number; targetId: number; batchPercent: number; guardrails: Blocker[] }> {
  return inTransaction(async (tx) => {
    const pipeline = await tx.pipeline.findUnique({ where: { slug } });
    if (!pipeline) throw notFound(`pipeline "${slug}" does not exist`);
    const decision = await decide(tx, pipeline, await loadRollbackFrom(tx, pipeline), { actor: "preview", reason: null });
    const guardrails = await overridesFor(tx, pipeline, new Date());
    return { fromId: decision.from.id, targetId: decision.target.id, batchPercent: batchPercentFor("rollback", pipeline.batchPercent), guardrails };
  });
}

/** Rule 5: rolls back from the active release (superseding it) or else the current one. */
export async function rollbackPipeline(
  slug: string,
  actor: string,
  options: { releaseId?: number; reason?: string },
): Promise<{ releaseId: number }> {
  const reason = optionalReason(options.reason);
  return onLockedPipeline(slug, async (tx, pipeline, now) => {
    const from = await loadRollbackFrom(tx, pipeline);
    // Allowed in a freeze and outside the windows (a human decision), but not without saying why.
    const overrides = await overridesFor(tx, pipeline, now);
    if (overrides.length > 0 && reason === null) {
      throw badRequest(`${overrides.map((o) => o.message).join("; ")}. Rolling back goes past this: give a reason`, "reason");
    }
    const release = await startRollback(
      tx, pipeline, { from, actor, trigger: "user", reason, releaseId: options.releaseId, overrides: overrides.map((o) => o.code) }, now,
    );
    return { releaseId: release.id };
  });
}
