import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { updateUser } from "@/lib/auth/users";

const body = z
  .object({ role: z.enum(["viewer", "deployer", "admin"]).optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((change) => change.role !== undefined || change.disabled !== undefined, { message: "send role and/or disabled", path: ["role"] });

export const PATCH = apiRoute({ role: "admin", body }, ({ params, body, identity }) => updateUser(params.id!, body, identity));
