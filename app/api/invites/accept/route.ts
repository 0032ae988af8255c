import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { clientAddress, consume } from "@/lib/api/rate-limit";
import { acceptInvite } from "@/lib/auth/users";
import { newPassword } from "@/lib/validation";

const body = z.object({ token: z.string().min(1).max(200), password: newPassword });

/** The invitee sets a password through the one-time link (app/invite/[token]). */
export const POST = apiRoute({ role: "anyone", body }, async ({ body, request }) => {
  await consume("password", clientAddress(request));
  return acceptInvite(body.token, body.password);
});
