// The job that executes one step run. Runs are claimed from `pending`, so a
// job that comes twice (graphile-worker retrying one its dead worker held)
// does nothing the second time; the run's row, not the job, is the truth.
import { z } from "zod";
import { loadConfig } from "../config";
import { enqueue } from "../jobs/enqueue";
import { defineJob } from "../jobs/job";
import { db } from "../db";
import { runCommand } from "./command";
import { loadRunContext } from "./context";
import { claimRun, finishRun, type RunOutcome } from "./record";
import { runWebhook } from "./webhook";

/** When every command slot of this worker is taken, the job comes back this much later (another worker may take it first). */
const BUSY_RETRY_MS = 250;

let commandsRunning = 0;
let commandSlots: number | undefined;
/** SHIPBOARD_STEP_CONCURRENCY: commands one worker runs at once. */
const slots = () => (commandSlots ??= loadConfig().stepConcurrency);

async function execute(runId: number, tries: number, signal: AbortSignal): Promise<void> {
  const context = await loadRunContext(runId);
  if (context === null) return;
  if (context.pipeline.target.kind === "webhook") {
    if (!(await claimRun(runId))) return;
    const { retryAt, ...outcome } = await runWebhook(context, tries, signal);
    // A retry goes back to pending with its next delivery queued in the same transaction.
    await finishRun(runId, outcome, retryAt && ((tx) => enqueue(tx, stepRunJob, { runId, tries: tries + 1 }, { runAt: retryAt })));
    return;
  }
  if (commandsRunning >= slots()) {
    await enqueue(db, stepRunJob, { runId }, { runAt: new Date(Date.now() + BUSY_RETRY_MS) });
    return;
  }
  commandsRunning += 1;
  try {
    if (!(await claimRun(runId))) return;
    const outcome: RunOutcome | null = await runCommand(context, signal);
    if (outcome !== null) await finishRun(runId, outcome);
  } finally {
    commandsRunning -= 1;
  }
}

export const stepRunJob = defineJob(
  "step-run",
  z.object({ runId: z.number().int().positive(), tries: z.number().int().min(0).default(0) }),
  ({ runId, tries }, { signal }) => execute(runId, tries, signal),
);
