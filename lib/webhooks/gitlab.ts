// GitLab pipeline events: https://docs.gitlab.com/user/project/integrations/webhook_events/#pipeline-events
// Secret token: https://docs.gitlab.com/user/project/integrations/webhooks/ (secret token)
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
  optionalSeconds,
  optionalText,
  pullRequestNumber,
  requireDate,
  requireId,
  requireObject,
  requireString,
  type JsonObject,
} from "./common";
import { normalizeRepository } from "./repository";
import { verifyTokenHeader } from "./signature";
import type { BuildState, ParsedEvent, PullRequest, Verification } from "./types";

export const deliveryHeader = "Idempotency-Key";

/** GitLab sends the configured secret token as is in `X-Gitlab-Token`. */
export function verify(headers: Headers, _rawBody: string, secret: string): Verification {
  return verifyTokenHeader(headers, "X-Gitlab-Token", secret);
}

// Pipeline statuses. Decisions: manual (GitLab's own word for it is "blocked":
// a manual job must be played before the pipeline can go on) is running, like
// Buildkite's blocked; skipped is canceled (no result to deploy); canceling is
// canceled, since nothing can make it pass any more.
const STATES: Record<string, BuildState> = {
  created: "scheduled",
  waiting_for_resource: "scheduled",
  waiting_for_callback: "scheduled",
  preparing: "scheduled",
  pending: "scheduled",
  scheduled: "scheduled",
  running: "running",
  manual: "running",
  success: "passed",
  failed: "failed",
  canceled: "canceled",
  canceling: "canceled",
  skipped: "canceled",
};

function pipelineState(attrs: JsonObject): BuildState {
  const status = requireString(get(attrs, "status"), "object_attributes.status");
  const state = lookup(STATES, status.toLowerCase());
  if (!state) fail("object_attributes.status", `has unknown value "${status.slice(0, 40)}"`);
  return state;
}

/**
 * Pipeline payloads carry no started_at. GitLab defines queued_duration as
 * started_at − created_at, so that gives it exactly; else the earliest job start;
 * else finished_at − duration (duration excludes queueing, so it is approximate).
 */
function startedAt(attrs: JsonObject, builds: unknown, createdAt: Date, finishedAt: Date | null): Date | null {
  const queued = optionalSeconds(get(attrs, "queued_duration"));
  if (queued !== null) return new Date(createdAt.getTime() + queued * 1000);
  let earliest: Date | null = null;
  for (const job of Array.isArray(builds) ? builds : []) {
    const start = isObject(job) ? optionalDate(get(job, "started_at")) : null;
    if (start && (!earliest || start < earliest)) earliest = start;
  }
  if (earliest) return earliest;
  const duration = optionalSeconds(get(attrs, "duration"));
  return finishedAt && duration !== null ? new Date(finishedAt.getTime() - duration * 1000) : null;
}

function repositoryName(project: JsonObject | null): string | null {
  for (const key of ["path_with_namespace", "git_http_url", "web_url"]) {
    const name = normalizeRepository(optionalText(get(project, key)) ?? "");
    if (name) return name;
  }
  return null;
}

/** A merge request pipeline names its MR: `iid` is the number people see (!12). */
function mergeRequest(mr: JsonObject | null): PullRequest | null {
  const number = pullRequestNumber(get(mr, "iid"));
  return number === null ? null : { number, url: httpUrl(get(mr, "url")) };
}

export function parse(headers: Headers, body: unknown): ParsedEvent {
  const payload = requireObject(body, "body");
  const header = headers.get("x-gitlab-event") ?? "";
  const kind = optionalText(get(payload, "object_kind")) ?? (header === "Pipeline Hook" ? "pipeline" : header);
  if (kind !== "pipeline") return ignored(`GitLab event "${kind.slice(0, 60)}" is not recorded`);

  // A merge request from a fork can use any branch name; its commit is not on our branch.
  const mr = getObject(payload, "merge_request");
  const source = optionalInteger(get(mr, "source_project_id"));
  const target = optionalInteger(get(mr, "target_project_id"));
  if (source !== null && target !== null && source !== target) {
    return ignored("GitLab pipeline of a merge request from another project (fork)");
  }

  const attrs = requireObject(get(payload, "object_attributes"), "object_attributes");
  const commit = getObject(payload, "commit");
  const createdAt = requireDate(get(attrs, "created_at"), "object_attributes.created_at");
  const finishedAt = optionalDate(get(attrs, "finished_at"));
  return buildEvent({
    provider: "gitlab",
    externalId: requireId(get(attrs, "id"), "object_attributes.id"),
    attempt: 1,
    // GitLab's pipeline name (workflow:name), e.g. "Pipeline for branch: main".
    workflow: optionalText(get(attrs, "name")),
    number: optionalInteger(get(attrs, "iid")),
    commitSha: requireString(get(attrs, "sha") ?? get(commit, "id"), "object_attributes.sha").toLowerCase(),
    message: optionalText(get(commit, "message")),
    author: optionalText(get(getObject(commit, "author"), "name")),
    // Tag pipelines are recorded too; their ref is the tag name.
    branch: requireString(get(attrs, "ref"), "object_attributes.ref"),
    url: httpUrl(get(attrs, "url")),
    state: pipelineState(attrs),
    createdAt,
    startedAt: startedAt(attrs, get(payload, "builds"), createdAt, finishedAt),
    finishedAt,
    committedAt: optionalDate(get(commit, "timestamp")),
    repository: repositoryName(getObject(payload, "project")),
    pullRequest: mergeRequest(mr),
  });
}
