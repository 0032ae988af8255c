// A base no request can have: a value that keeps it after URL parsing is a path on our own origin.
const OWN_ORIGIN = "http://shipboard.invalid";

/**
 * Where to go after signing in: a path on this origin, else "/". Parsed as a
 * URL against the origin (as browsers do), so `//evil.example`,
 * `/\evil.example`, `https:evil.example` or tabs and newlines inside never
 * leave the site.
 */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value) return "/";
  try {
    const url = new URL(value, OWN_ORIGIN);
    return url.origin === OWN_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}

/** The sign-in page that comes back to `path` afterwards. */
export function signInUrl(path: string | null | undefined): string {
  const back = safeCallbackPath(path);
  return back === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(back)}`;
}

/** Set by proxy.ts on every page request (any client-sent copy is replaced): the page's own path and query. */
export const PATH_HEADER = "x-shipboard-path";
