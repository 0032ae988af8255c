export type Provider = "buildkite" | "github" | "gitlab" | "generic";

export type BuildState = "scheduled" | "running" | "passed" | "failed" | "canceled";

export const BUILD_STATES = ["scheduled", "running", "passed", "failed", "canceled"] as const satisfies readonly BuildState[];

/** One CI run of one commit, as a provider reported it; the route handler upserts it. */
export interface BuildEvent {
  provider: Provider;
  /** The provider's id of the CI run, stable across redeliveries and re-runs. */
  externalId: string;
  /**
   * GitHub's run_attempt (1 elsewhere): a re-run keeps the run id with a higher
   * attempt, and a higher attempt may move a finished build (SPEC "Build states").
   */
  attempt: number;
  /** What ran: GitHub workflow (check suite: its app), GitLab or Buildkite pipeline name; ciWorkflows filters on it. */
  workflow: string | null;
  /** The provider's build/run number. */
  number: number | null;
  commitSha: string;
  message: string | null;
  author: string | null;
  branch: string;
  /** Web URL of the build; only http(s), so it is safe to render as a link. */
  url: string | null;
  state: BuildState;
  /** When CI created the run; "newer" means a later createdAt. */
  createdAt: Date;
  startedAt: Date | null;
  /** Set only for finished states. */
  finishedAt: Date | null;
  /** The commit's own timestamp where the provider gives it (lead time needs it). */
  committedAt: Date | null;
  /** Normalized "owner/name" (see normalizeRepository), null if absent. */
  repository: string | null;
  /** The pull (GitLab: merge) request the run built, where the payload names one. */
  pullRequest: PullRequest | null;
}

/** `url` is its web page (http(s) only), null where the payload gives no way to it. */
export interface PullRequest {
  number: number;
  url: string | null;
}

export type ParsedEvent =
  | { kind: "build"; event: BuildEvent }
  /** `repository` (where the provider names one) lets a pipeline's own secret check a ping. */
  | { kind: "ping"; repository?: string | null }
  | { kind: "ignored"; reason: string };

export type Verification = { ok: true } | { ok: false; reason: string };

/** A bad or malformed payload: the caller answers 400 with this message. */
export class WebhookPayloadError extends Error {
  field?: string;

  constructor(message: string, field?: string) {
    super(message);
    this.name = "WebhookPayloadError";
    if (field !== undefined) this.field = field;
  }
}

export interface WebhookProvider {
  /** The header carrying the provider's delivery id, by which deliveries are deduped (none: Buildkite). */
  deliveryHeader: string | null;
  verify(headers: Headers, rawBody: string, secret: string, now?: Date): Verification;
  /** `now` is only a fallback for a createdAt the payload does not give (generic). */
  parse(headers: Headers, body: unknown, now?: Date): ParsedEvent;
}
