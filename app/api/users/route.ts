import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { inviteUser, listUsers } from "@/lib/auth/users";

const invite = z.object({ email: z.email().max(254), role: z.enum(["viewer", "deployer", "admin"]) });

export const GET = apiRoute({ role: "admin" }, () => listUsers());

// 201 {id, email, role, inviteUrl}: the link is shown only this once; the admin passes it on.
export const POST = apiRoute({ role: "admin", body: invite, status: 201 }, ({ body, identity, request }) =>
  inviteUser(body, identity, process.env.NEXTAUTH_URL?.replace(/\/+$/, "") ?? new URL(request.url).origin),
);
