import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { setUserRole } from "@/lib/auth/users";

const body = z.object({ role: z.enum(["viewer", "deployer", "admin", "agent"]) });

export const PATCH = apiRoute({ role: "admin", body }, ({ params, body, identity }) => setUserRole(params.id!, body.role, identity));
