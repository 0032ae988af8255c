import { db, pool } from "../db";
import type { BuildEvent } from "../webhooks/types";

export type RecordResult =
  | { recorded: true; builds: { pipeline: string; buildId: number; state: string }[] }
  | { recorded: false; reason: string };

/*
 * The pipelines an event belongs to (SPEC "Webhooks"): the one `?pipeline=`
 * names ($14), else every pipeline of the payload's repository ($15). Builds of
 * other branches are recorded (they show in the builds list); the engine only
 * ever deploys builds of the pipeline's own branch.
 *
 * One statement resolves the pipelines and upserts the build on each, so a
 * delivery is one round trip and a burst of events for one build never races.
 * A state only moves forward (scheduled < running < finished) and a finished
 * build never changes again; a stale event only fills gaps.
 */
const UPSERT_SQL = `
WITH upserted AS (
INSERT INTO "Build" ("pipelineId", provider, "externalId", number, "commitSha", message, author, branch, url, state,
                     "createdAt", "startedAt", "finishedAt", "committedAt", "updatedAt")
SELECT p.id, $1::"BuildProvider", $2, $3, $4, $5, $6, $7, $8, $9::"BuildState", $10, $11, $12, $13, now()
FROM "Pipeline" p WHERE CASE WHEN $14::text IS NOT NULL THEN p.slug = $14 ELSE p.repository = $15::text END
ON CONFLICT ("pipelineId", provider, "externalId") DO UPDATE SET
  state = CASE WHEN build_rank(EXCLUDED.state) > build_rank("Build".state) THEN EXCLUDED.state ELSE "Build".state END,
  number = COALESCE("Build".number, EXCLUDED.number),
  message = COALESCE("Build".message, EXCLUDED.message),
  author = COALESCE("Build".author, EXCLUDED.author),
  url = COALESCE("Build".url, EXCLUDED.url),
  "startedAt" = COALESCE("Build"."startedAt", EXCLUDED."startedAt"),
  "finishedAt" = CASE WHEN build_rank(EXCLUDED.state) > build_rank("Build".state) THEN EXCLUDED."finishedAt" ELSE "Build"."finishedAt" END,
  "committedAt" = COALESCE("Build"."committedAt", EXCLUDED."committedAt"),
  "updatedAt" = CASE WHEN build_rank(EXCLUDED.state) > build_rank("Build".state) THEN now() ELSE "Build"."updatedAt" END
RETURNING "pipelineId", id, state
)
SELECT p.slug AS pipeline, upserted.id AS "buildId", upserted.state FROM upserted JOIN "Pipeline" p ON p.id = upserted."pipelineId"`;

/** Counts a delivery that matched no pipeline, per provider and repository (`?pipeline=x` counts as "pipeline:x"). */
async function countUnmatched(event: BuildEvent, pipelineSlug: string | null): Promise<void> {
  const repository = pipelineSlug ? `pipeline:${pipelineSlug}` : (event.repository ?? "(none given)");
  await pool().query(
    `INSERT INTO "UnmatchedDelivery" (provider, repository, count, "lastBranch", "lastAt") VALUES ($1::"BuildProvider", $2, 1, $3, now())
     ON CONFLICT (provider, repository) DO UPDATE SET count = "UnmatchedDelivery".count + 1, "lastBranch" = EXCLUDED."lastBranch", "lastAt" = now()`,
    [event.provider, repository.slice(0, 255), event.branch],
  );
}

export async function listUnmatchedDeliveries() {
  const rows = await db.unmatchedDelivery.findMany({ orderBy: { lastAt: "desc" }, take: 200 });
  return { items: rows.map((row) => ({ ...row, lastAt: row.lastAt.toISOString() })), nextCursor: null };
}

export async function recordBuildEvent(event: BuildEvent, pipelineSlug: string | null): Promise<RecordResult> {
  const { rows: builds } = await pool().query<{ pipeline: string; buildId: number; state: string }>(UPSERT_SQL, [
    event.provider, event.externalId, event.number, event.commitSha, event.message, event.author, event.branch,
    event.url, event.state, event.createdAt, event.startedAt, event.finishedAt, event.committedAt, pipelineSlug, event.repository,
  ]);
  if (builds.length === 0) {
    const reason = pipelineSlug
      ? `no pipeline "${pipelineSlug}"`
      : `no pipeline for repository ${event.repository ?? "(none given)"}`;
    await countUnmatched(event, pipelineSlug);
    return { recorded: false, reason };
  }
  return { recorded: true, builds };
}
