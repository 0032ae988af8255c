import { createHmac } from "node:crypto";
import { safeEqual } from "../secrets";
import type { Verification } from "./types";

// The one constant-time compare, re-exported for the providers' verifiers.
export { safeEqual };

export const OK: Verification = { ok: true };

export function reject(reason: string): Verification {
  return { ok: false, reason };
}

export function hmacSha256Hex(secret: string, message: string): string {
  return createHmac("sha256", secret).update(message, "utf8").digest("hex");
}

export const NO_SECRET = reject("webhook secret is not configured");

/** `Header: sha256=HEX` where HEX = HMAC-SHA256(secret, rawBody) (GitHub, generic). */
export function verifySha256Header(headers: Headers, name: string, rawBody: string, secret: string): Verification {
  if (!secret) return NO_SECRET;
  const value = headers.get(name);
  if (!value) return reject(`missing ${name} header`);
  const match = /^sha256=([0-9a-f]{64})$/i.exec(value.trim());
  if (!match?.[1]) return reject(`malformed ${name} header, expected sha256=<hex>`);
  const expected = hmacSha256Hex(secret, rawBody);
  return safeEqual(match[1].toLowerCase(), expected) ? OK : reject(`${name} does not match the body`);
}

/** A shared token sent in clear text in a header (GitLab, Buildkite's token mode). */
export function verifyTokenHeader(headers: Headers, name: string, secret: string): Verification {
  if (!secret) return NO_SECRET;
  const value = headers.get(name);
  if (value === null) return reject(`missing ${name} header`);
  return safeEqual(value, secret) ? OK : reject(`invalid ${name}`);
}
