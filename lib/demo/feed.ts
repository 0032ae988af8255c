// Keeps the demo fleet receiving builds while the demo runs: every few minutes
// each demo pipeline gets a new CI build that goes scheduled → running →
// passed (or failed) over a minute or three, so CD visibly deploys. Everything
// about build N is fixed by its number, so any number of workers calling this
// at once agree, and the unique (pipeline, provider, externalId) key lets only
// one of them insert it.
import { pool } from "@/lib/db";
import type { BuildState } from "@/lib/generated/prisma/enums";
import { isTerminal, mergeBuildState } from "@/lib/webhooks/state";
import { fakeCommit } from "./commits";
import { buildIdentity, DEMO_BUILD_PREFIX, DEMO_PIPELINES, DEMO_SLUGS, type DemoPipeline } from "./pipelines";
import { random } from "./random";
import { allocateIds, BUILD_COLUMNS, insertRows, type BuildRow } from "./tables";
import { MINUTE, SECOND, sqlTimestamp } from "./time";

/** A build due longer ago than this (no worker ran) is created about now instead, not in the past. */
const LATE_START = MINUTE;
const FAIL_CHANCE = 0.08;

// The newest demo build of each demo pipeline: a pipeline counts as demo when
// it has a demo slug and builds the seed wrote. One indexed lookup per pipeline.
const NEWEST_DEMO_BUILDS = `
SELECT p.id AS "pipelineId", p.slug, p.branch, b.id, b.number, b.state,
       (extract(epoch FROM b."createdAt") * 1000)::float8 AS "createdAt"
FROM "Pipeline" p
CROSS JOIN LATERAL (
  SELECT id, number, state, "createdAt" FROM "Build"
  WHERE "pipelineId" = p.id AND "externalId" LIKE '${DEMO_BUILD_PREFIX}%'
  ORDER BY "createdAt" DESC, id DESC
  LIMIT 1
) b
WHERE p.slug = ANY($1::text[])`;

type NewestBuild = { pipelineId: number; slug: string; branch: string; id: number; number: number; state: BuildState; createdAt: number };

type LiveBuild = { state: BuildState; startedAt: number | null; finishedAt: number | null };

/** The life of live build `number` of a pipeline: queued for seconds, runs 1–3 minutes, the next one 3–8 minutes later. */
function plan(slug: string, number: number) {
  const rng = random(`shipboard-demo-feed:${slug}:${number}`);
  const startsAfter = rng.between(3, 20) * SECOND;
  const fails = rng.chance(FAIL_CHANCE);
  const finishesAfter = startsAfter + rng.between(60, 180) * SECOND * (fails ? rng.between(0.3, 0.9) : 1);
  const nextAfter = rng.between(3, 8) * MINUTE;
  // When the demo starts (or resumes), each pipeline's first build is created a little before now, not all at once.
  const lateBy = rng.between(0, 45) * SECOND;
  const outcome: BuildState = fails ? "failed" : "passed";
  const at = (createdAt: number, now: number): LiveBuild => {
    if (now >= createdAt + finishesAfter) return { state: outcome, startedAt: createdAt + startsAfter, finishedAt: createdAt + finishesAfter };
    if (now >= createdAt + startsAfter) return { state: "running", startedAt: createdAt + startsAfter, finishedAt: null };
    return { state: "scheduled", startedAt: null, finishedAt: null };
  };
  return { rng, nextAfter, lateBy, at };
}

/** Moves the stored build to where its plan says it is at `now`; returns its state then. */
async function advance(build: NewestBuild, now: number): Promise<{ state: BuildState; changed: number }> {
  const live = plan(build.slug, build.number).at(build.createdAt, now);
  const state = mergeBuildState(build.state, live.state);
  if (state === build.state) return { state, changed: 0 };
  const { rowCount } = await pool().query(
    `UPDATE "Build" SET state = $2::"BuildState", "startedAt" = $3::timestamp, "finishedAt" = $4::timestamp, "updatedAt" = $5::timestamp
     WHERE id = $1 AND state = $6::"BuildState"`,
    [build.id, live.state, sqlTimestamp(live.startedAt), sqlTimestamp(live.finishedAt), sqlTimestamp(now), build.state],
  );
  return { state, changed: rowCount ?? 0 };
}

async function createNext(pipeline: DemoPipeline, previous: NewestBuild, now: number): Promise<number> {
  const due = previous.createdAt + plan(previous.slug, previous.number).nextAfter;
  if (now < due) return 0;
  const number = previous.number + 1;
  const next = plan(pipeline.slug, number);
  const createdAt = now - due > LATE_START ? now - next.lateBy : due;
  const commit = fakeCommit(next.rng, createdAt);
  const [id] = await allocateIds(pool(), "Build", 1);
  const row: BuildRow = {
    id: id!, pipelineId: previous.pipelineId, ...buildIdentity(pipeline, number), branch: previous.branch,
    commitSha: commit.sha, message: commit.message, author: commit.author, committedAt: commit.committedAt,
    createdAt, ...next.at(createdAt, now),
  };
  return insertRows(pool(), "Build", BUILD_COLUMNS, [row], `ON CONFLICT ("pipelineId", provider, "externalId") DO NOTHING`);
}

/**
 * One step of the live demo feed at `now`, for the worker's every tick: moves
 * each demo pipeline's newest build along and, once it finished and the next
 * is due, creates the next. A second call with the same `now` changes
 * nothing. Returns the number of builds created or advanced.
 */
export async function feedDemoBuilds(now: Date): Promise<number> {
  const { rows } = await pool().query<NewestBuild>(NEWEST_DEMO_BUILDS, [DEMO_SLUGS]);
  let changed = 0;
  for (const newest of rows) {
    const pipeline = DEMO_PIPELINES.find((p) => p.slug === newest.slug)!;
    const advanced = await advance(newest, now.getTime());
    changed += advanced.changed;
    if (isTerminal(advanced.state)) changed += await createNext(pipeline, newest, now.getTime());
  }
  return changed;
}
