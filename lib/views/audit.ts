import { z } from "zod";
import { hasRole, type Identity } from "../auth/roles";
import { db } from "../db";
import { pageArgs, pageQuery, toPage } from "./page";
import { auditShape } from "./shapes";

export const auditQuery = pageQuery.extend({
  pipeline: z.string().max(64).optional(),
  actor: z.string().max(200).optional(),
  action: z.string().max(64).optional(),
});

// Failed sign-ins name the emails people typed: admins only (SPEC "Trust").
const ADMIN_ONLY_ACTIONS = ["signin.failed"];

export async function listAudit(query: z.infer<typeof auditQuery>, viewer: Identity) {
  const args = pageArgs(query);
  const hidden = hasRole(viewer, "admin") ? [] : ADMIN_ONLY_ACTIONS;
  const rows = await db.auditEvent.findMany({
    ...args,
    where: {
      ...args.where,
      ...(query.pipeline ? { pipeline: { slug: query.pipeline } } : {}),
      ...(query.actor ? { actor: query.actor } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(hidden.length ? { NOT: { action: { in: hidden } } } : {}),
    },
    include: { pipeline: { select: { slug: true } } },
  });
  return toPage(rows, query, auditShape);
}
