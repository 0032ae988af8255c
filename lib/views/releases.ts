import { db } from "../db";
import { notFound } from "../errors";
import type { ReleaseKind } from "../generated/prisma/enums";
import { pageArgs, toPage, type PageQuery } from "./page";
import { findPipeline } from "./find-pipeline";
import { releaseMetricChecks } from "./metric-checks";
import { releaseShape, releaseSummaryShape, type ReleaseRow } from "./shapes";

const withBuildAndSteps = { build: true, steps: true } as const;

/** P75 duration of the pipeline's last 50 succeeded releases of a kind (SPEC estimatedFinishAt). */
export async function recentP75Ms(pipelineId: number, kind: ReleaseKind): Promise<number | null> {
  const rows = await db.$queryRaw<{ p75: number | null }[]>`
    SELECT percentile_cont(0.75) WITHIN GROUP (ORDER BY ms) AS p75 FROM (
      SELECT EXTRACT(EPOCH FROM ("finishedAt" - "startedAt")) * 1000 AS ms FROM "Release"
      WHERE "pipelineId" = ${pipelineId} AND kind = ${kind}::"ReleaseKind" AND state = 'succeeded' AND "startedAt" IS NOT NULL
      ORDER BY "finishedAt" DESC LIMIT 50) recent`;
  const p75 = rows[0]?.p75;
  return p75 == null ? null : Math.round(Number(p75));
}

export async function releaseView(release: ReleaseRow) {
  const active = release.state === "pending" || release.state === "running";
  return releaseShape(release, active ? await recentP75Ms(release.pipelineId, release.kind) : null);
}

export async function getRelease(id: number) {
  const release = await db.release.findUnique({
    where: { id },
    include: { build: true, steps: { include: { runs: { orderBy: { attempt: "asc" } } } }, pipeline: { select: { slug: true } } },
  });
  if (!release) throw notFound(`release ${id} does not exist`);
  const [view, metricChecks] = await Promise.all([releaseView(release), releaseMetricChecks(id)]);
  return { ...view, pipeline: release.pipeline.slug, metricChecks };
}

export async function listReleases(slug: string, page: PageQuery) {
  const pipeline = await findPipeline(slug);
  const args = pageArgs(page);
  const rows = await db.release.findMany({ ...args, where: { ...args.where, pipelineId: pipeline.id }, include: withBuildAndSteps });
  const listed = toPage(rows, page, (row) => row);
  // A list carries step summaries (host counts, no logs); an active release also its estimate.
  const summary = async (row: (typeof rows)[number]) =>
    releaseSummaryShape(row, row.state === "pending" || row.state === "running" ? await recentP75Ms(row.pipelineId, row.kind) : null);
  return { items: await Promise.all(listed.items.map(summary)), nextCursor: listed.nextCursor };
}
