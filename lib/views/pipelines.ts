import { db } from "../db";
import { blockersFor } from "../engine";
import { notFound } from "../errors";
import type { Host, Pipeline } from "../generated/prisma/client";
import { releaseView } from "./releases";
import { pipelineShape, releaseShape, type ReleaseRow } from "./shapes";

const withBuildAndSteps = { build: true, steps: true } as const;

async function shapeAll(pipelines: (Pipeline & { currentRelease: ReleaseRow | null; hosts?: Host[] })[]) {
  const ids = pipelines.map((p) => p.id);
  const [active, blockers] = await Promise.all([
    db.release.findMany({ where: { pipelineId: { in: ids }, state: { in: ["pending", "running"] } }, include: withBuildAndSteps }),
    blockersFor(ids),
  ]);
  const activeViews = new Map(await Promise.all(active.map(async (r) => [r.pipelineId, await releaseView(r)] as const)));
  return pipelines.map((pipeline) =>
    pipelineShape(pipeline, {
      currentRelease: pipeline.currentRelease ? releaseShape(pipeline.currentRelease) : null,
      activeRelease: activeViews.get(pipeline.id) ?? null,
      blocker: blockers.get(pipeline.id) ?? null,
      hosts: pipeline.hosts,
    }),
  );
}

export async function listPipelines() {
  const pipelines = await db.pipeline.findMany({ orderBy: { slug: "asc" }, include: { currentRelease: { include: withBuildAndSteps } } });
  return shapeAll(pipelines);
}

/** One pipeline; `reveal` (admins) shows its target whole, command lines and URL credentials included. */
export async function getPipeline(slug: string, { reveal = false } = {}) {
  const pipeline = await db.pipeline.findUnique({
    where: { slug },
    include: { currentRelease: { include: withBuildAndSteps }, hosts: { orderBy: { name: "asc" } } },
  });
  if (!pipeline) throw notFound(`pipeline "${slug}" does not exist`);
  const [view] = await shapeAll([pipeline]);
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
