import NextAuth from "next-auth";
import { errorResponse } from "@/lib/api/errors";
import { clientAddress, consume, limiters } from "@/lib/api/rate-limit";
import { authOptions } from "@/lib/auth/options";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * Password attempts are rate limited per client address and email before
 * next-auth sees them (429 + Retry-After); the account lockout covers guessing
 * one account from many addresses.
 */
async function post(request: Request, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    try {
      const form = await request.clone().formData().catch(() => null);
      const email = String(form?.get("email") ?? "").trim().toLowerCase();
      await consume(limiters.signin, `${clientAddress(request)}:${email}`);
    } catch (error) {
      return errorResponse(error);
    }
  }
  return handler(request, context);
}

export { handler as GET, post as POST };
