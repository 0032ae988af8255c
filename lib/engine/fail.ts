import { conflict, notFound } from "../errors";
import { db } from "../db";
import { requireReason } from "./decide/reason";
import { endRelease } from "./store/lifecycle";
import { loadActiveRelease, loadRelease } from "./store/load";
import { onLockedPipeline } from "./store/transaction";
import { audit } from "./store/write";

/**
 * "Mark failed" (SPEC "Targets", POST /api/releases/:id/fail): a pending,
 * running or stuck release fails now, from any web node, with or without a
 * worker. Its step runs get their stop reason; a worker kills their processes
 * as soon as one runs again. The pipeline is free for the next release.
 */
export async function failRelease(releaseId: number, actor: string, reason: string): Promise<void> {
  const given = requireReason(reason);
  const found = await loadRelease(db, releaseId);
  if (found === null) throw notFound(`release ${releaseId} does not exist`);
  const { slug } = await db.pipeline.findUniqueOrThrow({ where: { id: found.pipelineId }, select: { slug: true } });
  await onLockedPipeline(slug, async (tx, pipeline, now) => {
    const active = await loadActiveRelease(tx, pipeline.id);
    if (active?.id !== releaseId) throw conflict(`release #${found.number} is not pending or running; there is nothing to fail`);
    await endRelease(tx, releaseId, "failed", `marked failed by ${actor}: ${given}`, now);
    await audit(tx, {
      at: now, actor, action: "release.fail", pipelineId: pipeline.id, releaseId, reason: given,
      outcome: `release #${active.number} marked failed`,
    });
  });
}
