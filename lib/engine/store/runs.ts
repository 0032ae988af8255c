// Step runs as the engine sees them: started with their step (a job added in
// the same transaction, so a worker picks it up the moment it commits),
// stopped when their step ends, and read back as verdicts on the next tick.
import { enqueue } from "../../jobs/enqueue";
import { runJobFor } from "../../steps/job";
import type { TargetConfig } from "../targets/schema";
import type { CheckVerdict } from "../targets/target";
import type { Tx } from "./transaction";

/** The verdict of each step's latest run that finished, by step id. */
export async function loadRunVerdicts(tx: Tx, releaseId: number): Promise<Map<number, CheckVerdict>> {
  const rows = await tx.$queryRaw<{ stepId: number; state: "succeeded" | "failed"; note: string | null }[]>`
    SELECT r."stepId", r.state::text AS state, r.note FROM (
      SELECT DISTINCT ON ("stepId") "stepId", state, note FROM "StepRun"
      WHERE "releaseId" = ${releaseId} ORDER BY "stepId", attempt DESC
    ) r WHERE r.state IN ('succeeded', 'failed')`;
  return new Map(rows.map((row) => [row.stepId, { state: row.state, note: row.note ?? row.state }]));
}

/** A first run for each step that starts now, and its job (of the kind that runs this target's steps). */
export async function startStepRuns(tx: Tx, target: TargetConfig["kind"], releaseId: number, stepIds: readonly number[]): Promise<void> {
  if (stepIds.length === 0) return;
  const runs = await tx.stepRun.createManyAndReturn({
    data: stepIds.map((stepId) => ({ stepId, releaseId })),
    select: { id: true },
  });
  for (const run of runs) await enqueue(tx, runJobFor(target), { runId: run.id });
}

/**
 * Stops the unfinished runs of steps that ended: a run no worker took yet is
 * canceled here, one waiting for a webhook callback too; a running one gets its
 * stop reason, and the worker running it kills its process group and logs why.
 */
export async function stopStepRuns(tx: Tx, stops: readonly { stepId: number; why: string }[], now: Date): Promise<void> {
  for (const { stepId, why } of stops) {
    await tx.stepRun.updateMany({
      where: { stepId, state: { in: ["pending", "waiting"] } },
      data: { state: "canceled", note: `canceled: ${why}`, finishedAt: now },
    });
    await tx.stepRun.updateMany({ where: { stepId, state: "running", stopReason: null }, data: { stopReason: why } });
  }
}
