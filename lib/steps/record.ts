// A step run's row, as the worker executing it keeps it: claimed with a lease,
// its output appended while it runs (the lease extended and the engine's stop
// request read back each time), finished with its outcome.
import os from "node:os";
import { db } from "../db";
import type { Tx } from "../engine/store/transaction";

/** A run whose lease lapsed this long ago without being extended was lost with its worker. */
export const LEASE_MS = 15_000;
/** Output kept per run: the last 1 MB. */
export const OUTPUT_LIMIT = 1_048_576;

/** This worker process, as named in the runs it executes. */
export const WORKER_ID = `${os.hostname()}:${process.pid}`;

const lease = () => new Date(Date.now() + LEASE_MS);

/** Takes a pending run for this worker; false when it is not pending any more (canceled, or taken). */
export async function claimRun(runId: number): Promise<boolean> {
  const now = new Date();
  const { count } = await db.stepRun.updateMany({
    where: { id: runId, state: "pending" },
    data: { state: "running", workerId: WORKER_ID, leaseUntil: lease(), startedAt: now },
  });
  return count === 1;
}

/** Appends output (keeping the last 1 MB) and extends the lease; answers the engine's stop reason, if any. */
export async function touchRun(runId: number, output: string): Promise<{ stopReason: string | null }> {
  const rows = await db.$queryRaw<{ stopReason: string | null }[]>`
    UPDATE "StepRun" SET output = right(output || ${output}, ${OUTPUT_LIMIT}), "leaseUntil" = ${lease()}
    WHERE id = ${runId} AND state = 'running' RETURNING "stopReason"`;
  return rows[0] ?? { stopReason: "the run was ended elsewhere" };
}

export type RunOutcome = {
  state: "succeeded" | "failed" | "waiting" | "pending";
  note: string;
  output?: string;
  exitCode?: number | null;
  httpStatus?: number | null;
  /** For `pending`: when it is due again (a webhook's next delivery); its job is queued for then. */
  retryAt?: Date;
};

/**
 * Records how a running run ended (or that it waits for a callback, or goes
 * back to pending for a later retry); the caller then advances its pipeline.
 * Only a run still running here changes: one the sweeper already gave up on
 * stays as it is.
 */
export async function finishRun(runId: number, outcome: RunOutcome, then?: (tx: Tx) => Promise<void>): Promise<void> {
  const final = outcome.state === "succeeded" || outcome.state === "failed";
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE "StepRun" SET state = ${outcome.state}::"StepRunState", note = ${outcome.note},
        output = right(output || ${outcome.output ?? ""}, ${OUTPUT_LIMIT}),
        "exitCode" = coalesce(${outcome.exitCode ?? null}::int, "exitCode"),
        "httpStatus" = coalesce(${outcome.httpStatus ?? null}::int, "httpStatus"),
        "leaseUntil" = ${outcome.retryAt ?? null}, "finishedAt" = ${final ? new Date() : null}
      WHERE id = ${runId} AND state = 'running'`;
    await then?.(tx);
  });
}
