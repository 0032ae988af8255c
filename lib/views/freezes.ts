import { db } from "../db";
import type { Freeze } from "../generated/prisma/client";
import { findPipeline } from "./find-pipeline";

export function freezeShape(freeze: Freeze) {
  const { id, from, to, reason, by, createdAt } = freeze;
  return { id, from: from.toISOString(), to: to.toISOString(), reason, by, createdAt: createdAt.toISOString() };
}
export type FreezeView = ReturnType<typeof freezeShape>;

/** The freeze calendar: freezes on now or still to come, soonest first (ended ones are in the audit log). */
export async function listFreezes(slug: string, now: Date = new Date()) {
  const pipeline = await findPipeline(slug);
  const freezes = await db.freeze.findMany({ where: { pipelineId: pipeline.id, to: { gt: now } }, orderBy: [{ from: "asc" }, { id: "asc" }] });
  return { items: freezes.map(freezeShape), nextCursor: null };
}
