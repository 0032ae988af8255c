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

/** When every command slot and waiting place of this worker is taken, the job comes back this much later (another worker may take it first). */
const BUSY_RETRY_MS = 1_000;

let commandSlots: number | undefined;
/** SHIPBOARD_STEP_CONCURRENCY: commands one worker runs at once. */
const slots = () => (commandSlots ??= loadConfig().stepConcurrency);
let commandsRunning = 0;
/** Jobs waiting in this process for a command slot: at most as many as there are slots, so the queue's other jobs keep theirs. */
const waiting: (() => void)[] = [];

/** A command slot, waiting for one when they are all taken; false when the waiting places are full too. */
async function acquireSlot(): Promise<boolean> {
  if (commandsRunning < slots()) {
    commandsRunning += 1;
    return true;
  }
  if (waiting.length >= slots()) return false;
  await new Promise<void>((resolve) => waiting.push(resolve));
  return true;
}

/** Hands the slot to the next waiting job, if any. */
function releaseSlot(): void {
  const next = waiting.shift();
  if (next) next();
  else commandsRunning -= 1;
}

async function execute(runId: number, tries: number, signal: AbortSignal): Promise<void> {
  const context = await loadRunContext(runId);
  if (context === null) return;
  if (context.pipeline.target.kind === "webhook") {
    if (!(await claimRun(runId))) return;
    const outcome = await runWebhook(context, tries, signal);
    const { retryAt } = outcome;
    // A retry goes back to pending with its next delivery queued in the same transaction.
    await finishRun(runId, outcome, retryAt && ((tx) => enqueue(tx, stepRunJob, { runId, tries: tries + 1 }, { runAt: retryAt })));
    return;
  }
  if (!(await acquireSlot())) {
    await enqueue(db, stepRunJob, { runId }, { runAt: new Date(Date.now() + BUSY_RETRY_MS * (1 + Math.random())) });
    return;
  }
  try {
    if (!(await claimRun(runId))) return;
    const outcome: RunOutcome | null = await runCommand(context, signal);
    if (outcome !== null) await finishRun(runId, outcome);
  } finally {
    releaseSlot();
  }
}

export const stepRunJob = defineJob(
  "step-run",
  z.object({ runId: z.number().int().positive(), tries: z.number().int().min(0).default(0) }),
  ({ runId, tries }, { signal }) => execute(runId, tries, signal),
);
