// The job that takes one sample of one metric check, queued by the engine's
// tick for the sample's due time (lib/engine/store/metric-checks.ts). The
// sample row is the truth: one per (check, due time), so a job that runs twice
// records it once; a job lost with its worker leaves a gap and the next sample
// is queued all the same. A sample that counts as a failure advances its
// pipeline at once (the release may fail and roll back now, not on the next tick).
import { z } from "zod";
import { db } from "../db";
import { advancePipelineNow } from "../engine";
import { countsAsFailure, judgeSample, samplingOpen } from "../engine/decide/metric-checks";
import { metricCheckSchema } from "../engine/targets/schema";
import { defineJob } from "../jobs/job";
import { queryPrometheus } from "./prometheus";

/** A query waits at most this long, and never longer than the check's interval. */
const QUERY_TIMEOUT_MS = 10_000;

/**
 * Samples the check if its release still runs a batch that the check watches
 * at `now` (during the batch, and for its bakeSeconds after the hosts converged).
 */
export async function takeSample(checkId: number, dueAt: Date, options: { now?: () => Date; signal?: AbortSignal } = {}): Promise<void> {
  const now = options.now ?? (() => new Date());
  const run = await db.metricCheckRun.findUnique({
    where: { id: checkId },
    select: {
      releaseId: true,
      config: true,
      release: { select: { pipelineId: true, state: true, steps: { where: { kind: "batch", state: "running" }, select: { convergedAt: true } } } },
    },
  });
  const batch = run?.release.steps[0];
  if (!run || run.release.state !== "running" || !batch) return;
  const check = metricCheckSchema.parse(run.config);
  if (!samplingOpen(check, batch, now())) return;

  const answer = await queryPrometheus(check.url, check.query, {
    timeoutMs: Math.min(QUERY_TIMEOUT_MS, check.intervalSeconds * 1000),
    signal: options.signal,
  });
  const outcome = judgeSample(check, answer.value);
  const recorded = await db.$transaction(async (tx) => {
    // Only while the release runs: a late answer after it ended is not its sample.
    if ((await tx.release.count({ where: { id: run.releaseId, state: "running" } })) === 0) return false;
    const { count } = await tx.metricSample.createMany({
      data: [{ checkId, dueAt, at: now(), value: answer.value, outcome, note: answer.note }],
      skipDuplicates: true,
    });
    return count > 0;
  });
  if (recorded && countsAsFailure(check, outcome)) await advancePipelineNow(run.release.pipelineId, options.now?.());
}

export const metricSampleJob = defineJob(
  "metric-sample",
  z.object({ checkId: z.number().int().positive(), dueAt: z.iso.datetime() }),
  ({ checkId, dueAt }, { signal }) => takeSample(checkId, new Date(dueAt), { signal }),
);
