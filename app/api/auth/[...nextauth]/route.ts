import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { errorResponse } from "@/lib/api/errors";
import { clientAddress, consume, refund, type LimitName } from "@/lib/api/rate-limit";
import { readAuthForm } from "@/lib/auth/auth-body";
import { authOptions } from "@/lib/auth/options";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * Every POST body is read once here (16 KB at most, no repeated fields) and
 * handed to next-auth re-encoded, so the limiter and next-auth see the same
 * email. Password attempts are limited per client address and per account in
 * Postgres (429 + Retry-After) before next-auth runs argon2.
 */
async function post(request: NextRequest, context: Context) {
  let form: URLSearchParams;
  let limited: [LimitName, string][] = [];
  try {
    form = await readAuthForm(request);
    const { nextauth } = await context.params;
    if (nextauth.join("/") === "callback/credentials") {
      limited = [
        ["signinAddress", clientAddress(request)],
        ["signinAccount", (form.get("email") ?? "").trim().toLowerCase()],
      ];
      for (const [name, key] of limited) await consume(name, key);
    }
  } catch (error) {
    return errorResponse(error);
  }
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  const response = await handler(new NextRequest(request.url, { method: "POST", headers, body: form.toString() }), context);
  // Only failures count: a team signing in all morning from one office address is never limited.
  if (limited.length && signedIn(response)) await Promise.all(limited.map(([name, key]) => refund(name, key)));
  return response;
}

const signedIn = (response: Response) => response.headers.getSetCookie().some((cookie) => /^(__Secure-)?next-auth\.session-token=[^;]/.test(cookie));

export { handler as GET, post as POST };
