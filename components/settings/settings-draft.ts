// The whole settings form's state and the PATCH /api/pipelines/:slug body it
// sends: only the fields that differ from what is stored, the target, windows
// and upstream whole (SPEC). The server checks every value.
import { sameJson } from "@/lib/json";
import type { PipelineSettings, WindowSetting } from "@/lib/views/pipeline-settings";
import { linesOf, numberOrText, textOf, withoutUnset } from "./draft-values";
import type { ServerProblem } from "./field-errors";
import { draftOf, targetOf, type TargetDraft } from "./target-draft";

/** `slug` "" means no upstream. */
export type UpstreamDraft = { slug: string; bakeMinutes: string };

export type SettingsDraft = {
  name: string;
  repository: string;
  branch: string;
  environment: string;
  autoDeploy: boolean;
  autoRollback: boolean;
  batchPercent: string;
  /** One workflow name per line. */
  ciWorkflows: string;
  target: TargetDraft;
  windows: WindowSetting[];
  upstream: UpstreamDraft;
  /** A new secret to set; "" keeps the current one (write-only: never shown). */
  webhookSecret: string;
};

export function settingsDraftOf(stored: PipelineSettings): SettingsDraft {
  return {
    name: stored.name,
    repository: stored.repository,
    branch: stored.branch,
    environment: stored.environment,
    autoDeploy: stored.autoDeploy,
    autoRollback: stored.autoRollback,
    batchPercent: textOf(stored.batchPercent),
    ciWorkflows: stored.ciWorkflows.join("\n"),
    target: draftOf(stored.target),
    windows: stored.windows,
    upstream: { slug: stored.upstream?.slug ?? "", bakeMinutes: textOf(stored.upstream?.bakeMinutes ?? 0) },
    webhookSecret: "",
  };
}

/** The PATCH body (only what changed), or why it cannot be sent. */
export function changesOf(stored: PipelineSettings, draft: SettingsDraft): { body: Record<string, unknown> } | { problem: ServerProblem } {
  const target = targetOf(draft.target);
  if ("invalidJson" in target) return { problem: { message: target.invalidJson, field: "target" } };
  const next: Record<string, unknown> = {
    name: draft.name,
    repository: draft.repository,
    branch: draft.branch,
    environment: draft.environment,
    autoDeploy: draft.autoDeploy,
    autoRollback: draft.autoRollback,
    batchPercent: numberOrText(draft.batchPercent) ?? null,
    ciWorkflows: linesOf(draft.ciWorkflows),
    target: target.target,
    windows: draft.windows,
    upstream: draft.upstream.slug === "" ? null : withoutUnset({ slug: draft.upstream.slug, bakeMinutes: numberOrText(draft.upstream.bakeMinutes) }),
  };
  const before = stored as Record<string, unknown>;
  const body = Object.fromEntries(Object.entries(next).filter(([key, value]) => !sameJson(value, before[key])));
  if (draft.webhookSecret !== "") body.webhookSecret = draft.webhookSecret;
  if (Object.keys(body).length === 0) return { problem: { message: "Nothing changed: there is nothing to save." } };
  return { body };
}
