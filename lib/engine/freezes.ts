// Freezes: set and lifted by deployers, each audited in the transaction of the change.
import { notFound } from "../errors";
import { decideFreeze } from "./decide/freezes";
import { inTransaction, lockPipelineRow, onLockedPipeline } from "./store/transaction";
import { audit } from "./store/write";

/** A freeze from `from` to `to`; 400 on a bad reason or an end not after the start and still to come. */
export async function addFreeze(slug: string, actor: string, input: { from: Date; to: Date; reason: unknown }) {
  return onLockedPipeline(slug, async (tx, pipeline, now) => {
    const valid = decideFreeze(input, now);
    const freeze = await tx.freeze.create({ data: { ...valid, pipelineId: pipeline.id, by: actor, createdAt: now } });
    await audit(tx, {
      at: now, actor, action: "freeze.create", pipelineId: pipeline.id, reason: valid.reason,
      outcome: `deploys frozen from ${valid.from.toISOString()} to ${valid.to.toISOString()}`,
      detail: { freezeId: freeze.id, from: valid.from.toISOString(), to: valid.to.toISOString() },
    });
    return freeze;
  });
}

/** Lifts a freeze (or removes a planned one); 404 when there is none with this id. */
export async function removeFreeze(id: number, actor: string): Promise<void> {
  await inTransaction(async (tx) => {
    const found = await tx.freeze.findUnique({ where: { id } });
    if (found === null || (await lockPipelineRow(tx, { id: found.pipelineId }, { skipLocked: false })) === null) {
      throw notFound(`freeze ${id} does not exist`);
    }
    // Deleted by someone else while this one waited for the row lock: not found, and nothing to audit.
    if ((await tx.freeze.deleteMany({ where: { id } })).count === 0) throw notFound(`freeze ${id} does not exist`);
    const { from, to, reason } = found;
    await audit(tx, {
      at: new Date(), actor, action: "freeze.delete", pipelineId: found.pipelineId, reason,
      outcome: "freeze removed", detail: { freezeId: id, from: from.toISOString(), to: to.toISOString() },
    });
  });
}
