import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { clientAddress, consume } from "@/lib/api/rate-limit";
import { changePassword } from "@/lib/auth/users";
import { newPassword } from "@/lib/validation";

const body = z.object({ current: z.string().min(1).max(200), next: newPassword });

export const POST = apiRoute({ role: "viewer", body }, async ({ body, identity, request }) => {
  await consume("password", clientAddress(request));
  return changePassword(identity, body.current, body.next);
});
