import { db } from "../db";
import { pageArgs, toPage, type PageQuery } from "./page";
import { findPipeline } from "./find-pipeline";
import { buildShape } from "./shapes";

/** Builds newest first by arrival (id), which for CI events is also creation order in practice. */
export async function listBuilds(slug: string, page: PageQuery) {
  const pipeline = await findPipeline(slug);
  const args = pageArgs(page);
  const rows = await db.build.findMany({ ...args, where: { ...args.where, pipelineId: pipeline.id } });
  return toPage(rows, page, buildShape);
}
