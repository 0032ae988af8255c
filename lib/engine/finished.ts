import { refreshDailyStats } from "../metrics/rollup";
import type { Tx } from "./store/transaction";

export type FinishedRelease = { id: number; pipelineId: number; finishedAt: Date | null };

/**
 * The one place the engine reports a release that reached its final state, in
 * the transaction that ended it: the day's metrics rollup counts it at once.
 */
export async function onReleaseFinished(tx: Tx, release: FinishedRelease): Promise<void> {
  if (release.finishedAt) await refreshDailyStats(tx, release.pipelineId, release.finishedAt);
}
