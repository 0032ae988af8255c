import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { createPipeline, createPipelineInput } from "@/lib/pipelines/create";
import { deploysSince, getPipeline, listPipelines } from "@/lib/views/pipelines";

/** `?deploysSince=<ISO instant>` adds each pipeline's count of deploys since then (the overview's "deploys today", in the viewer's zone). */
const listQuery = z.object({ deploysSince: z.iso.datetime({ offset: true }).optional() });

export const GET = apiRoute({ role: "viewer", query: listQuery }, async ({ query }) => {
  const [items, counts] = await Promise.all([listPipelines(), query.deploysSince ? deploysSince(new Date(query.deploysSince)) : null]);
  return { items: counts ? items.map((p) => ({ ...p, deploysSince: counts[p.slug] ?? 0 })) : items, nextCursor: null };
});

export const POST = apiRoute({ role: "admin", body: createPipelineInput, status: 201 }, async ({ body, identity }) => {
  const pipeline = await createPipeline(body, identity);
  return getPipeline(pipeline.slug);
});
