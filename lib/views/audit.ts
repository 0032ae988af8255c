import { z } from "zod";
import { hasRole, type Identity } from "../auth/roles";
import { db } from "../db";
import { badRequest } from "../errors";
import { isRowId, pageQuery } from "./page";
import { auditShape } from "./shapes";

export const auditQuery = pageQuery.extend({
  pipeline: z.string().max(64).optional(),
  /** Part of the actor's name or email, any case. */
  actor: z.string().max(200).optional(),
  action: z.string().max(64).optional(),
  /** Events at or after / before this instant (ISO 8601): the page's date presets send the viewer's local day bounds. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

// Audit pages by time, not insert order (events from several processes arrive out of order): the cursor is the last event's (at, id).
const encodeCursor = (at: Date, id: number) => Buffer.from(`${at.toISOString()}_${id}`).toString("base64url");

function decodeCursor(cursor: string): { at: Date; id: number } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("_");
  const date = new Date(at ?? "");
  const number = Number(id);
  if (Number.isNaN(date.getTime()) || !isRowId(number)) throw badRequest("cursor is not one this API gave out", "cursor");
  return { at: date, id: number };
}

/** Audit events newest first by time; each names its release by kind and number ("Rollback #2097"). */
// Failed sign-ins name the emails people typed: admins only (SPEC "Trust").
const ADMIN_ONLY_ACTIONS = ["signin.failed"];

export async function listAudit(query: z.infer<typeof auditQuery>, viewer: Identity) {
  const hidden = hasRole(viewer, "admin") ? [] : ADMIN_ONLY_ACTIONS;
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db.auditEvent.findMany({
    where: {
      ...(after ? { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] } : {}),
      ...(query.pipeline ? { pipeline: { slug: query.pipeline } } : {}),
      ...(query.actor ? { actor: { contains: query.actor, mode: "insensitive" as const } } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(hidden.length ? { NOT: { action: { in: hidden } } } : {}),
      ...(query.from || query.to ? { at: { ...(query.from ? { gte: new Date(query.from) } : {}), ...(query.to ? { lt: new Date(query.to) } : {}) } } : {}),
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: { pipeline: { select: { slug: true } }, release: { select: { id: true, kind: true, number: true } } },
  });
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => ({ ...auditShape(row), release: row.release })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.at, last.id) : null,
  };
}
