import { db } from "../db";
import { notFound } from "../errors";
import { pageArgs, toPage, type PageQuery } from "./page";
import { findPipeline } from "./find-pipeline";
import { buildDeployments, type BuildDeployment } from "./build-deployment";
import { buildShape, releaseShape, type BuildView } from "./shapes";

/** A build in a list or on its page, with where it stands (live, waiting and why, rolled back…). */
export type BuildWithDeployment = BuildView & { deployment: BuildDeployment };

const NO_DEPLOYMENT: BuildDeployment = { status: "none", release: null, blocker: null };

/** Builds newest first by arrival (id), which for CI events is also creation order in practice. */
export async function listBuilds(slug: string, page: PageQuery) {
  const pipeline = await findPipeline(slug);
  const args = pageArgs(page);
  const rows = await db.build.findMany({ ...args, where: { ...args.where, pipelineId: pipeline.id } });
  const deployments = await buildDeployments(rows.slice(0, page.limit).map((row) => row.id));
  return toPage(rows, page, (row): BuildWithDeployment => ({ ...buildShape(row), deployment: deployments.get(row.id) ?? NO_DEPLOYMENT }));
}

// The releases of one build listed on its page; a build ships a handful of times at most.
const RELEASES_SHOWN = 50;

/** One build with its pipeline and the releases that shipped it, newest first. */
export async function getBuild(id: number) {
  const build = await db.build.findUnique({
    where: { id },
    include: {
      pipeline: { select: { slug: true, repository: true } },
      releases: { orderBy: { id: "desc" }, take: RELEASES_SHOWN, include: { build: true, steps: true } },
    },
  });
  if (!build) throw notFound(`build ${id} does not exist`);
  const deployment = (await buildDeployments([id])).get(id) ?? NO_DEPLOYMENT;
  return { ...buildShape(build), deployment, pipeline: build.pipeline.slug, repository: build.pipeline.repository, releases: build.releases.map((r) => releaseShape(r)) };
}
