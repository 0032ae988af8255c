import { db } from "../db";
import { notFound } from "../errors";
import type { Pipeline } from "../generated/prisma/client";

export async function findPipeline(slug: string): Promise<Pipeline> {
  const pipeline = await db.pipeline.findUnique({ where: { slug } });
  if (!pipeline) throw notFound(`pipeline "${slug}" does not exist`);
  return pipeline;
}
