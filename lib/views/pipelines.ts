import { db } from "../db";
import { blockersFor } from "../engine";
import { notFound } from "../errors";
import type { Pipeline } from "../generated/prisma/client";
import { pipelineHosts } from "./hosts";
import { recentP75Ms } from "./releases";
import { pipelineShape, releaseSummaryShape, type ReleaseRow, type StepCounts } from "./shapes";

const withBuildAndSteps = { build: true, steps: true } as const;

/** Per batch step of the given releases: its hosts that run the step's release, and the healthy ones. */
async function batchCounts(releases: ReleaseRow[]): Promise<Map<number, StepCounts>> {
  const stepIds = releases.flatMap((release) => (release.steps ?? []).filter((step) => step.kind === "batch").map((step) => step.id));
  if (stepIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: number; switched: number; healthy: number }[]>`
    SELECT s.id, count(h.id) FILTER (WHERE h."releaseId" = s."releaseId")::int AS switched,
      count(h.id) FILTER (WHERE h."releaseId" = s."releaseId" AND h.healthy)::int AS healthy
    FROM "ReleaseStep" s JOIN "Release" r ON r.id = s."releaseId"
    CROSS JOIN LATERAL unnest(s.hosts) AS n(name)
    LEFT JOIN "Host" h ON h."pipelineId" = r."pipelineId" AND h.name = n.name
    WHERE s.id = ANY(${stepIds}) GROUP BY s.id`;
  return new Map(rows.map((row) => [row.id, { switched: row.switched, healthy: row.healthy }]));
}

async function summarise(release: ReleaseRow, counts: Map<number, StepCounts>) {
  const active = release.state === "pending" || release.state === "running";
  return releaseSummaryShape(release, active ? await recentP75Ms(release.pipelineId, release.kind) : null, counts);
}

async function shapeAll(pipelines: (Pipeline & { currentRelease: ReleaseRow | null })[], withHosts: boolean) {
  const ids = pipelines.map((p) => p.id);
  const [active, blockers] = await Promise.all([
    db.release.findMany({ where: { pipelineId: { in: ids }, state: { in: ["pending", "running"] } }, include: withBuildAndSteps }),
    blockersFor(ids),
  ]);
  const counts = withHosts ? await batchCounts([...active, ...pipelines.flatMap((p) => (p.currentRelease ? [p.currentRelease] : []))]) : new Map();
  const activeViews = new Map(await Promise.all(active.map(async (r) => [r.pipelineId, await summarise(r, counts)] as const)));
  return Promise.all(
    pipelines.map(async (pipeline) =>
      pipelineShape(pipeline, {
        currentRelease: pipeline.currentRelease ? releaseSummaryShape(pipeline.currentRelease, null, counts) : null,
        activeRelease: activeViews.get(pipeline.id) ?? null,
        blocker: blockers.get(pipeline.id) ?? null,
        fleet: withHosts ? await pipelineHosts(pipeline) : undefined,
      }),
    ),
  );
}

export async function listPipelines() {
  const pipelines = await db.pipeline.findMany({ orderBy: { slug: "asc" }, include: { currentRelease: { include: withBuildAndSteps } } });
  return shapeAll(pipelines, false);
}

/**
 * One pipeline with its host summary and at most 100 hosts, problems first
 * (small at 10,000 hosts); `reveal` (admins) shows its target whole, command
 * lines and URL credentials included.
 */
export async function getPipeline(slug: string, { reveal = false } = {}) {
  const pipeline = await db.pipeline.findUnique({ where: { slug }, include: { currentRelease: { include: withBuildAndSteps } } });
  if (!pipeline) throw notFound(`pipeline "${slug}" does not exist`);
  const [view] = await shapeAll([pipeline], true);
  return reveal ? { ...view!, target: pipeline.target } : view!;
}

/** Succeeded deploys and promotes per pipeline slug finished since an instant (the viewer's midnight, for "deploys today"). */
export async function deploysSince(since: Date): Promise<Record<string, number>> {
  const rows = await db.$queryRaw<{ slug: string; count: bigint }[]>`
    SELECT p.slug, count(r.id) AS count FROM "Pipeline" p
    LEFT JOIN "Release" r ON r."pipelineId" = p.id AND r.kind IN ('deploy', 'promote') AND r.state = 'succeeded' AND r."finishedAt" >= ${since}
    GROUP BY p.slug`;
  return Object.fromEntries(rows.map((row) => [row.slug, Number(row.count)]));
}
