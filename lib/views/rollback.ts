import { db } from "../db";
import { previewRollback } from "../engine";
import { blockerShape, releaseSummaryShape } from "./shapes";

/** GET /api/pipelines/:slug/rollback: the engine's own rule-5 decision, as the Releases it names, and the share of hosts per batch it would use. */
export async function getRollbackPreview(slug: string) {
  const { fromId, targetId, batchPercent, guardrails } = await previewRollback(slug);
  const releases = await db.release.findMany({ where: { id: { in: [fromId, targetId] } }, include: { build: true, steps: true } });
  const shape = (id: number) => releaseSummaryShape(releases.find((release) => release.id === id)!);
  // What it goes past (a freeze, outside the windows): the dialog shows it and asks why.
  return { from: shape(fromId), target: shape(targetId), batchPercent, guardrails: guardrails.map(blockerShape) };
}
export type RollbackPreview = Awaited<ReturnType<typeof getRollbackPreview>>;
