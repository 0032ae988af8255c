import { enqueue } from "../jobs/enqueue";
import { refreshRollup, ROLLUP_QUEUE } from "../metrics/rollup-job";
import { isoDay } from "../metrics/days";
import type { Tx } from "./store/transaction";

export type FinishedRelease = { id: number; pipelineId: number; finishedAt: Date | null };

/**
 * The one place the engine reports a release that reached its final state, in
 * the transaction that ended it: the day's metrics rollup is refreshed by a
 * worker once that transaction commits (one waiting refresh per pipeline and day).
 */
export async function onReleaseFinished(tx: Tx, release: FinishedRelease): Promise<void> {
  if (!release.finishedAt) return;
  const key = `rollup:${release.pipelineId}:${isoDay(release.finishedAt)}`;
  await enqueue(tx, refreshRollup, { pipelineId: release.pipelineId, day: release.finishedAt.toISOString() }, { queue: ROLLUP_QUEUE, key });
}
