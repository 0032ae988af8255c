import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER } from "@/lib/auth/redirect";
import { contentSecurityPolicy, newNonce } from "@/lib/csp";

// Served over https (NEXTAUTH_URL says so): browsers must never fall back to http for a year.
const HSTS = "max-age=31536000; includeSubDomains";

/**
 * Runs before every page: hands the page its own path (so a signed-out
 * visitor is sent to sign-in and brought back to it, lib/auth/session.ts),
 * gives it a Content-Security-Policy with a fresh nonce (on the request too:
 * Next.js takes the nonce from there for its own scripts; every page renders
 * per request, the root layout reads the session), and sends HSTS when
 * Shipboard is served over https.
 */
export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy(newNonce());
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  if (process.env.NEXTAUTH_URL?.startsWith("https://")) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

// Pages only: API routes, Next's assets and the agents' fast path never need it.
export const config = { matcher: ["/((?!api/|_next/|favicon.ico|metrics).*)"] };
