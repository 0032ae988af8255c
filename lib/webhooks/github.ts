// GitHub webhooks: https://docs.github.com/en/webhooks/webhook-events-and-payloads
// (workflow_run, check_suite, ping); signatures:
// https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
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
import { normalizeRepository } from "./repository";
import { verifySha256Header } from "./signature";
import type { BuildState, ParsedEvent, PullRequest, Verification } from "./types";

export const deliveryHeader = "X-GitHub-Delivery";

/** `X-Hub-Signature-256: sha256=HEX`, HEX = HMAC-SHA256(secret, rawBody). */
export function verify(headers: Headers, rawBody: string, secret: string): Verification {
  return verifySha256Header(headers, "X-Hub-Signature-256", rawBody, secret);
}

// Conclusions of a completed run or suite (SPEC "Build states"): neutral is a
// pass (a check that chose not to judge); skipped and stale produced no result,
// so they are canceled. action_required is handled in state(): it waits for a
// person (e.g. approving a fork's run) and may still run.
const CONCLUSIONS: Record<string, BuildState> = {
  success: "passed",
  neutral: "passed",
  failure: "failed",
  timed_out: "failed",
  startup_failure: "failed",
  cancelled: "canceled",
  skipped: "canceled",
  stale: "canceled",
};

// `waiting` (a job waits for an environment's approval or a concurrency slot)
// is scheduled, like queued (SPEC "Build states").
const STATUSES: Record<string, BuildState> = {
  requested: "scheduled",
  queued: "scheduled",
  pending: "scheduled",
  waiting: "scheduled",
  in_progress: "running",
};

function state(object: JsonObject, action: string, prefix: string): BuildState {
  const raw = get(object, "status");
  // The payload's status is newer than the action when transitions are fast.
  const status = typeof raw === "string" && raw !== "" ? raw : action === "rerequested" ? "requested" : action;
  if (status === "") fail(`${prefix}.status`, "is required");
  if (status !== "completed") {
    const mapped = lookup(STATUSES, status);
    if (!mapped) fail(`${prefix}.status`, `has unknown value "${status.slice(0, 40)}"`);
    return mapped;
  }
  const conclusion = get(object, "conclusion");
  if (conclusion === "action_required") return "scheduled";
  const mapped = typeof conclusion === "string" ? lookup(CONCLUSIONS, conclusion) : undefined;
  if (!mapped) fail(`${prefix}.conclusion`, "must be a known conclusion when the status is completed");
  return mapped;
}

function commitFields(commit: JsonObject | null) {
  return {
    message: optionalText(get(commit, "message")),
    author: optionalText(get(getObject(commit, "author"), "name")),
    committedAt: optionalDate(get(commit, "timestamp")),
  };
}

function repositoryName(repo: JsonObject | null): string | null {
  for (const key of ["full_name", "clone_url", "html_url"]) {
    const name = normalizeRepository(optionalText(get(repo, key)) ?? "");
    if (name) return name;
  }
  return null;
}

function parseWorkflowRun(payload: JsonObject, action: string): ParsedEvent {
  const run = requireObject(get(payload, "workflow_run"), "workflow_run");
  const repository = repositoryName(getObject(payload, "repository"));
  // A pull request from a fork runs here with the fork's branch name, which can
  // be "main": recording it would let an outside commit pass as a build of main.
  const headRepository = repositoryName(getObject(run, "head_repository"));
  if (headRepository && repository && headRepository !== repository) {
    return ignored("workflow run of a branch in another repository (fork)");
  }
  const branch = optionalText(get(run, "head_branch"));
  if (!branch) return ignored("workflow run has no head branch");

  // A re-run keeps the run id and bumps run_attempt: the same build, a new
  // attempt (see BuildEvent.attempt). created_at stays the first attempt's, so a
  // re-run of an old commit does not become "newer" than later commits.
  return buildEvent({
    provider: "github",
    externalId: requireId(get(run, "id"), "workflow_run.id"),
    attempt: Math.max(1, optionalInteger(get(run, "run_attempt")) ?? 1),
    // The run's own name can be empty in real payloads; the workflow's is not.
    workflow: optionalText(get(getObject(payload, "workflow"), "name")) ?? optionalText(get(run, "name")),
    number: optionalInteger(get(run, "run_number")),
    commitSha: requireString(get(run, "head_sha"), "workflow_run.head_sha").toLowerCase(),
    ...commitFields(getObject(run, "head_commit")),
    branch: requireString(branch, "workflow_run.head_branch"),
    url: httpUrl(get(run, "html_url")),
    state: state(run, action, "workflow_run"),
    createdAt: requireDate(get(run, "created_at"), "workflow_run.created_at"),
    startedAt: optionalDate(get(run, "run_started_at")),
    finishedAt: optionalDate(get(run, "updated_at")),
    repository,
    pullRequest: pullRequest(get(run, "pull_requests"), getObject(payload, "repository")),
  });
}

/**
 * The run's pull request: GitHub lists the open ones whose head is this commit
 * (the API URL only; the web page is the repository's /pull/N).
 */
function pullRequest(pullRequests: unknown, repo: JsonObject | null): PullRequest | null {
  const first: unknown = Array.isArray(pullRequests) ? pullRequests[0] : undefined;
  const number = pullRequestNumber(get(isObject(first) ? first : null, "number"));
  if (number === null) return null;
  const repoUrl = httpUrl(get(repo, "html_url"));
  return { number, url: repoUrl ? `${repoUrl.replace(/\/$/, "")}/pull/${number}` : null };
}

const repoId = (pr: unknown, side: "head" | "base") => get(getObject(getObject(isObject(pr) ? pr : null, side), "repo"), "id");

/** A pull request whose head lives in another repository than its base: a fork's. */
function fromFork(pullRequests: unknown): boolean {
  if (!Array.isArray(pullRequests)) return false;
  return pullRequests.some((pr) => repoId(pr, "head") !== undefined && repoId(pr, "base") !== undefined && repoId(pr, "head") !== repoId(pr, "base"));
}

function parseCheckSuite(payload: JsonObject, action: string): ParsedEvent {
  const suite = requireObject(get(payload, "check_suite"), "check_suite");
  const branch = optionalText(get(suite, "head_branch"));
  if (!branch) return ignored("check suite has no head branch");
  // A suite names no head repository; its pull requests do (GitHub lists a fork's only to the fork).
  if (fromFork(get(suite, "pull_requests"))) return ignored("check suite of a pull request from another repository (fork)");
  const repo = getObject(payload, "repository");
  const id = requireId(get(suite, "id"), "check_suite.id");
  const sha = requireString(get(suite, "head_sha"), "check_suite.head_sha").toLowerCase();
  // Check suites have no web page of their own; the commit's checks tab shows them.
  const repoUrl = httpUrl(get(repo, "html_url"));
  return buildEvent({
    provider: "github",
    // Prefixed: a suite id and a workflow run id live in the same id space of one pipeline.
    externalId: `check_suite:${id}`,
    attempt: 1,
    workflow: optionalText(get(getObject(suite, "app"), "name")),
    number: null,
    commitSha: sha,
    ...commitFields(getObject(suite, "head_commit")),
    branch: requireString(branch, "check_suite.head_branch"),
    url: repoUrl ? `${repoUrl.replace(/\/$/, "")}/commit/${encodeURIComponent(sha)}/checks?check_suite_id=${encodeURIComponent(id)}` : null,
    state: state(suite, action, "check_suite"),
    createdAt: requireDate(get(suite, "created_at"), "check_suite.created_at"),
    startedAt: null, // check_suite payloads carry no start time
    finishedAt: optionalDate(get(suite, "updated_at")),
    repository: repositoryName(repo),
    pullRequest: pullRequest(get(suite, "pull_requests"), repo),
  });
}

export function parse(headers: Headers, body: unknown): ParsedEvent {
  const event = headers.get("x-github-event");
  if (!event) fail("X-GitHub-Event", "header is required");
  if (event === "ping") return { kind: "ping", repository: repositoryName(getObject(isObject(body) ? body : null, "repository")) };
  if (event !== "workflow_run" && event !== "check_suite") {
    return ignored(`GitHub event "${event.slice(0, 60)}" is not recorded`);
  }
  const payload = requireObject(body, "body");
  const action = optionalText(get(payload, "action")) ?? "";
  return event === "workflow_run" ? parseWorkflowRun(payload, action) : parseCheckSuite(payload, action);
}
