import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { rollbackPipeline } from "@/lib/engine";
import { idSchema, optionalReasonSchema } from "@/lib/validation";
import { getRelease } from "@/lib/views/releases";
import { getRollbackPreview } from "@/lib/views/rollback";

const body = z.object({ releaseId: idSchema.optional(), reason: optionalReasonSchema });

export const POST = apiRoute({ role: "deployer", body, status: 201 }, async ({ params, body, identity }) => {
  const { releaseId } = await rollbackPipeline(params.slug!, identity.actor, body);
  return getRelease(releaseId);
});

/** What a rollback now would do: `{from, target}`, or the 409 it would get. */
export const GET = apiRoute({ role: "viewer" }, ({ params }) => getRollbackPreview(params.slug!));
