import { apiRoute } from "@/lib/api/handler";
import { createPipeline, createPipelineInput } from "@/lib/pipelines/create";
import { getPipeline, listPipelines } from "@/lib/views/pipelines";

export const GET = apiRoute({ role: "viewer" }, async () => ({ items: await listPipelines(), nextCursor: null }));

export const POST = apiRoute({ role: "admin", body: createPipelineInput, status: 201 }, async ({ body, identity }) => {
  const pipeline = await createPipeline(body, identity);
  return getPipeline(pipeline.slug);
});
