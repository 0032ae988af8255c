// GET/POST /api/pipelines/:slug/notifications, DELETE /api/notifications/:id,
// GET /api/notifications/:id/deliveries: admins manage, viewers read; writes audited.
import { z } from "zod";
import type { Identity } from "../auth/roles";
import { db } from "../db";
import { badRequest, notFound } from "../errors";
import { EVENT_TYPES } from "../events/types";
import type { Notification, NotificationDelivery } from "../generated/prisma/client";
import { outboundUrlProblem } from "../net/outbound-url";
import { findPipeline } from "../views/find-pipeline";
import { pageArgs, toPage, type PageQuery } from "../views/page";

export const notificationInput = z.object({
  kind: z.enum(["webhook", "slack"]),
  url: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).max(2_000),
  events: z.array(z.enum(EVENT_TYPES)).min(1).max(EVENT_TYPES.length).default([...EVENT_TYPES]),
});

/** The URL without its path and query: a Slack webhook URL (and many others) is a secret. */
const maskedUrl = (url: string) => `${new URL(url).origin}/…`;

export const notificationShape = (n: Notification) => ({
  id: n.id,
  kind: n.kind,
  url: maskedUrl(n.url),
  events: n.events,
  createdBy: n.createdBy,
  createdAt: n.createdAt.toISOString(),
});

export const deliveryShape = (d: NotificationDelivery) => ({
  id: d.id,
  eventId: d.eventId,
  at: d.at.toISOString(),
  status: d.status,
  httpStatus: d.httpStatus,
  attempt: d.attempt,
  error: d.error,
});

export async function listNotifications(slug: string) {
  const pipeline = await findPipeline(slug);
  const rows = await db.notification.findMany({ where: { pipelineId: pipeline.id }, orderBy: { id: "asc" } });
  return { items: rows.map(notificationShape), nextCursor: null };
}

export async function createNotification(slug: string, input: z.infer<typeof notificationInput>, by: Identity) {
  const problem = outboundUrlProblem(input.url);
  if (problem) throw badRequest(`url ${problem}`, "url");
  const pipeline = await findPipeline(slug);
  return db.$transaction(async (tx) => {
    // Starts after the events already recorded: a new notification does not replay history.
    const last = await tx.event.findFirst({ where: { pipelineId: pipeline.id }, orderBy: { id: "desc" }, select: { id: true } });
    const created = await tx.notification.create({
      data: { pipelineId: pipeline.id, kind: input.kind, url: input.url, events: [...new Set(input.events)], createdBy: by.actor, cursor: last?.id ?? 0 },
    });
    await tx.auditEvent.create({
      data: { actor: by.actor, action: "notification.create", pipelineId: pipeline.id, outcome: `${input.kind} notification #${created.id} created`, detail: { notificationId: created.id, events: created.events } },
    });
    return notificationShape(created);
  });
}

export async function deleteNotification(id: number, by: Identity) {
  return db.$transaction(async (tx) => {
    const found = await tx.notification.findUnique({ where: { id } });
    if (!found) throw notFound(`notification ${id} does not exist`);
    await tx.notification.delete({ where: { id } });
    await tx.auditEvent.create({
      data: { actor: by.actor, action: "notification.delete", pipelineId: found.pipelineId, outcome: `${found.kind} notification #${id} deleted`, detail: { notificationId: id } },
    });
    return { ok: true };
  });
}

export async function listDeliveries(id: number, page: PageQuery) {
  if (!(await db.notification.findUnique({ where: { id }, select: { id: true } }))) throw notFound(`notification ${id} does not exist`);
  const args = pageArgs(page);
  const rows = await db.notificationDelivery.findMany({ ...args, where: { ...args.where, notificationId: id } });
  return toPage(rows, page, deliveryShape);
}
