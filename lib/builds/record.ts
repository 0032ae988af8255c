import { db, pool } from "../db";
import type { BuildEvent } from "../webhooks/types";

export type RecordedBuild = { pipeline: string; buildId: number; state: string };

/** A delivery to dedupe on: the provider's delivery id (null when it sends none) and the event's name for the log. */
export type Delivery = { id: string | null; event: string | null };

// SQL fragments of the merge rule (SPEC "Domain", "Build states"), on conflict:
// a new attempt (a GitHub re-run) or a finished event with a later finish time
// than the finished one recorded (a Buildkite job retried) replaces the state;
// otherwise, within one attempt, a state only moves forward (scheduled <
// running < finished) and a finished build stays as it is. An older attempt's
// event changes no state.
const NEW_ATTEMPT = `EXCLUDED.attempt > "Build".attempt`;
const FINISHED_AGAIN = `(EXCLUDED.attempt = "Build".attempt AND build_rank(EXCLUDED.state) = 2 AND build_rank("Build".state) = 2
  AND EXCLUDED."finishedAt" > "Build"."finishedAt")`;
const MOVES_ON = `(EXCLUDED.attempt = "Build".attempt AND build_rank(EXCLUDED.state) > build_rank("Build".state))`;
const CHANGES = `(${NEW_ATTEMPT} OR ${FINISHED_AGAIN} OR ${MOVES_ON})`;

/*
 * One statement: remember the delivery id (dedupe: a repeated id records
 * nothing), upsert the build on each pipeline ($16) and log the delivery on
 * each, so a delivery is one round trip, all or nothing, and a burst of events
 * for one build never races. A stale event only fills gaps.
 */
const UPSERT_SQL = `
WITH fresh AS (
  INSERT INTO "WebhookDelivery" (provider, "deliveryId") SELECT $1::"BuildProvider", $17::text WHERE $17::text IS NOT NULL
  ON CONFLICT DO NOTHING RETURNING 1
), upserted AS (
INSERT INTO "Build" ("pipelineId", provider, "externalId", number, "commitSha", message, author, branch, url, state,
                     "createdAt", "startedAt", "finishedAt", "committedAt", attempt, workflow, "pullRequestNumber", "pullRequestUrl", "updatedAt")
SELECT p.id, $1::"BuildProvider", $2, $3, $4, $5, $6, $7, $8, $9::"BuildState", $10, $11, $12, $13, $14, $15, $19, $20, now()
FROM "Pipeline" p WHERE p.id = ANY($16::int[]) AND ($17::text IS NULL OR EXISTS (SELECT 1 FROM fresh))
ON CONFLICT ("pipelineId", provider, "externalId") DO UPDATE SET
  state = CASE WHEN ${CHANGES} THEN EXCLUDED.state ELSE "Build".state END,
  attempt = GREATEST("Build".attempt, EXCLUDED.attempt),
  number = COALESCE("Build".number, EXCLUDED.number),
  message = COALESCE("Build".message, EXCLUDED.message),
  author = COALESCE("Build".author, EXCLUDED.author),
  url = COALESCE("Build".url, EXCLUDED.url),
  workflow = COALESCE("Build".workflow, EXCLUDED.workflow),
  "startedAt" = CASE WHEN ${NEW_ATTEMPT} THEN EXCLUDED."startedAt" ELSE COALESCE("Build"."startedAt", EXCLUDED."startedAt") END,
  "finishedAt" = CASE WHEN ${CHANGES} THEN EXCLUDED."finishedAt" ELSE "Build"."finishedAt" END,
  "committedAt" = COALESCE("Build"."committedAt", EXCLUDED."committedAt"),
  "pullRequestNumber" = COALESCE("Build"."pullRequestNumber", EXCLUDED."pullRequestNumber"),
  "pullRequestUrl" = COALESCE("Build"."pullRequestUrl", EXCLUDED."pullRequestUrl"),
  "updatedAt" = CASE WHEN ${CHANGES} THEN now() ELSE "Build"."updatedAt" END
RETURNING "pipelineId", id, state
), logged AS (
  INSERT INTO "CiDelivery" ("pipelineId", provider, outcome, status, event, "deliveryId")
  SELECT "pipelineId", $1::"BuildProvider", 'recorded', 200, $18, $17 FROM upserted
)
SELECT p.slug AS pipeline, upserted.id AS "buildId", upserted.state FROM upserted JOIN "Pipeline" p ON p.id = upserted."pipelineId"`;

/** Counts a signed delivery that matched no pipeline, per provider and repository. */
export async function countUnmatched(event: BuildEvent): Promise<void> {
  await pool().query(
    `INSERT INTO "UnmatchedDelivery" (provider, repository, count, "lastBranch", "lastAt") VALUES ($1::"BuildProvider", $2, 1, $3, now())
     ON CONFLICT (provider, repository) DO UPDATE SET count = "UnmatchedDelivery".count + 1, "lastBranch" = EXCLUDED."lastBranch", "lastAt" = now()`,
    [event.provider, (event.repository ?? "(none given)").slice(0, 255), event.branch],
  );
}

export async function listUnmatchedDeliveries() {
  const rows = await db.unmatchedDelivery.findMany({ orderBy: { lastAt: "desc" }, take: 200 });
  return { items: rows.map((row) => ({ ...row, lastAt: row.lastAt.toISOString() })), nextCursor: null };
}

/**
 * Records `event` on the given pipelines. Empty when the delivery id was
 * already recorded (a duplicate): nothing changes then.
 */
export async function recordBuildEvent(event: BuildEvent, pipelineIds: number[], delivery: Delivery = { id: null, event: null }): Promise<RecordedBuild[]> {
  const { rows } = await pool().query<RecordedBuild>(UPSERT_SQL, [
    event.provider, event.externalId, event.number, event.commitSha, event.message, event.author, event.branch,
    event.url, event.state, event.createdAt, event.startedAt, event.finishedAt, event.committedAt, event.attempt, event.workflow,
    pipelineIds, delivery.id, delivery.event, event.pullRequest?.number ?? null, event.pullRequest?.url ?? null,
  ]);
  return rows;
}
