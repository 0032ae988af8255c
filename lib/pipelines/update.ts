// PATCH /api/pipelines/:slug (SPEC): any field given at creation but the slug,
// each optional; a target is sent whole. Audited `pipeline.update` with the
// names of what changed (values only for plain settings: never a secret,
// command or URL).
import { z } from "zod";
import { db } from "../db";
import type { Identity } from "../auth/roles";
import { badRequest, notFound } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { sameJson } from "../json";
import { checkUpstream, createPipelineInput, hostNamesOf } from "./create";

const updatePipelineInput = createPipelineInput.omit({ slug: true }).partial().strict();
type Update = z.infer<typeof updatePipelineInput>;

/** Settings whose old and new values the audit may show. */
const PLAIN = new Set(["name", "repository", "branch", "environment", "autoDeploy", "autoRollback", "batchPercent", "ciWorkflows", "windows", "upstream"]);

/** Only the fields the request gave: `.partial()` would fill the others with their creation defaults. */
function givenFields(raw: Record<string, unknown>): Update {
  const parsed = updatePipelineInput.parse(raw);
  const given = Object.fromEntries(Object.entries(parsed).filter(([key]) => Object.hasOwn(raw, key))) as Update;
  if (Object.keys(given).length === 0) throw badRequest("send at least one field to change");
  return given;
}

export async function updatePipeline(slug: string, raw: Record<string, unknown>, by: Identity): Promise<void> {
  const update = givenFields(raw);
  if (update.repository !== undefined) update.repository = update.repository.toLowerCase();
  await db.$transaction(async (tx) => {
    // The engine's row lock: no tick or action sees half of the change.
    const [row] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Pipeline" WHERE slug = ${slug} FOR NO KEY UPDATE`;
    if (!row) throw notFound(`pipeline "${slug}" does not exist`);
    const before = await tx.pipeline.findUniqueOrThrow({ where: { id: row.id } });
    // jsonb keeps keys in its own order: a target sent back unchanged is no change.
    const changed = (Object.keys(update) as (keyof Update)[]).filter((key) => !sameJson(before[key], update[key]));
    if (changed.length === 0) return;
    if (update.upstream !== undefined) await checkUpstream(tx, slug, update.upstream);
    // A Json? column is cleared with DbNull, not null.
    const data = update.upstream === null ? { ...update, upstream: Prisma.DbNull } : update;
    await tx.pipeline.update({ where: { id: row.id }, data: data as Prisma.PipelineUpdateInput, select: { id: true } });
    if (changed.includes("target") && update.target!.kind !== "agents") {
      const names = hostNamesOf(slug, update.target!);
      await tx.host.deleteMany({ where: { pipelineId: row.id, name: { notIn: names } } });
      await tx.host.createMany({ data: names.map((name) => ({ pipelineId: row.id, name })), skipDuplicates: true });
    }
    const values = Object.fromEntries(
      changed.filter((key) => PLAIN.has(key)).map((key) => [key, { from: before[key], to: update[key] }]),
    );
    await tx.auditEvent.create({
      data: {
        actor: by.actor, action: "pipeline.update", pipelineId: row.id, outcome: `changed ${changed.join(", ")}`,
        detail: { changed, ...values, ...(changed.includes("target") ? { targetKind: update.target!.kind } : {}) } as Prisma.InputJsonValue,
      },
    });
  });
}
