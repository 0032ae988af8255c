import { db } from "../db";
import { notFound } from "../errors";
import { pageArgs, toPage, type PageQuery } from "./page";
import { findPipeline } from "./find-pipeline";
import { buildShape, releaseShape } from "./shapes";

/** Builds newest first by arrival (id), which for CI events is also creation order in practice. */
export async function listBuilds(slug: string, page: PageQuery) {
  const pipeline = await findPipeline(slug);
  const args = pageArgs(page);
  const rows = await db.build.findMany({ ...args, where: { ...args.where, pipelineId: pipeline.id } });
  return toPage(rows, page, buildShape);
}

// The releases of one build listed on its page; a build ships a handful of times at most.
const RELEASES_SHOWN = 50;

/** One build with its pipeline and the releases that shipped it, newest first. */
export async function getBuild(id: number) {
  const build = await db.build.findUnique({
    where: { id },
    include: {
      pipeline: { select: { slug: true } },
      releases: { orderBy: { id: "desc" }, take: RELEASES_SHOWN, include: { build: true, steps: true } },
    },
  });
  if (!build) throw notFound(`build ${id} does not exist`);
  return { ...buildShape(build), pipeline: build.pipeline.slug, releases: build.releases.map((r) => releaseShape(r)) };
}
