// Buildkite pipeline webhooks: https://buildkite.com/docs/apis/webhooks/pipelines
// and build events: https://buildkite.com/docs/apis/webhooks/pipelines/build-events
import {
  buildEvent,
  fail,
  get,
  getObject,
  httpUrl,
  ignored,
  isObject,
  lookup,
  optionalDate,
  optionalInteger,
  optionalText,
  pullRequestNumber,
  requireDate,
  requireId,
  requireObject,
  requireString,
  type JsonObject,
} from "./common";
import { normalizeRepository, pullRequestUrl } from "./repository";
import { NO_SECRET, OK, hmacSha256Hex, reject, safeEqual, verifyTokenHeader } from "./signature";
import type { BuildState, ParsedEvent, PullRequest, Verification } from "./types";

const REPLAY_WINDOW_SECONDS = 5 * 60;

/** Buildkite sends no delivery id; its signature's timestamp bounds replays instead. */
export const deliveryHeader = null;

/**
 * `X-Buildkite-Signature: timestamp=T,signature=HEX`, HEX = HMAC-SHA256(secret, "T.body"),
 * T in Unix seconds and within 5 minutes of `now` either way; or, when the webhook
 * is set to send the token instead, `X-Buildkite-Token: <secret>`.
 */
export function verify(headers: Headers, rawBody: string, secret: string, now: Date = new Date()): Verification {
  if (!secret) return NO_SECRET;
  const header = headers.get("x-buildkite-signature");
  if (header === null) {
    if (headers.get("x-buildkite-token") !== null) return verifyTokenHeader(headers, "X-Buildkite-Token", secret);
    return reject("missing X-Buildkite-Signature or X-Buildkite-Token header");
  }
  const parts = new Map<string, string>();
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) parts.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const timestamp = parts.get("timestamp") ?? "";
  const signature = (parts.get("signature") ?? "").toLowerCase();
  if (!/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) {
    return reject("malformed X-Buildkite-Signature header");
  }
  if (!safeEqual(signature, hmacSha256Hex(secret, `${timestamp}.${rawBody}`))) {
    return reject("X-Buildkite-Signature does not match the body");
  }
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > REPLAY_WINDOW_SECONDS) {
    return reject("signature timestamp outside the 5 minute replay window");
  }
  return OK;
}

// Buildkite build states (REST and GraphQL BuildStates). Decisions:
// - blocked (waiting on a manual block step) is running: the build has not
//   reached its end and may still go either way once someone unblocks it;
// - failing is running: jobs are still going;
// - skipped / not_run are canceled: the build never produced a result to deploy.
const STATES: Record<string, BuildState> = {
  creating: "scheduled",
  scheduled: "scheduled",
  waiting: "scheduled",
  running: "running",
  started: "running",
  failing: "running",
  canceling: "running",
  blocked: "running",
  passed: "passed",
  failed: "failed",
  timed_out: "failed",
  canceled: "canceled",
  cancelled: "canceled",
  skipped: "canceled",
  not_run: "canceled",
};

// When build.state is absent, the event name still tells most of the story.
const EVENT_STATES: Record<string, BuildState> = {
  "build.scheduled": "scheduled",
  "build.running": "running",
  "build.failing": "running",
  "build.skipped": "canceled",
};

function buildState(event: string, build: JsonObject): BuildState {
  const raw = get(build, "state");
  let state: BuildState | undefined;
  if (typeof raw === "string" && raw !== "") {
    state = lookup(STATES, raw.toLowerCase());
    if (!state) fail("build.state", `has unknown value "${raw.slice(0, 40)}"`);
  } else {
    state = lookup(EVENT_STATES, event);
    if (!state) fail("build.state", "is required");
  }
  // The docs flag a blocked build with `blocked: true` on build.finished, whatever
  // its blocked_state says: it waits on a person, it has not finished.
  if (get(build, "blocked") === true && state !== "canceled") return "running";
  return state;
}

const SHA = /^[0-9a-f]{7,64}$/i;

/** `commit` can be "HEAD" before Buildkite resolves it; the resolved sha is in meta_data. */
function commitSha(build: JsonObject): string {
  const commit = get(build, "commit");
  const resolved = get(getObject(build, "meta_data"), "buildkite:git:commit");
  if (typeof commit !== "string" || !SHA.test(commit)) {
    if (typeof resolved === "string" && SHA.test(resolved)) return resolved.toLowerCase();
  }
  const sha = requireString(commit, "build.commit");
  return SHA.test(sha) ? sha.toLowerCase() : sha;
}

function personName(person: unknown): string | null {
  if (typeof person === "string") return optionalText(person);
  const object = isObject(person) ? person : null;
  return optionalText(get(object, "name")) ?? optionalText(get(object, "username"));
}

/** Buildkite gives the pull request's number as `id`; its page is known only on GitHub and GitLab hosts. */
function pullRequest(pr: JsonObject | null, repositoryAddress: string): PullRequest | null {
  const number = pullRequestNumber(get(pr, "id"));
  return number === null ? null : { number, url: pullRequestUrl(repositoryAddress, number) };
}

export function parse(headers: Headers, body: unknown): ParsedEvent {
  const payload = requireObject(body, "body");
  const event = headers.get("x-buildkite-event") ?? optionalText(get(payload, "event")) ?? "";
  if (event === "ping") return { kind: "ping" };
  if (!event.startsWith("build.")) return ignored(`Buildkite event "${event.slice(0, 60)}" is not recorded`);

  const build = requireObject(get(payload, "build"), "build");
  const pipeline = getObject(payload, "pipeline");
  const repositoryAddress = optionalText(get(pipeline, "repository")) ?? "";
  const repository = normalizeRepository(repositoryAddress);

  // A pull request from a fork can carry any branch name, "main" included;
  // recording it would let an outside commit look like a build of the branch.
  const prRepository = optionalText(get(getObject(build, "pull_request"), "repository"));
  if (prRepository && normalizeRepository(prRepository) !== repository) {
    return ignored("Buildkite build of a pull request from another repository");
  }

  return buildEvent({
    provider: "buildkite",
    externalId: requireId(get(build, "id"), "build.id"),
    attempt: 1,
    workflow: optionalText(get(pipeline, "name")),
    number: optionalInteger(get(build, "number")),
    commitSha: commitSha(build),
    message: optionalText(get(build, "message")),
    author: personName(get(build, "author")) ?? personName(get(build, "creator")),
    branch: requireString(get(build, "branch"), "build.branch"),
    url: httpUrl(get(build, "web_url")),
    state: buildState(event, build),
    createdAt: requireDate(get(build, "created_at") ?? get(build, "scheduled_at"), "build.created_at"),
    startedAt: optionalDate(get(build, "started_at")),
    finishedAt: optionalDate(get(build, "finished_at")),
    committedAt: null, // Buildkite does not send the commit's timestamp.
    repository,
    pullRequest: pullRequest(getObject(build, "pull_request"), repositoryAddress),
  });
}
