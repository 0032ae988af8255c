import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { failRelease } from "@/lib/engine";
import { idSchema, reasonSchema } from "@/lib/validation";
import { getRelease } from "@/lib/views/releases";

export const POST = apiRoute({ role: "admin", body: z.object({ reason: reasonSchema }) }, async ({ params, body, identity }) => {
  const { id } = z.object({ id: idSchema }).parse(params);
  await failRelease(id, identity.actor, body.reason);
  return getRelease(id);
});
