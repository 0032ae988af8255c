/**
 * JSON with every object's keys sorted: two values that differ only in key
 * order (Postgres jsonb reorders keys; zod outputs them in schema order) give
 * the same text.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** The same JSON value, whatever the key order; `undefined` and `null` count as the same (both mean unset). */
export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);
