// Rule 5: rollback.
import { conflict, notFound } from "../../errors";
import { isActive, type PipelineFacts, type ReleaseFacts } from "./facts";
import { buildLabel } from "./words";

export type RollbackFacts = {
  pipeline: PipelineFacts;
  /** The release rolled back from: see rollbackFrom. */
  from: ReleaseFacts;
  /** Succeeded releases numbered before `from`, newest first (the store loads a bounded window). */
  history: ReleaseFacts[];
  /** With an explicit target: the release of that id whatever its pipeline, or null when there is none. */
  requested?: ReleaseFacts | null;
};

export type RollbackRequest = { actor: string; reason: string | null; releaseId?: number };

export type RollbackDecision = {
  from: ReleaseFacts;
  target: ReleaseFacts;
  /** The release rolled back from is still pending or running: it becomes superseded. */
  supersede: boolean;
  /** The lock a rollback leaves, so CD cannot redeploy the bad build until someone unlocks. */
  lockReason: string;
};

/** The release rolled back from is the active one if any, else the current one. */
export function rollbackFrom(pipeline: PipelineFacts, active: ReleaseFacts | null, current: ReleaseFacts | null): ReleaseFacts {
  const from = active ?? current;
  if (from === null) throw conflict(`Nothing to roll back on pipeline ${pipeline.slug}: it has no release yet`);
  return from;
}

/** The newest succeeded release before `from` with another build that was never itself rolled back from. */
function defaultTarget(facts: RollbackFacts): ReleaseFacts {
  const { from, pipeline } = facts;
  const target = [...facts.history]
    .sort((a, b) => b.number - a.number)
    .find((release) => release.state === "succeeded" && release.number < from.number && release.build.id !== from.build.id && !release.rolledBackFrom);
  if (target === undefined) {
    throw conflict(
      `Nothing to roll back to on pipeline ${pipeline.slug}: no succeeded release before release #${from.number} runs another build than ${buildLabel(from.build)} without having been rolled back from`,
    );
  }
  return target;
}

/** A target the person chose: any succeeded release of this pipeline with another build. */
function requestedTarget(facts: RollbackFacts, releaseId: number): ReleaseFacts {
  const { from, pipeline, requested } = facts;
  if (requested == null || requested.pipelineId !== pipeline.id) throw notFound(`Release ${releaseId} not found in pipeline ${pipeline.slug}`);
  if (requested.id === from.id) throw conflict(`Release #${requested.number} is the release being rolled back from`);
  if (requested.state !== "succeeded") {
    throw conflict(`Release #${requested.number} is ${requested.state}; only a succeeded release can be rolled back to`);
  }
  if (requested.build.id === from.build.id) {
    throw conflict(`Release #${requested.number} runs ${buildLabel(requested.build)}, the same build as release #${from.number}`);
  }
  return requested;
}

export function decideRollback(facts: RollbackFacts, request: RollbackRequest): RollbackDecision {
  const { from } = facts;
  const target = request.releaseId === undefined ? defaultTarget(facts) : requestedTarget(facts, request.releaseId);
  const lockReason = `${request.actor} rolled back from release #${from.number}${request.reason === null ? "" : `: ${request.reason}`}`;
  return { from, target, supersede: isActive(from.state), lockReason };
}
