import pg from "pg";
import { z } from "zod";
import { badRequest, notFound } from "../errors";

/**
 * The agents' hot path (SPEC: 10,000 hosts every 5 s = 2,000 req/s): one SQL
 * round trip per heartbeat on a dedicated pool whose commits do not wait for
 * fsync — losing the last few heartbeats in a crash is harmless, the next
 * poll rewrites them.
 */
export const heartbeatInput = z.object({
  pipeline: z.string().min(1).max(64),
  host: z.string().trim().min(1).max(255),
  release: z.number().int().positive().max(2_147_483_647).nullable().optional(),
  healthy: z.boolean(),
});
export type HeartbeatInput = z.infer<typeof heartbeatInput>;

export type HeartbeatAnswer = {
  /** The release this host should run, or null when it has none yet. */
  release: { id: number; number: number; commitSha: string } | null;
};

let heartbeatPool: pg.Pool | null = null;

export function heartbeatDb(): pg.Pool {
  if (!heartbeatPool) {
    heartbeatPool = new pg.Pool({
      connectionString: process.env.DATABASE_URL,
      max: 16,
      options: "-c synchronous_commit=off",
    });
    heartbeatPool.on("error", () => {});
  }
  return heartbeatPool;
}

export async function closeHeartbeatDb(): Promise<void> {
  const current = heartbeatPool;
  heartbeatPool = null;
  await current?.end().catch(() => {});
}

// Registers an unknown host on first contact; a reported release counts only if it is one of this pipeline's.
const HEARTBEAT_SQL = `
WITH p AS (SELECT id FROM "Pipeline" WHERE slug = $1),
h AS (
  INSERT INTO "Host" ("pipelineId", name, "releaseId", healthy, "lastSeenAt")
  SELECT p.id, $2, (SELECT r.id FROM "Release" r WHERE r.id = $3 AND r."pipelineId" = p.id), $4, now() FROM p
  ON CONFLICT ("pipelineId", name) DO UPDATE
    SET "releaseId" = EXCLUDED."releaseId", healthy = EXCLUDED.healthy, "lastSeenAt" = EXCLUDED."lastSeenAt"
  RETURNING COALESCE("desiredReleaseId", "releaseId") AS target
)
SELECT h.target AS id, r.number, b."commitSha" AS "commitSha"
FROM h LEFT JOIN "Release" r ON r.id = h.target LEFT JOIN "Build" b ON b.id = r."buildId"`;

export async function recordHeartbeat(input: HeartbeatInput): Promise<HeartbeatAnswer> {
  // A named statement is parsed and planned once per connection, not per heartbeat.
  const { rows } = await heartbeatDb().query<{ id: number | null; number: number; commitSha: string }>({
    name: "shipboard-heartbeat",
    text: HEARTBEAT_SQL,
    values: [input.pipeline, input.host, input.release ?? null, input.healthy],
  });
  const row = rows[0];
  if (!row) throw notFound(`pipeline "${input.pipeline}" does not exist`);
  return { release: row.id === null ? null : { id: row.id, number: row.number, commitSha: row.commitSha } };
}

export function parseHeartbeat(body: unknown): HeartbeatInput {
  const parsed = heartbeatInput.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".");
    throw badRequest(`${field || "body"}: ${issue.message}`, field || undefined);
  }
  return parsed.data;
}
