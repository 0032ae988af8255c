import { createHash, timingSafeEqual } from "node:crypto";

/**
 * The one constant-time string comparison (tokens, secrets, signatures). Both
 * sides are hashed first so the buffers always have equal length: no throw,
 * and no early exit that leaks the length.
 */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash("sha256").update(a, "utf8").digest();
  const db = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(da, db);
}
