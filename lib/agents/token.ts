import type pg from "pg";
import { hashToken } from "../auth/tokens";

/**
 * Which pipeline an agent token heartbeats for: the one question the hot path
 * asks about a token, kept in this one function (token expiry and revocation
 * rules belong to lib/auth; they change here and nowhere else on this path).
 * `null`: no such token, or revoked. `pipeline: null`: a token of another role
 * (the admin token included), which may not heartbeat.
 */
export type AgentCredential = { role: string; pipeline: string | null } | null;

// Answers are kept this long per token: a revocation takes effect within it on every node.
const CACHE_MS = 1000;
const MAX_CACHED = 10_000;

const cache = new Map<string, { credential: AgentCredential; until: number }>();

const TOKEN_SQL = `
SELECT t.id, t.role, p.slug AS pipeline, t."lastUsedAt" < now() - interval '1 minute' OR t."lastUsedAt" IS NULL AS stale
FROM "ApiToken" t LEFT JOIN "Pipeline" p ON p.id = t."pipelineId"
WHERE t."tokenHash" = $1 AND t."revokedAt" IS NULL`;

export async function agentCredential(db: pg.Pool, token: string): Promise<AgentCredential> {
  const key = hashToken(token);
  const cached = cache.get(key);
  if (cached && cached.until > Date.now()) return cached.credential;
  let credential: AgentCredential;
  if (process.env.SHIPBOARD_ADMIN_TOKEN && key === hashToken(process.env.SHIPBOARD_ADMIN_TOKEN)) {
    credential = { role: "admin", pipeline: null };
  } else {
    const { rows } = await db.query<{ id: number; role: string; pipeline: string | null; stale: boolean }>(TOKEN_SQL, [key]);
    const row = rows[0];
    credential = row ? { role: row.role, pipeline: row.role === "agent" ? row.pipeline : null } : null;
    // lastUsedAt is informational: written at most once a minute per token, off the answer's path.
    if (row?.stale) db.query(`UPDATE "ApiToken" SET "lastUsedAt" = now() WHERE id = $1`, [row.id]).catch(() => {});
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, { credential, until: Date.now() + CACHE_MS });
  return credential;
}
