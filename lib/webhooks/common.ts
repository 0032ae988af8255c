// Null-safe reading and coercion of untrusted JSON, shared by the provider parsers.
// Rule: required fields (id, commit, branch, state, createdAt) that are missing or
// malformed throw WebhookPayloadError; optional descriptive fields that are missing
// or of an unexpected type become null, so an odd author or URL never loses a build.
import { isTerminal } from "./state";
import { WebhookPayloadError, type BuildEvent, type ParsedEvent } from "./types";

export type JsonObject = Record<string, unknown>;

const MAX_ID_LENGTH = 255;

export function fail(field: string, message: string): never {
  throw new WebhookPayloadError(`${field} ${message}`, field);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function requireObject(value: unknown, field: string): JsonObject {
  if (!isObject(value)) fail(field, "must be a JSON object");
  return value;
}

/** Own properties only: a key like "constructor" must never reach the prototype. */
export function get(object: JsonObject | null, key: string): unknown {
  return object !== null && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** Table lookup by own key, so "constructor" or "__proto__" is never a hit. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

export function getObject(object: JsonObject | null, key: string): JsonObject | null {
  const value = get(object, key);
  return isObject(value) ? value : null;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/** Postgres text cannot hold NUL; everything else (emoji, RTL, CJK) passes through. */
function clean(text: string): string {
  return text.replace(/\u0000/g, "");
}

/** A provider id: non-empty string or non-negative safe integer, returned as a string. */
export function requireId(value: unknown, field: string): string {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  return requireString(value, field);
}

export function requireString(value: unknown, field: string): string {
  if (isBlank(value)) fail(field, "is required");
  if (typeof value !== "string") fail(field, "must be a string");
  const text = clean(value.trim());
  if (text.length === 0 || text.length > MAX_ID_LENGTH) fail(field, `must be 1 to ${MAX_ID_LENGTH} characters`);
  return text;
}

export function optionalText(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const text = clean(value);
  return text.trim() === "" ? null : text;
}

/** Integers may arrive as numbers or decimal strings ("42"). */
export function toInteger(value: unknown): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : null;
  if (typeof value === "string" && /^\s*-?\d{1,15}\s*$/.test(value)) return Number(value);
  return null;
}

export function optionalInteger(value: unknown): number | null {
  const n = toInteger(value);
  return n !== null && n >= 0 ? n : null;
}

/** A pull/merge request's number as people see it: a positive integer that fits the database's int. */
export function pullRequestNumber(value: unknown): number | null {
  const n = toInteger(value);
  return n !== null && n >= 1 && n <= 2_147_483_647 ? n : null;
}

/** A non-negative duration in seconds, possibly fractional or a string ("17.0"). */
export function optionalSeconds(value: unknown): number | null {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n >= 0 ? n : null;
}

/** Only http(s) URLs: the dashboard renders them as links, so javascript: must not pass. */
export function httpUrl(value: unknown): string | null {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;

/**
 * ISO 8601 ("2020-10-05T16:33:24Z", "2016-08-12T17:23:21+02:00") and GitLab's
 * "2016-08-12 15:23:28 UTC" / "2021-04-28 21:50:00 +0200". No zone means UTC.
 * Impossible dates (Feb 31) are rejected rather than rolled over.
 */
export function parseTimestamp(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const m = TIMESTAMP.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", zone = "Z"] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  let offset = "Z";
  if (/^[+-]/.test(zone)) {
    const digits = zone.slice(1).replace(":", "");
    if (Number(digits.slice(0, 2)) > 23 || Number(digits.slice(2)) > 59) return null;
    offset = `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2)}`;
  }
  const ms = frac ? `.${frac.slice(0, 3).padEnd(3, "0")}` : "";
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function requireDate(value: unknown, field: string): Date {
  if (isBlank(value)) fail(field, "is required");
  const date = parseTimestamp(value);
  if (!date) fail(field, "must be an ISO 8601 timestamp");
  return date;
}

export function optionalDate(value: unknown): Date | null {
  return parseTimestamp(value);
}

export function ignored(reason: string): ParsedEvent {
  return { kind: "ignored", reason };
}

/** The one place every provider's event passes through, so they agree on time fields. */
export function buildEvent(event: BuildEvent): ParsedEvent {
  return {
    kind: "build",
    event: {
      ...event,
      // A queued run has not started, and only a finished run has a finish time,
      // whatever timestamps the payload happens to carry.
      startedAt: event.state === "scheduled" ? null : event.startedAt,
      finishedAt: isTerminal(event.state) ? event.finishedAt : null,
    },
  };
}
