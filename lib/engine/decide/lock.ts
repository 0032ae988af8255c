// Rules 2 and 3: lock and unlock.
import { conflict } from "../../errors";
import type { Lock, PipelineFacts, ReleaseFacts } from "./facts";
import { requireReason } from "./reason";
import { ago } from "./words";

export type LockDecision = {
  lock: Lock;
  /** A pending release that has not started is canceled; a running one finishes. */
  cancel: ReleaseFacts | null;
};

const LOCKED_BY = { manual: "locked", rollback: "locked by a rollback", emergency: "locked by the emergency stop" } as const;

export function describeLock(lock: Lock, now: Date): string {
  return `${LOCKED_BY[lock.kind]} by ${lock.by} ${ago(lock.at, now)}: ${lock.reason}`;
}

export function decideLock(
  facts: { pipeline: PipelineFacts; active: ReleaseFacts | null },
  actor: string,
  reason: unknown,
  now: Date,
): LockDecision {
  const valid = requireReason(reason);
  const { pipeline, active } = facts;
  if (pipeline.lock !== null) throw conflict(`Pipeline ${pipeline.slug} is already ${describeLock(pipeline.lock, now)}`);
  return {
    lock: { kind: "manual", reason: valid, by: actor, at: now },
    cancel: active?.state === "pending" ? active : null,
  };
}

/**
 * Unlocking an unlocked pipeline changes nothing (and, changing nothing, is not
 * audited). The emergency stop's locks go only with the stop (an admin's call):
 * a promote still gets a fix out through one.
 */
export function decideUnlock(pipeline: PipelineFacts): { changed: boolean } {
  if (pipeline.lock?.kind === "emergency") throw conflict(`Pipeline ${pipeline.slug} is held by the emergency stop: an admin lifts it for all pipelines`);
  return { changed: pipeline.lock !== null };
}
