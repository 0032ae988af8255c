// What the pipeline settings page edits (admins only): the fields PATCH
// /api/pipelines/:slug takes, as stored, and the choices its inputs offer.
import { targetSchema } from "../engine";
import { WEEKDAYS } from "../engine/decide/windows";
import { db } from "../db";
import { findPipeline } from "./find-pipeline";

export type WindowSetting = { days: string[]; from: string; to: string; timeZone: string };
export type UpstreamSetting = { slug: string; bakeMinutes: number };

/**
 * A stored target with the defaults the engine applies filled in (checks,
 * timeouts), so the form shows what runs; fields the schema does not know
 * are kept, so saving the form never drops them.
 */
export function effectiveTarget(target: unknown): unknown {
  const parsed = targetSchema.safeParse(target);
  return parsed.success ? { ...(target as object), ...parsed.data } : target;
}

/** Every IANA zone this server knows (what the server's check accepts), plus UTC and any zone already in use. */
function timeZoneChoices(inUse: string[]): string[] {
  return [...new Set(["UTC", ...Intl.supportedValuesOf("timeZone"), ...inUse])].sort();
}

export async function getPipelineSettings(slug: string) {
  const pipeline = await findPipeline(slug);
  const others = await db.pipeline.findMany({ where: { slug: { not: slug } }, select: { slug: true }, orderBy: { slug: "asc" } });
  const { name, repository, branch, environment, autoDeploy, autoRollback, batchPercent, ciWorkflows } = pipeline;
  const windows = pipeline.windows as WindowSetting[];
  return {
    settings: {
      name, repository, branch, environment, autoDeploy, autoRollback, batchPercent, ciWorkflows,
      target: effectiveTarget(pipeline.target),
      windows,
      upstream: pipeline.upstream as UpstreamSetting | null,
    },
    /** Write-only (SPEC "Targets"): whether it is set, never what it is. */
    webhookSecretSet: pipeline.webhookSecret !== null,
    choices: { weekdays: [...WEEKDAYS], timeZones: timeZoneChoices(windows.map((window) => window.timeZone)), upstreams: others.map((other) => other.slug) },
  };
}

export type PipelineSettingsView = Awaited<ReturnType<typeof getPipelineSettings>>;
export type PipelineSettings = PipelineSettingsView["settings"];
export type SettingsChoices = PipelineSettingsView["choices"];
