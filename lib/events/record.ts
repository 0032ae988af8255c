// The events outbox: an event row written in the engine's transaction, and a
// wake-up for each notification that wants it, committed with the change or
// not at all. Nothing is sent from inside the transaction.
import type { Tx } from "../engine/store/transaction";
import { enqueue } from "../jobs/enqueue";
import { deliverNotification, deliveryQueue } from "../notifications/deliver";
import type { EventType } from "./types";

export type NewEvent = {
  pipelineId: number;
  type: EventType;
  at: Date;
  releaseId?: number | null;
  actor?: string | null;
  reason?: string | null;
  /** An event that happens once, whoever notices it: a second one with the same key is not recorded (a unique index says so). */
  key?: string;
};

/** Records the event and wakes its notifications; false when an event with its key exists already. */
export async function recordEvent(tx: Tx, event: NewEvent): Promise<boolean> {
  const { count } = await tx.event.createMany({ data: [event], skipDuplicates: event.key !== undefined });
  if (count === 0) return false;
  const wanting = await tx.notification.findMany({ where: { pipelineId: event.pipelineId, events: { has: event.type } }, select: { id: true } });
  for (const { id } of wanting) {
    // One queue and one waiting job per notification: a wake-up never cuts a retry's backoff short.
    await enqueue(tx, deliverNotification, { notificationId: id }, { queue: deliveryQueue(id), key: deliveryQueue(id), keyMode: "preserve_run_at" });
  }
  return true;
}
