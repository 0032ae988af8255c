// `release.stuck` (SPEC "Events"): stuck means no worker moves the release, so
// a worker cannot be the one to say so. Every web node looks every
// STUCK_CHECK_MS (server/start.ts), and every worker process too (a job runner
// that hangs beside a live tick). The event's key, the release and the
// moment since which nothing moved it, makes it one event per stuck episode
// however many nodes notice it at once; a release a worker moves and that gets
// stuck again later is a new episode.
import { db } from "../db";
import { log } from "../log";
import { recordEvent } from "../events/record";
import { STUCK_AFTER_SECONDS, stuckEpisode } from "./decide/stuck";
import { loadDeploymentFacts } from "./store/deployment";
import { inTransaction, lockPipelineRow } from "./store/transaction";

/** How often each web node looks for stuck releases. */
export const STUCK_CHECK_MS = 10_000;

/** Active releases that may be stuck: nothing advanced them, or a run of theirs waits for a worker, for longer than the threshold. */
async function possiblyStuck(now: Date): Promise<number[]> {
  const cutoff = new Date(now.getTime() - STUCK_AFTER_SECONDS * 1000);
  const rows = await db.$queryRaw<{ pipelineId: number }[]>`
    SELECT a."pipelineId" FROM "Release" a
    WHERE a.state IN ('pending', 'running') AND (
      coalesce(a."advancedAt", a."createdAt") < ${cutoff}
      OR EXISTS (SELECT 1 FROM "StepRun" r WHERE r."releaseId" = a.id AND r.state = 'pending' AND coalesce(r."leaseUntil", r."createdAt") < ${cutoff}))`;
  return rows.map((row) => row.pipelineId);
}

/**
 * Records a `release.stuck` event for each release that is stuck now and has
 * none for this episode yet; answers how many it recorded. Under the
 * pipeline's row lock, skipped when held (whoever holds it is moving the
 * release, so it is not stuck): the decision and the event agree.
 */
export async function recordStuckReleases(now: Date = new Date()): Promise<number> {
  let recorded = 0;
  for (const pipelineId of await possiblyStuck(now)) {
    const added = await inTransaction(async (tx) => {
      if ((await lockPipelineRow(tx, { id: pipelineId }, { skipLocked: true })) === null) return false;
      const active = (await loadDeploymentFacts(tx, [pipelineId], now)).get(pipelineId)?.active;
      const episode = active && stuckEpisode(active, now);
      if (!active || !episode) return false;
      return recordEvent(tx, {
        pipelineId, type: "release.stuck", at: now, releaseId: active.id, reason: episode.message,
        key: `release.stuck:${active.id}:${episode.since.toISOString()}`,
      });
    });
    if (added) recorded += 1;
  }
  return recorded;
}

/** Looks for stuck releases every STUCK_CHECK_MS in this process until stopped; a failed look is logged and tried again. */
export function watchStuckReleases(): { stop(): void } {
  const timer = setInterval(() => {
    recordStuckReleases().catch((error: unknown) => log.warn({ err: error }, "could not look for stuck releases"));
  }, STUCK_CHECK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
