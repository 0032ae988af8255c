/**
 * Generic webhook: any CI (or a script) reports a build in Shipboard's own shape.
 *
 *   POST /api/webhooks/generic[?pipeline=<slug>]
 *   Content-Type: application/json
 *   X-Shipboard-Signature: sha256=<hex HMAC-SHA256 of the raw body, key: the pipeline's secret or SHIPBOARD_WEBHOOK_SECRET>
 *   X-Shipboard-Delivery: <a unique id per delivery> (optional; a repeated id is recorded once)
 *
 *   {
 *     "externalId": "ci-run-8812",         required; string, or a non-negative integer
 *     "commitSha": "3484a3fb81…",          required; 7 to 64 hex characters
 *     "branch": "main",                    required; a leading "refs/heads/" is dropped
 *     "state": "passed",                   required; scheduled | running | passed | failed | canceled
 *     "number": 412,                       optional; integer or "412"
 *     "message": "Fix login redirect",     optional
 *     "author": "Ada Lovelace",            optional
 *     "url": "https://ci.example.com/r/8812", optional; http(s) only
 *     "repository": "acme/web",            required; owner/name or any git URL (finds the pipeline)
 *     "workflow": "tests",                 optional; what ran (ciWorkflows filters on it)
 *     "attempt": 2,                        optional; a higher attempt may move a finished build (a re-run)
 *     "createdAt": "2024-05-01T12:00:00Z", optional; ISO 8601; defaults to startedAt, else receipt time
 *     "startedAt": "…", "finishedAt": "…", "committedAt": "…"   optional; ISO 8601
 *     "pullRequest": {"number": 42, "url": "https://…/pull/42"}   optional; url optional, http(s) only
 *   }
 *
 * Send one event per state change with the same externalId; states only move
 * forward. Signing example: lib/webhooks/README.md.
 */
import { z } from "zod";
import { buildEvent, httpUrl, parseTimestamp } from "./common";
import { normalizeRepository } from "./repository";
import { verifySha256Header } from "./signature";
import { BUILD_STATES, WebhookPayloadError, type ParsedEvent, type Verification } from "./types";

export const SIGNATURE_HEADER = "X-Shipboard-Signature";
export const deliveryHeader = "X-Shipboard-Delivery";

/** `X-Shipboard-Signature: sha256=HEX`, HEX = HMAC-SHA256(secret, rawBody). */
export function verify(headers: Headers, rawBody: string, secret: string): Verification {
  return verifySha256Header(headers, SIGNATURE_HEADER, rawBody, secret);
}

const timestamp = z.string().transform((value, ctx) => {
  const date = parseTimestamp(value);
  if (!date) {
    ctx.addIssue({ code: "custom", message: "must be an ISO 8601 timestamp such as 2024-05-01T12:00:00Z" });
    return z.NEVER;
  }
  return date;
});

const optionalText = (max: number) =>
  z
    .string()
    .max(max, { error: `must be at most ${max} characters` })
    .transform((value) => value.replace(/\u0000/g, "").trim() || null)
    .nullish();

const httpUrlField = z
  .string()
  .refine((url) => httpUrl(url) !== null, { error: "must be an http(s) URL" })
  .transform((url) => httpUrl(url));

const schema = z.object({
  externalId: z.union(
    [z.string().trim().min(1).max(255), z.number().int().nonnegative().transform(String)],
    { error: "must be a non-empty string of at most 255 characters or a non-negative integer" },
  ),
  number: z
    .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,15}$/).transform(Number)], {
      error: "must be a non-negative integer",
    })
    .nullish(),
  commitSha: z
    .string()
    .regex(/^[0-9a-f]{7,64}$/i, { error: "must be a commit sha of 7 to 64 hex characters" })
    .transform((sha) => sha.toLowerCase()),
  message: optionalText(100_000),
  author: optionalText(255),
  branch: z
    .string()
    .trim()
    .transform((branch) => branch.replace(/^refs\/heads\//, ""))
    .pipe(z.string().min(1, { error: "must not be empty" }).max(255, { error: "must be at most 255 characters" })),
  url: httpUrlField.nullish(),
  repository: z
    .string()
    .transform((value, ctx) => {
      const name = normalizeRepository(value);
      if (!name) {
        ctx.addIssue({ code: "custom", message: "must be owner/name or a git URL" });
        return z.NEVER;
      }
      return name;
    }),
  workflow: optionalText(200),
  attempt: z.number().int().min(1).max(1_000_000).nullish(),
  state: z.enum(BUILD_STATES),
  createdAt: timestamp.nullish(),
  startedAt: timestamp.nullish(),
  finishedAt: timestamp.nullish(),
  committedAt: timestamp.nullish(),
  pullRequest: z
    .object({
      number: z.number().int().min(1).max(2_147_483_647, { error: "must be at most 2147483647" }),
      url: httpUrlField.nullish(),
    })
    .nullish(),
});

const TYPE_NAMES: Record<string, string> = { string: "a string", number: "a number", int: "an integer", object: "a JSON object" };

/** Field-level messages for zod's default issues ("commitSha is required"). */
function message(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.input === undefined) return "is required";
  if (issue.code === "invalid_type") return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
  if (issue.code === "invalid_value") return `must be one of ${issue.values.join(", ")}`;
  return undefined;
}

export function parse(_headers: Headers, body: unknown, now: Date = new Date()): ParsedEvent {
  const result = schema.safeParse(body, { error: message });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.length > 0 ? issue.path.join(".") : "body";
    throw new WebhookPayloadError(`${field} ${issue.message}`, field);
  }
  const b = result.data;
  return buildEvent({
    provider: "generic",
    externalId: b.externalId,
    attempt: b.attempt ?? 1,
    workflow: b.workflow ?? null,
    number: b.number ?? null,
    commitSha: b.commitSha,
    message: b.message ?? null,
    author: b.author ?? null,
    branch: b.branch,
    url: b.url ?? null,
    state: b.state,
    createdAt: b.createdAt ?? b.startedAt ?? now,
    startedAt: b.startedAt ?? null,
    finishedAt: b.finishedAt ?? null,
    committedAt: b.committedAt ?? null,
    repository: b.repository,
    pullRequest: b.pullRequest ? { number: b.pullRequest.number, url: b.pullRequest.url ?? null } : null,
  });
}
