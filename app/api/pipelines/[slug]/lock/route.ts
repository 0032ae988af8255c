import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { lockPipeline } from "@/lib/engine";
import { reasonSchema } from "@/lib/validation";
import { getPipeline } from "@/lib/views/pipelines";

export const POST = apiRoute({ role: "deployer", body: z.object({ reason: reasonSchema }) }, async ({ params, body, identity }) => {
  await lockPipeline(params.slug!, identity.actor, body.reason);
  return getPipeline(params.slug!);
});
