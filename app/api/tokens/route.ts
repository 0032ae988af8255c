import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { createApiToken, listApiTokens } from "@/lib/auth/tokens";

const body = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(["viewer", "deployer", "admin", "agent"]),
  /** The pipeline an agent token heartbeats for (required for agent tokens only). */
  pipeline: z.string().min(1).max(64).optional(),
});

export const GET = apiRoute({ role: "admin" }, () => listApiTokens());

// 201 {id, name, role, token}: the token is shown only this once.
export const POST = apiRoute({ role: "admin", body, status: 201 }, ({ body, identity }) => createApiToken(body, identity));
