import { db } from "../db";
import { badRequest, notFound } from "../errors";
import { isRowId, type PageQuery } from "./page";
import { findPipeline } from "./find-pipeline";
import { buildDeployments, type BuildDeployment } from "./build-deployment";
import { releaseView } from "./releases";
import { buildShape, type BuildView } from "./shapes";

/** A build in a list or on its page, with where it stands (live, waiting and why, rolled back…). */
export type BuildWithDeployment = BuildView & { deployment: BuildDeployment };

const NO_DEPLOYMENT: BuildDeployment = { status: "none", release: null, blocker: null };

/** `createdAtMs.id` of the last build on a page: builds page by their CI creation time, ties by id. */
const encodeBuildCursor = (build: { createdAt: Date; id: number }) => Buffer.from(`${build.createdAt.getTime()}.${build.id}`).toString("base64url");

function decodeBuildCursor(cursor: string | undefined): { createdAt: Date; id: number } | undefined {
  if (cursor === undefined) return undefined;
  const [ms, id] = Buffer.from(cursor, "base64url").toString("utf8").split(".").map(Number);
  const createdAt = new Date(ms!);
  if (Number.isNaN(createdAt.getTime()) || !isRowId(id)) throw badRequest("cursor is not one this API gave out", "cursor");
  return { createdAt, id };
}

/** Builds newest first by their CI `createdAt` (SPEC), not by arrival: a late webhook does not jump the queue. */
export async function listBuilds(slug: string, page: PageQuery) {
  const pipeline = await findPipeline(slug);
  const after = decodeBuildCursor(page.cursor);
  const rows = await db.build.findMany({
    where: {
      pipelineId: pipeline.id,
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
  });
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  const deployments = await buildDeployments(items.map((row) => row.id));
  return {
    items: items.map((row): BuildWithDeployment => ({ ...buildShape(row), deployment: deployments.get(row.id) ?? NO_DEPLOYMENT })),
    nextCursor: rows.length > page.limit && last ? encodeBuildCursor(last) : null,
  };
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
  return {
    ...buildShape(build), deployment, pipeline: build.pipeline.slug, repository: build.pipeline.repository,
    releases: await Promise.all(build.releases.map(releaseView)),
  };
}
