import { recordEvent } from "../events/record";
import { decideLock, decideUnlock } from "./decide/lock";
import { endRelease } from "./store/lifecycle";
import { loadActiveRelease, pipelineFacts } from "./store/load";
import { onLockedPipeline } from "./store/transaction";
import { audit, writeLock } from "./store/write";

/** Rule 2: stops CD; a pending release is canceled, a running one finishes. 404 / 409 locked / 400 reason. */
export async function lockPipeline(slug: string, actor: string, reason: string): Promise<void> {
  await onLockedPipeline(slug, async (tx, pipeline, now) => {
    const active = await loadActiveRelease(tx, pipeline.id);
    const { lock, cancel } = decideLock({ pipeline: pipelineFacts(pipeline), active }, actor, reason, now);
    await writeLock(tx, pipeline.id, lock);
    await recordEvent(tx, { pipelineId: pipeline.id, type: "pipeline.locked", at: now, actor, reason: lock.reason });
    if (cancel) await endRelease(tx, cancel.id, "canceled", `locked by ${actor}: ${lock.reason}`, now);
    await audit(tx, {
      at: now, actor, action: "lock", pipelineId: pipeline.id, releaseId: cancel?.id ?? null, reason: lock.reason,
      outcome: cancel ? `locked; pending release #${cancel.number} canceled` : "locked",
    });
  });
}

/** Rule 3: clears the lock; CD resumes on the next tick. Unlocking an unlocked pipeline changes (and audits) nothing. */
export async function unlockPipeline(slug: string, actor: string): Promise<{ changed: boolean }> {
  return onLockedPipeline(slug, async (tx, pipeline, now) => {
    const facts = pipelineFacts(pipeline);
    const decision = decideUnlock(facts);
    if (!decision.changed || facts.lock === null) return decision;
    await writeLock(tx, pipeline.id, null);
    await recordEvent(tx, { pipelineId: pipeline.id, type: "pipeline.unlocked", at: now, actor });
    const { kind, reason, by, at } = facts.lock;
    await audit(tx, {
      at: now, actor, action: "unlock", pipelineId: pipeline.id, outcome: "unlocked",
      detail: { previousLock: { kind, reason, by, at: at.toISOString() } },
    });
    return decision;
  });
}
