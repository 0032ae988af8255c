import { db, pool } from "../db";
import type { BuildEvent } from "../webhooks/types";

export type RecordResult =
  | { recorded: true; builds: { pipeline: string; buildId: number; state: string }[] }
  | { recorded: false; reason: string };

/**
 * The pipelines an event belongs to (SPEC "Webhooks"): the one `?pipeline=`
 * names, else every pipeline of the payload's repository. Builds of other
 * branches are recorded (they show in the builds list); the engine only ever
 * deploys builds of the pipeline's own branch.
 */
async function resolvePipelines(event: BuildEvent, slug: string | null) {
  if (slug) return db.pipeline.findMany({ where: { slug }, select: { id: true, slug: true } });
  if (!event.repository) return [];
  return db.pipeline.findMany({ where: { repository: event.repository }, select: { id: true, slug: true } });
}

// One atomic upsert per pipeline, so a burst of events for one build never
// races. A state only moves forward (scheduled < running < finished) and a
// finished build never changes again; a stale event only fills gaps.
const UPSERT_SQL = `
INSERT INTO "Build" ("pipelineId", provider, "externalId", number, "commitSha", message, author, branch, url, state,
                     "createdAt", "startedAt", "finishedAt", "committedAt", "updatedAt")
VALUES ($1, $2::"BuildProvider", $3, $4, $5, $6, $7, $8, $9, $10::"BuildState", $11, $12, $13, $14, now())
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
RETURNING id, state`;

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
  const pipelines = await resolvePipelines(event, pipelineSlug);
  if (pipelines.length === 0) {
    const reason = pipelineSlug
      ? `no pipeline "${pipelineSlug}"`
      : `no pipeline for repository ${event.repository ?? "(none given)"}`;
    await countUnmatched(event, pipelineSlug);
    return { recorded: false, reason };
  }
  const builds = [];
  for (const pipeline of pipelines) {
    const { rows } = await pool().query<{ id: number; state: string }>(UPSERT_SQL, [
      pipeline.id, event.provider, event.externalId, event.number, event.commitSha, event.message, event.author,
      event.branch, event.url, event.state, event.createdAt, event.startedAt, event.finishedAt, event.committedAt,
    ]);
    builds.push({ pipeline: pipeline.slug, buildId: rows[0]!.id, state: rows[0]!.state });
  }
  return { recorded: true, builds };
}
