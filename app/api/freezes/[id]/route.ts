import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { removeFreeze } from "@/lib/engine";
import { idSchema } from "@/lib/validation";

export const DELETE = apiRoute({ role: "deployer" }, async ({ params, identity }) => {
  await removeFreeze(z.object({ id: idSchema }).parse(params).id, identity.actor);
  return { ok: true };
});
