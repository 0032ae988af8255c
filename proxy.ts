import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER } from "@/lib/auth/redirect";

// Served over https (NEXTAUTH_URL says so): browsers must never fall back to http for a year.
const HSTS = "max-age=31536000; includeSubDomains";

/**
 * Runs before every page: hands the page its own path (so a signed-out
 * visitor is sent to sign-in and brought back to it, lib/auth/session.ts),
 * and sends HSTS when Shipboard is served over https.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers } });
  if (process.env.NEXTAUTH_URL?.startsWith("https://")) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

// Pages only: API routes, Next's assets and the agents' fast path never need it.
export const config = { matcher: ["/((?!api/|_next/|favicon.ico|metrics).*)"] };
