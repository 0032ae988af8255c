// The jobs that execute one step run. Runs are claimed from `pending`, so a
// job that comes twice (graphile-worker retrying one its dead worker held)
// does nothing the second time; the run's row, not the job, is the truth.
// Commands have a job kind of their own, taken by a runner whose concurrency
// is SHIPBOARD_STEP_CONCURRENCY (worker/index.ts): a worker takes a command
// only when it has a free slot for it, and another worker with room takes the rest.
import { z } from "zod";
import { advancePipelineNow } from "../engine";
import type { TargetConfig } from "../engine/targets/schema";
import { enqueue } from "../jobs/enqueue";
import { defineJob } from "../jobs/job";
import { runCommand } from "./command";
import { loadRunContext } from "./context";
import { claimRun, finishRun, type RunOutcome } from "./record";
import { runWebhook } from "./webhook";

/** A run's result the engine acts on (a wait for a callback or a retry later changes nothing yet). */
const decides = (outcome: RunOutcome) => outcome.state === "succeeded" || outcome.state === "failed";

async function execute(runId: number, tries: number, signal: AbortSignal): Promise<void> {
  const context = await loadRunContext(runId);
  if (context === null || !(await claimRun(runId))) return;
  const outcome = context.pipeline.target.kind === "webhook" ? await runWebhook(context, tries, signal) : await runCommand(context, signal);
  // null: this worker is shutting down; the run's lease lapses and another worker retries it.
  if (outcome === null) return;
  const { retryAt } = outcome;
  // A webhook's retry goes back to pending with its next delivery queued in the same transaction.
  await finishRun(runId, outcome, retryAt && ((tx) => enqueue(tx, stepRunJob, { runId, tries: tries + 1 }, { runAt: retryAt })));
  // The release moves on now (its next step queued at once), not on the next tick.
  if (decides(outcome)) await advancePipelineNow(context.pipeline.id);
}

const runJob = (name: string) =>
  defineJob(name, z.object({ runId: z.number().int().positive(), tries: z.number().int().min(0).default(0) }), ({ runId, tries }, { signal }) =>
    execute(runId, tries, signal),
  );

/** Webhook steps: in the worker's main job runner. */
export const stepRunJob = runJob("step-run");

/** Command steps: in the command runner, at most SHIPBOARD_STEP_CONCURRENCY at once per worker. */
export const commandRunJob = runJob("command-run");

/** The job that runs a step of this kind of target. */
export const runJobFor = (kind: TargetConfig["kind"]) => (kind === "command" ? commandRunJob : stepRunJob);
