// Delivery of a pipeline's events to one notification: in event order, one at a
// time (one job queue per notification), at least once (the cursor moves only
// after a 2xx), retried with exponential backoff; an event still failing 24 h
// after it happened is given up on, so a dead receiver never blocks the rest.
import { z } from "zod";
import { loadConfig } from "../config";
import { db } from "../db";
import type { Event, Notification } from "../generated/prisma/client";
import { enqueue } from "../jobs/enqueue";
import { defineJob } from "../jobs/job";
import { webhookSecretOf } from "../pipelines/secret";
import { signShipboard } from "../webhooks/shipboard-signature";
import { eventPayload } from "./payload";
import { postJson, type PostResult } from "./post";
import { mentionsFor, slackMessage } from "./slack";

/** Retries stop for an event this old. */
export const GIVE_UP_AFTER_MS = 24 * 3600_000;
/** Backoff between attempts: 1 s doubling, at most 5 min (so a receiver back up hears within 5 min). */
export const backoffMs = (attempts: number) => Math.min(300_000, 1_000 * 2 ** Math.max(0, attempts - 1));
/** Events sent per job run before it hands over to a fresh job (other queues get their turn). */
const BATCH = 100;

export const deliveryQueue = (notificationId: number) => `notify:${notificationId}`;

async function send(notification: Notification, event: Event): Promise<PostResult> {
  const payload = await eventPayload(event);
  if (notification.kind === "slack") {
    const mentions = await mentionsFor(event.pipelineId, payload, loadConfig().slackUsers);
    return postJson(notification.url, JSON.stringify(slackMessage(payload, mentions)), {});
  }
  const pipeline = await db.pipeline.findUniqueOrThrow({ where: { id: event.pipelineId } });
  const body = JSON.stringify(payload);
  const secret = webhookSecretOf(pipeline);
  return postJson(notification.url, body, secret ? signShipboard(secret, body) : {});
}

const nextEvent = (n: Notification) =>
  db.event.findFirst({ where: { pipelineId: n.pipelineId, id: { gt: n.cursor }, type: { in: n.events } }, orderBy: { id: "asc" } });

/** Delivers what is due; schedules its own retry after a failure. */
export async function deliverDue(notificationId: number, now: () => Date = () => new Date()): Promise<void> {
  for (let sent = 0; sent < BATCH; sent++) {
    const notification = await db.notification.findUnique({ where: { id: notificationId } });
    if (!notification) return; // deleted
    const event = await nextEvent(notification);
    if (!event) return;
    const attempt = notification.attempts + 1;
    const result = await send(notification, event);
    const at = now();
    const expired = !result.ok && at.getTime() - event.at.getTime() >= GIVE_UP_AFTER_MS;
    await db.$transaction([
      db.notificationDelivery.create({
        data: {
          notificationId, eventId: event.id, at, attempt, httpStatus: result.status,
          status: result.ok ? "delivered" : expired ? "abandoned" : "failed", error: result.ok ? null : result.error.slice(0, 1000),
        },
      }),
      db.notification.update({
        where: { id: notificationId },
        data: result.ok || expired ? { cursor: event.id, attempts: 0 } : { attempts: attempt },
      }),
    ]);
    if (!result.ok && !expired) {
      await enqueue(db, deliverNotification, { notificationId }, { queue: deliveryQueue(notificationId), key: deliveryQueue(notificationId), runAt: new Date(at.getTime() + backoffMs(attempt)) });
      return;
    }
  }
  await enqueue(db, deliverNotification, { notificationId }, { queue: deliveryQueue(notificationId), key: deliveryQueue(notificationId), keyMode: "preserve_run_at" });
}

export const deliverNotification = defineJob("notification.deliver", z.object({ notificationId: z.number().int().positive() }), ({ notificationId }) =>
  deliverDue(notificationId),
);
