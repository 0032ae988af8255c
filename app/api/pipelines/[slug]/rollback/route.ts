import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { rollbackPipeline } from "@/lib/engine";
import { idSchema, reasonSchema } from "@/lib/validation";
import { getRelease } from "@/lib/views/releases";

const body = z.object({ releaseId: idSchema.optional(), reason: reasonSchema.optional() });

export const POST = apiRoute({ role: "deployer", body, status: 201 }, async ({ params, body, identity }) => {
  const { releaseId } = await rollbackPipeline(params.slug!, identity.actor, body);
  return getRelease(releaseId);
});
