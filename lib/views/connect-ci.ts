// What an admin needs to point CI at a pipeline ("Connect CI" panel): the
// webhook URL per provider, whose secret signs them (never its value) and the
// last deliveries with their outcome.
import { recentDeliveries } from "../builds/deliveries";
import { webhookSecretOf } from "../pipelines/secret";
import { findPipeline } from "./find-pipeline";

export type SecretState = "pipeline" | "server" | "none";

/** Each provider's events and how it proves itself, as its settings page names them. */
const PROVIDERS = [
  { provider: "github", events: "Workflow runs (and Check suites); either content type", signature: "Secret (X-Hub-Signature-256)" },
  { provider: "gitlab", events: "Pipeline events", signature: "Secret token (X-Gitlab-Token)" },
  { provider: "buildkite", events: "build.scheduled, build.running, build.finished", signature: "Signature (X-Buildkite-Signature) or token" },
  { provider: "generic", events: "a Build JSON with repository", signature: "X-Shipboard-Signature: sha256=HMAC" },
] as const;

export async function connectCi(slug: string, origin: string) {
  const pipeline = await findPipeline(slug);
  const secret: SecretState = pipeline.webhookSecret ? "pipeline" : webhookSecretOf(pipeline) ? "server" : "none";
  const base = origin.replace(/\/+$/, "");
  return {
    repository: pipeline.repository,
    branch: pipeline.branch,
    ciWorkflows: pipeline.ciWorkflows,
    secret,
    webhooks: PROVIDERS.map((p) => ({ ...p, url: `${base}/api/webhooks/${p.provider}?pipeline=${encodeURIComponent(pipeline.slug)}` })),
    deliveries: await recentDeliveries(pipeline.id),
  };
}

export type ConnectCi = Awaited<ReturnType<typeof connectCi>>;

/** The origin CI reaches Shipboard at: NEXTAUTH_URL when set, else the one the request came in on. */
export function publicOrigin(requestOrigin: string): string {
  return process.env.NEXTAUTH_URL || requestOrigin;
}
