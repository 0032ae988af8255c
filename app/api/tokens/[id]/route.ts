import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { revokeApiToken } from "@/lib/auth/tokens";
import { idSchema } from "@/lib/validation";

export const DELETE = apiRoute({ role: "admin" }, ({ params, identity }) =>
  revokeApiToken(z.object({ id: idSchema }).parse(params).id, identity),
);
