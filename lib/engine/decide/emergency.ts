// The emergency stop (SPEC "Guardrails"): every unlocked pipeline locked at once
// (kind `emergency`), pending releases canceled, running ones left to finish or
// be rolled back; lifting it unlocks only the locks it set.
import type { Gate } from "./continuous";
import type { Lock, PipelineFacts, ReleaseFacts } from "./facts";
import { requireReason } from "./reason";
import { ago, capitalize } from "./words";

export type EmergencyStopDecision = {
  lock: Lock;
  /** Each pipeline the stop locks, with its pending release to cancel. */
  locks: { pipeline: PipelineFacts; cancel: ReleaseFacts | null }[];
};

export function decideEmergencyStop(
  pipelines: readonly { pipeline: PipelineFacts; active: ReleaseFacts | null }[],
  actor: string,
  reason: unknown,
  now: Date,
): EmergencyStopDecision {
  const lock: Lock = { kind: "emergency", reason: requireReason(reason), by: actor, at: now };
  const locks = pipelines
    .filter(({ pipeline }) => pipeline.lock === null)
    .map(({ pipeline, active }) => ({ pipeline, cancel: active?.state === "pending" ? active : null }));
  return { lock, locks };
}

/** Lifting the stop unlocks the pipelines it locked, and no other lock (a lock set before it, or a rollback's since). */
export function decideEmergencyLift(pipelines: readonly PipelineFacts[]): PipelineFacts[] {
  return pipelines.filter((pipeline) => pipeline.lock?.kind === "emergency");
}

/** First of all gates: it is what on-call needs to see, even while a release finishes. */
export const emergencyStopGate: Gate = ({ facts: { pipeline }, label, now }) => {
  const lock = pipeline.lock;
  if (lock?.kind !== "emergency") return null;
  return {
    code: "emergency-stop",
    message: `Emergency stop by ${lock.by} ${ago(lock.at, now)}: ${lock.reason}. ${capitalize(label)} waits until it is lifted`,
  };
};
