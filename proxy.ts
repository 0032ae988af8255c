import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER } from "@/lib/auth/redirect";

/**
 * Runs before every page: hands the page its own path (so a signed-out
 * visitor is sent to sign-in and brought back to it, lib/auth/session.ts).
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

// Pages only: API routes, Next's assets and the agents' fast path never need it.
export const config = { matcher: ["/((?!api/|_next/|favicon.ico|metrics).*)"] };
