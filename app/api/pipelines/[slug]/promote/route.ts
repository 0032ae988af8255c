import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { promoteBuild, promotePreview } from "@/lib/engine";
import { idSchema, optionalReasonSchema } from "@/lib/validation";
import { getRelease } from "@/lib/views/releases";

const body = z.object({ buildId: idSchema, reason: optionalReasonSchema });

export const POST = apiRoute({ role: "deployer", body, status: 201 }, async ({ params, body, identity }) => {
  const { releaseId } = await promoteBuild(params.slug!, body.buildId, identity.actor, body.reason);
  return getRelease(releaseId);
});

/** What promoting this build would go past (guardrails that hold it from CD now): `{guardrails: [Blocker]}`. */
export const GET = apiRoute({ role: "viewer", query: z.object({ buildId: idSchema }) }, ({ params, query }) =>
  promotePreview(params.slug!, query.buildId),
);
