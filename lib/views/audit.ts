import { z } from "zod";
import { db } from "../db";
import { pageArgs, pageQuery, toPage } from "./page";
import { auditShape } from "./shapes";

export const auditQuery = pageQuery.extend({
  pipeline: z.string().max(64).optional(),
  actor: z.string().max(200).optional(),
  action: z.string().max(64).optional(),
});

export async function listAudit(query: z.infer<typeof auditQuery>) {
  const args = pageArgs(query);
  const rows = await db.auditEvent.findMany({
    ...args,
    where: {
      ...args.where,
      ...(query.pipeline ? { pipeline: { slug: query.pipeline } } : {}),
      ...(query.actor ? { actor: query.actor } : {}),
      ...(query.action ? { action: query.action } : {}),
    },
    include: { pipeline: { select: { slug: true } } },
  });
  return toPage(rows, query, auditShape);
}
