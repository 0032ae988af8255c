import { z } from "zod";
import { db } from "../db";
import type { Identity } from "../auth/roles";
import { badRequest, conflict } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { targetSchema, upstreamSchema, windowsSchema } from "../engine";
import { isUniqueViolation } from "../api/errors";
import { simulatedHostNames } from "./hosts";

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
  windows: windowsSchema.default([]),
  upstream: upstreamSchema.nullable().default(null),
  target: targetSchema,
});
export type CreatePipelineInput = z.infer<typeof createPipelineInput>;

export async function createPipeline(input: CreatePipelineInput, by: Identity) {
  try {
    return await db.$transaction(async (tx) => {
      if (input.upstream && (input.upstream.slug === input.slug || !(await tx.pipeline.findUnique({ where: { slug: input.upstream.slug } })))) {
        throw badRequest(`upstream pipeline "${input.upstream.slug}" does not exist`, "upstream.slug");
      }
      const pipeline = await tx.pipeline.create({
        data: { ...input, repository: input.repository.toLowerCase(), target: input.target, upstream: input.upstream ?? Prisma.DbNull },
      });
      if (input.target.kind === "simulated") {
        await tx.host.createMany({
          data: simulatedHostNames(pipeline.slug, input.target.hosts).map((name) => ({ pipelineId: pipeline.id, name })),
        });
      }
      await tx.auditEvent.create({
        data: { actor: by.actor, action: "pipeline.create", pipelineId: pipeline.id, outcome: "ok", detail: { target: input.target.kind } },
      });
      return pipeline;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`a pipeline with slug "${input.slug}" already exists`);
    throw error;
  }
}
