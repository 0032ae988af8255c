// One engine tick: every pipeline that needs work is advanced in its own
// transaction (advance.ts); a pipeline another process is advancing right now
// is skipped. Step runs' results advance their pipeline at once; the tick is
// what moves time-driven work (timeouts, simulated hosts, CD) and catches up
// after a crash.
import { db } from "../db";
import { AppError } from "../errors";
import { sweepLostRuns } from "../steps/sweep";
import { advancePipeline, type PipelineWork } from "./advance";
import { decideDeployment } from "./decide/continuous";
import { loadDeploymentFacts } from "./store/deployment";

export type TickSummary = {
  /** Pipelines whose state this tick changed. */
  pipelinesAdvanced: number;
  releasesCreated: number;
  releasesStarted: number;
  releasesFinished: number;
  hostsConverged: number;
  /** Pipelines that could not be advanced (e.g. a target config that does not parse); the others still were. */
  errors: { pipelineId: number; message: string }[];
};

/** Pipelines with a release in flight, or simulated hosts still switching releases (e.g. after a failed release). */
async function pipelinesInMotion(): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT "pipelineId" AS id FROM "Release" WHERE state IN ('pending', 'running')
    UNION
    SELECT DISTINCT h."pipelineId" FROM "Host" h JOIN "Pipeline" p ON p.id = h."pipelineId"
    WHERE p.target->>'kind' = 'simulated' AND h."desiredAt" IS NOT NULL
      AND h."releaseId" IS DISTINCT FROM h."desiredReleaseId"`;
  return rows.map((row) => row.id);
}

/** Idle pipelines for which rule 1 would create a release now. */
async function pipelinesDueToDeploy(inMotion: number[], now: Date): Promise<number[]> {
  const idle = await db.pipeline.findMany({
    where: { autoDeploy: true, locked: false, id: { notIn: inMotion } },
    select: { id: true },
  });
  const facts = await loadDeploymentFacts(db, idle.map((pipeline) => pipeline.id), now);
  return [...facts].filter(([, f]) => decideDeployment(f, now).deploy !== null).map(([id]) => id);
}

const WORK_COUNTS = ["releasesCreated", "releasesStarted", "releasesFinished", "hostsConverged"] as const satisfies (keyof PipelineWork)[];

/**
 * Finds the pipelines that need work with a few indexed queries, then advances
 * each in its own transaction. `now` lets tests fast-forward simulated time.
 */
export async function tick(options: { now?: Date } = {}): Promise<TickSummary> {
  const now = options.now ?? new Date();
  // Without a given time each pipeline decides at its own moment, not at the tick's start.
  const decidedAt = options.now;
  // Runs lost with their worker are failed or retried first, so this tick's decisions see it.
  await sweepLostRuns(now);
  const inMotion = await pipelinesInMotion();
  const due = await pipelinesDueToDeploy(inMotion, now);
  const summary: TickSummary = { pipelinesAdvanced: 0, releasesCreated: 0, releasesStarted: 0, releasesFinished: 0, hostsConverged: 0, errors: [] };
  for (const pipelineId of [...inMotion, ...due]) {
    try {
      const work = await advancePipeline(pipelineId, { skipLocked: true, now: decidedAt });
      if (work === null || !(work.changed || WORK_COUNTS.some((count) => work[count] > 0))) continue;
      summary.pipelinesAdvanced += 1;
      for (const count of WORK_COUNTS) summary[count] += work[count];
    } catch (error) {
      // Another process got there first (rule 6's backstop): nothing to do here this tick.
      if (error instanceof AppError && error.code === "conflict") continue;
      summary.errors.push({ pipelineId, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return summary;
}
