// The daily rollup refresh of a finished release, run by a worker after the
// engine's transaction committed (it takes an all-pipelines lock per day, which
// must not sit inside a rollback's transaction).
import { z } from "zod";
import { db } from "../db";
import { defineJob } from "../jobs/job";
import { refreshDailyStats } from "./rollup";

export const ROLLUP_QUEUE = "metrics-rollup";

export const refreshRollup = defineJob(
  "metrics.rollup",
  z.object({ pipelineId: z.number().int(), day: z.iso.datetime() }),
  async ({ pipelineId, day }) => {
    await db.$transaction((tx) => refreshDailyStats(tx, pipelineId, new Date(day)));
  },
);
