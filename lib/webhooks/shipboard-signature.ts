// Shipboard's own signature scheme, both ways (SPEC "Targets > webhook"):
// `X-Shipboard-Timestamp: T` (unix seconds) and `X-Shipboard-Signature:
// sha256=HEX`, HEX = HMAC-SHA256(secret, "T.body"), valid 5 minutes either way.
import { hmacSha256Hex, NO_SECRET, OK, reject, safeEqual } from "./signature";
import type { Verification } from "./types";

export const REPLAY_WINDOW_SECONDS = 300;

export function signShipboard(secret: string, body: string, now = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { "X-Shipboard-Timestamp": timestamp, "X-Shipboard-Signature": `sha256=${hmacSha256Hex(secret, `${timestamp}.${body}`)}` };
}

export function verifyShipboard(headers: Headers, rawBody: string, secret: string | undefined, now = new Date()): Verification {
  if (!secret) return NO_SECRET;
  const timestamp = headers.get("x-shipboard-timestamp") ?? "";
  const match = /^sha256=([0-9a-f]{64})$/i.exec(headers.get("x-shipboard-signature")?.trim() ?? "");
  if (!/^\d{1,12}$/.test(timestamp) || !match?.[1]) return reject("missing or malformed X-Shipboard-Timestamp / X-Shipboard-Signature");
  if (!safeEqual(match[1].toLowerCase(), hmacSha256Hex(secret, `${timestamp}.${rawBody}`))) {
    return reject("X-Shipboard-Signature does not match the body");
  }
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > REPLAY_WINDOW_SECONDS) {
    return reject("signature timestamp outside the 5 minute window");
  }
  return OK;
}
