import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { buildShape, releaseShape } from "@/lib/views/shapes";

// The releases of one build listed on its page; a build ships a handful of times at most.
const RELEASES_SHOWN = 50;

/**
 * One build with its pipeline and the releases that shipped it, newest first.
 * Belongs in lib/views/builds.ts as `getBuild(id)` (asked of the lead); read here until it lands.
 */
export async function loadBuild(id: number) {
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
