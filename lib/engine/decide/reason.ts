import { badRequest } from "../../errors";

const MAX_REASON = 1000;
// Any Unicode control character (newlines and tabs included): a reason is one line.
const CONTROL = /\p{Cc}/u;

/** SPEC "Input": a reason is 1–1,000 characters after trimming, without control characters. */
export function requireReason(reason: unknown): string {
  if (typeof reason !== "string") throw badRequest("reason is required", "reason");
  const trimmed = reason.trim();
  const length = [...trimmed].length;
  if (length < 1 || length > MAX_REASON) throw badRequest(`reason must be 1 to ${MAX_REASON} characters`, "reason");
  if (CONTROL.test(trimmed)) throw badRequest("reason must not contain control characters", "reason");
  return trimmed;
}

/** An optional reason: absent, null or blank means none; anything else must be a valid reason. */
export function optionalReason(reason: unknown): string | null {
  if (reason === undefined || reason === null) return null;
  if (typeof reason === "string" && reason.trim() === "") return null;
  return requireReason(reason);
}
