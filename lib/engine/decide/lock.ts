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

export function describeLock(lock: Lock, now: Date): string {
  return `${lock.kind === "rollback" ? "locked by a rollback" : "locked"} by ${lock.by} ${ago(lock.at, now)}: ${lock.reason}`;
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

/** Unlocking an unlocked pipeline changes nothing (and, changing nothing, is not audited). */
export function decideUnlock(pipeline: PipelineFacts): { changed: boolean } {
  return { changed: pipeline.lock !== null };
}
