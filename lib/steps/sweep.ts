// Runs whose worker vanished (kill -9, a lost machine): their lease lapsed.
// Any worker's tick fails them and, once, runs them again as a new attempt, so
// no run is ever left `running` with nobody running it.
import { db } from "../db";
import { enqueue } from "../jobs/enqueue";
import type { TargetConfig } from "../engine/targets/schema";
import { runJobFor } from "./job";

/** A lost run is tried this many times in all before its step fails. */
export const MAX_RUN_ATTEMPTS = 2;

type Lost = { id: number; stepId: number; releaseId: number; attempt: number; stopReason: string | null; stepState: string; targetKind: TargetConfig["kind"] };

export async function sweepLostRuns(now: Date): Promise<number> {
  // Nearly every tick has nothing to sweep: a plain read keeps it off the
  // transaction queue that busy request bursts fill.
  const anyLapsed = await db.stepRun.findFirst({ where: { state: "running", leaseUntil: { lt: now } }, select: { id: true } });
  if (anyLapsed === null) return 0;
  return db.$transaction(async (tx) => {
    const lost = await tx.$queryRaw<Lost[]>`
      WITH lapsed AS (
        SELECT id FROM "StepRun" WHERE state = 'running' AND "leaseUntil" < ${now} FOR UPDATE SKIP LOCKED
      )
      UPDATE "StepRun" r SET state = 'failed', "finishedAt" = ${now}, "leaseUntil" = NULL,
        note = 'lost: worker ' || coalesce(r."workerId", '?') || ' stopped answering',
        output = r.output || E'\\nlost: worker ' || coalesce(r."workerId", '?') || E' stopped answering\\n'
      FROM lapsed, "ReleaseStep" s, "Release" rel, "Pipeline" p
      WHERE r.id = lapsed.id AND s.id = r."stepId" AND rel.id = r."releaseId" AND p.id = rel."pipelineId"
      RETURNING r.id, r."stepId", r."releaseId", r.attempt, r."stopReason", s.state::text AS "stepState", p.target->>'kind' AS "targetKind"`;
    for (const run of lost) {
      if (run.attempt >= MAX_RUN_ATTEMPTS || run.stopReason !== null || run.stepState !== "running") continue;
      const retry = await tx.stepRun.create({
        data: { stepId: run.stepId, releaseId: run.releaseId, attempt: run.attempt + 1 },
        select: { id: true },
      });
      await enqueue(tx, runJobFor(run.targetKind), { runId: retry.id });
    }
    return lost.length;
  });
}
