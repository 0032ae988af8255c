/**
 * The Content-Security-Policy. Pages get a fresh nonce per response
 * (proxy.ts): Next.js reads it from the request's policy and puts it on its
 * own scripts, so an injected inline script (no nonce) never runs. Other
 * responses (API answers, next-auth's HTML pages) allow no inline script at all.
 * style-src keeps 'unsafe-inline': React and recharts write style attributes,
 * which a nonce cannot cover (and a nonce in style-src would turn
 * 'unsafe-inline' off). The app loads nothing from other origins.
 */
export function contentSecurityPolicy(nonce?: string): string {
  return [
    "default-src 'self'",
    nonce ? `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'` : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** 128 random bits, base64: unguessable, and new for every response. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
