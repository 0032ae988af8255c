// One engine tick: every pipeline that needs work is advanced in its own
// transaction; a pipeline another process is advancing right now is skipped.
import { db } from "../db";
import { AppError } from "../errors";
import { sweepLostRuns } from "../steps/sweep";
import type { Pipeline } from "../generated/prisma/client";
import { decideDeployment } from "./decide/continuous";
import { ENGINE_ACTOR } from "./decide/facts";
import { startRollback } from "./rollback";
import { loadDeploymentFacts } from "./store/deployment";
import { advanceRelease, openBuildRelease, simulateHosts } from "./store/lifecycle";
import { loadActiveRelease, loadRelease } from "./store/load";
import { inTransaction, lockPipelineRow, type Tx } from "./store/transaction";

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

type PipelineWork = Omit<TickSummary, "pipelinesAdvanced" | "errors"> & { changed: boolean };

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

/** Rule 7's "with autoRollback on, a rollback follows" — after a batch failed, so some hosts may run the bad build. */
async function rollBackFailed(tx: Tx, pipeline: Pipeline, releaseId: number, reason: string, now: Date): Promise<boolean> {
  if (!pipeline.autoRollback) return false;
  const failed = (await loadRelease(tx, releaseId))!;
  if (failed.kind === "rollback") return false;
  try {
    await startRollback(tx, pipeline, { from: failed, actor: ENGINE_ACTOR, trigger: "auto", reason }, now);
    return true;
  } catch (error) {
    // Nothing to roll back to: the failure stays as it is, for a person to act on.
    if (error instanceof AppError && error.code === "conflict") return false;
    throw error;
  }
}

/** Rule 1 for one pipeline, under its row lock. */
async function deployIfDue(tx: Tx, pipelineId: number, now: Date): Promise<boolean> {
  const facts = (await loadDeploymentFacts(tx, [pipelineId], now)).get(pipelineId)!;
  const build = decideDeployment(facts, now).deploy;
  if (build === null) return false;
  const pipeline = await tx.pipeline.findUniqueOrThrow({ where: { id: pipelineId } });
  await openBuildRelease(tx, pipeline, { kind: "deploy", trigger: "auto", actor: ENGINE_ACTOR, reason: null, build }, now);
  return true;
}

/** Everything one tick does for one pipeline; null when another process holds it. */
async function advancePipeline(pipelineId: number, now: Date): Promise<PipelineWork | null> {
  return inTransaction(async (tx) => {
    if ((await lockPipelineRow(tx, { id: pipelineId }, { skipLocked: true })) === null) return null;
    const pipeline = await tx.pipeline.findUniqueOrThrow({ where: { id: pipelineId } });
    const work: PipelineWork = { changed: false, releasesCreated: 0, releasesStarted: 0, releasesFinished: 0, hostsConverged: 0 };
    work.hostsConverged = await simulateHosts(tx, pipeline, now);
    const active = await loadActiveRelease(tx, pipelineId);
    if (active !== null) {
      const advance = await advanceRelease(tx, pipeline, active.id, now);
      work.changed = advance.changed;
      work.releasesStarted += advance.started ? 1 : 0;
      work.releasesFinished += advance.finished ? 1 : 0;
      if (advance.failure?.step === "batch" && (await rollBackFailed(tx, pipeline, active.id, advance.failure.reason, now))) {
        work.releasesCreated += 1;
        work.releasesStarted += 1;
      }
    }
    if (await deployIfDue(tx, pipelineId, now)) work.releasesCreated += 1;
    return work;
  });
}

const WORK_COUNTS = ["releasesCreated", "releasesStarted", "releasesFinished", "hostsConverged"] as const satisfies (keyof PipelineWork)[];

/**
 * Finds the pipelines that need work with a few indexed queries, then advances
 * each in its own transaction. `now` lets tests fast-forward simulated time.
 */
export async function tick(options: { now?: Date } = {}): Promise<TickSummary> {
  const now = options.now ?? new Date();
  // Runs lost with their worker are failed or retried first, so this tick's decisions see it.
  await sweepLostRuns(now);
  const inMotion = await pipelinesInMotion();
  const due = await pipelinesDueToDeploy(inMotion, now);
  const summary: TickSummary = { pipelinesAdvanced: 0, releasesCreated: 0, releasesStarted: 0, releasesFinished: 0, hostsConverged: 0, errors: [] };
  for (const pipelineId of [...inMotion, ...due]) {
    try {
      const work = await advancePipeline(pipelineId, now);
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
