import { audit } from "../audit/write";
import { z } from "zod";
import { db } from "../db";
import type { Identity } from "../auth/roles";
import { badRequest, conflict } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { targetSchema, upstreamSchema, windowsSchema, type TargetConfig } from "../engine";
import { isUniqueViolation } from "../api/errors";
import { outboundUrlProblem } from "../net/outbound-url";
import { simulatedHostNames } from "./hosts";

/** A webhook target's URL and metric checks' URLs may not point into the server's own network (checked again at request time). */
const pipelineTarget = targetSchema.superRefine((target, context) => {
  const urls = target.metricChecks.map((check, index) => ({ url: check.url, path: ["metricChecks", index, "url"] }));
  if (target.kind === "webhook") urls.unshift({ url: target.url, path: ["url"] });
  for (const { url, path } of urls) {
    const problem = outboundUrlProblem(url);
    if (problem) context.addIssue({ code: "custom", path, message: `refused: ${problem}` });
  }
});

/** SPEC "Creating a pipeline": required slug, name, repository, target; the rest defaults. */
export const createPipelineInput = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,64}$/, "use 1–64 lower-case letters, digits and dashes"),
  name: z.string().trim().min(1).max(200),
  repository: z.string().trim().regex(/^[\w.-]+(\/[\w.-]+)+$/, "use owner/name"),
  branch: z.string().trim().min(1).max(255).default("main"),
  environment: z.string().trim().min(1).max(64).default("production"),
  autoDeploy: z.boolean().default(true),
  autoRollback: z.boolean().default(false),
  batchPercent: z.number().int().min(1).max(100).default(25),
  /** Record only these CI workflows (GitHub workflow names, GitLab/Buildkite pipeline names); empty: all. */
  ciWorkflows: z
    .array(z.string().trim().min(1).max(200))
    .max(50)
    .default([])
    .transform((names) => [...new Set(names)]),
  /** Signs this pipeline's webhooks (SPEC "Trust"); write-only: never in any answer. Unset: SHIPBOARD_WEBHOOK_SECRET. */
  webhookSecret: z.string().min(16, "use at least 16 characters").max(512).regex(/^[\x21-\x7e]+$/, "use printable ASCII without spaces").optional(),
  windows: windowsSchema.default([]),
  upstream: upstreamSchema.nullable().default(null),
  target: pipelineTarget,
});
export type CreatePipelineInput = z.infer<typeof createPipelineInput>;

/** The host rows a target brings: a simulated fleet's, or the hosts a command or webhook target names; agents register themselves. */
export function hostNamesOf(slug: string, target: TargetConfig): string[] {
  if (target.kind === "simulated") return simulatedHostNames(slug, target.hosts);
  if (target.kind === "command" || target.kind === "webhook") return target.hosts;
  return [];
}

/**
 * An upstream must be another existing pipeline, and following upstreams from
 * it must not come back to `slug` (a chain, never a loop). For create and PATCH.
 */
export async function checkUpstream(tx: Pick<Prisma.TransactionClient, "pipeline">, slug: string, upstream: { slug: string } | null): Promise<void> {
  if (upstream === null) return;
  const field = "upstream.slug";
  if (upstream.slug === slug) throw badRequest("a pipeline cannot be its own upstream", field);
  let next: string | null = upstream.slug;
  for (let hops = 0; next !== null && hops <= 100; hops++) {
    const found: { upstream: Prisma.JsonValue } | null = await tx.pipeline.findUnique({ where: { slug: next }, select: { upstream: true } });
    if (found === null) {
      if (hops === 0) throw badRequest(`upstream pipeline "${upstream.slug}" does not exist`, field);
      return;
    }
    next = (found.upstream as { slug: string } | null)?.slug ?? null;
    if (next === slug) throw badRequest(`"${upstream.slug}" is downstream of ${slug}: the chain would loop`, field);
  }
}

export async function createPipeline(input: CreatePipelineInput, by: Identity) {
  try {
    return await db.$transaction(async (tx) => {
      await checkUpstream(tx, input.slug, input.upstream);
      const pipeline = await tx.pipeline.create({
        data: { ...input, repository: input.repository.toLowerCase(), target: input.target, upstream: input.upstream ?? Prisma.DbNull },
      });
      const hosts = hostNamesOf(pipeline.slug, input.target);
      if (hosts.length > 0) await tx.host.createMany({ data: hosts.map((name) => ({ pipelineId: pipeline.id, name })) });
      await audit(tx, { actor: by.actor, action: "pipeline.create", pipelineId: pipeline.id, outcome: "ok", detail: { target: input.target.kind } });
      return pipeline;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`a pipeline with slug "${input.slug}" already exists`);
    throw error;
  }
}
