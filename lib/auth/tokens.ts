import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "../db";
import { badRequest, notFound } from "../errors";
import type { Identity, Role } from "./roles";

/** Tokens look like `sb_<43 chars>`; only their SHA-256 is stored (a random 256-bit secret needs no slow hash). */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function generateToken(): string {
  return `sb_${randomBytes(32).toString("base64url")}`;
}

function isAdminToken(token: string): boolean {
  const admin = process.env.SHIPBOARD_ADMIN_TOKEN;
  if (!admin) return false;
  const a = Buffer.from(hashToken(token));
  const b = Buffer.from(hashToken(admin));
  return timingSafeEqual(a, b);
}

// lastUsedAt is informational: write it at most once a minute per token.
const LAST_USED_RESOLUTION_MS = 60_000;

export async function identifyToken(token: string): Promise<Identity | null> {
  if (isAdminToken(token)) return { actor: "admin-token", role: "admin" };
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { actor: `token:${row.name}`, role: row.role, tokenId: row.id };
}

/** An agent token belongs to one pipeline (SPEC "Agents"): required for agents, refused for every other role. */
async function tokenPipelineId(input: { role: Role; pipeline?: string }): Promise<number | null> {
  if (input.role !== "agent") {
    if (input.pipeline !== undefined) throw badRequest("only agent tokens belong to a pipeline", "pipeline");
    return null;
  }
  if (input.pipeline === undefined) throw badRequest("an agent token needs the pipeline its hosts belong to", "pipeline");
  const pipeline = await db.pipeline.findUnique({ where: { slug: input.pipeline }, select: { id: true } });
  if (!pipeline) throw notFound(`pipeline "${input.pipeline}" does not exist`);
  return pipeline.id;
}

export async function createApiToken(input: { name: string; role: Role; pipeline?: string }, by: Identity) {
  const token = generateToken();
  const pipelineId = await tokenPipelineId(input);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { name: input.name, role: input.role, tokenHash: hashToken(token), createdById: by.userId ?? null, pipelineId },
    });
    await tx.auditEvent.create({
      data: {
        actor: by.actor, action: "token.create", outcome: "ok", pipelineId,
        detail: { tokenId: created.id, name: input.name, role: input.role },
      },
    });
    return created;
  });
  return { id: row.id, name: row.name, role: row.role, pipeline: input.pipeline ?? null, token, createdAt: row.createdAt };
}

export async function listApiTokens() {
  const rows = await db.apiToken.findMany({ orderBy: { id: "desc" }, include: { createdBy: { select: { email: true } }, pipeline: { select: { slug: true } } } });
  return {
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role,
      pipeline: row.pipeline?.slug ?? null,
      createdBy: row.createdBy?.email ?? null,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      revokedAt: row.revokedAt?.toISOString() ?? null,
    })),
    nextCursor: null,
  };
}

/** Revoking twice changes nothing the second time (and audits once). */
export async function revokeApiToken(id: number, by: Identity): Promise<{ changed: boolean }> {
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id } });
    if (!row) throw notFound(`token ${id} does not exist`);
    if (row.revokedAt) return { changed: false };
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await tx.auditEvent.create({ data: { actor: by.actor, action: "token.revoke", outcome: "ok", detail: { tokenId: id, name: row.name } } });
    return { changed: true };
  });
}
