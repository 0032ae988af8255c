import pg from "pg";
import { z } from "zod";
import { badRequest, notFound } from "../errors";
import { log } from "../log";
import { DesiredReleases, toDesired, type DesiredRelease } from "./desired";

/**
 * The agents' hot path (SPEC: 10,000 hosts every 5 s = 2,000 req/s on 2 cores,
 * p99 < 100 ms). A heartbeat is answered from memory (DesiredReleases) and its
 * report is written in a batch every FLUSH_MS: one UPDATE for all hosts heard
 * since the last flush, on connections whose commits do not wait for fsync —
 * losing the last few heartbeats in a crash is harmless, the next poll rewrites them.
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
  release: DesiredRelease;
};

const FLUSH_MS = 20;

type Report = { releaseId: number | null; healthy: boolean; seenAt: Date };

// First contact: the host's row, and what it should run (a reported release counts only if it is this pipeline's).
const REGISTER_SQL = `
WITH h AS (
  INSERT INTO "Host" ("pipelineId", name, "releaseId", healthy, "lastSeenAt")
  VALUES ($1, $2, (SELECT r.id FROM "Release" r WHERE r.id = $3 AND r."pipelineId" = $1), $4, now())
  ON CONFLICT ("pipelineId", name) DO UPDATE SET "lastSeenAt" = EXCLUDED."lastSeenAt"
  RETURNING id, COALESCE("desiredReleaseId", "releaseId") AS target
)
SELECT h.id, r.id AS "releaseId", r.number, b."commitSha"
FROM h LEFT JOIN "Release" r ON r.id = h.target LEFT JOIN "Build" b ON b.id = r."buildId"`;

// Ids ascending, so concurrent flushes and the engine's host updates lock rows in one order.
const FLUSH_SQL = `
UPDATE "Host" h SET
  "releaseId" = (SELECT r.id FROM "Release" r WHERE r.id = u.release AND r."pipelineId" = h."pipelineId"),
  healthy = u.healthy,
  "lastSeenAt" = u.seen
FROM (SELECT * FROM unnest($1::int[], $2::int[], $3::bool[], $4::timestamptz[]) AS t(id, release, healthy, seen) ORDER BY id) u
WHERE h.id = u.id`;

class HeartbeatServer {
  readonly db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 8, options: "-c synchronous_commit=off" });
  readonly desired = new DesiredReleases(this.db);
  private pending = new Map<number, Report>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor() {
    this.db.on("error", () => {});
  }

  async record(input: HeartbeatInput): Promise<HeartbeatAnswer> {
    const pipeline = await this.desired.pipeline(input.pipeline);
    if (!pipeline) throw notFound(`pipeline "${input.pipeline}" does not exist`);
    const known = pipeline.hosts.get(input.host);
    if (!known) return this.register(pipeline.id, input);
    this.pending.set(known.id, { releaseId: input.release ?? null, healthy: input.healthy, seenAt: new Date() });
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
    return { release: known.desired };
  }

  private async register(pipelineId: number, input: HeartbeatInput): Promise<HeartbeatAnswer> {
    const { rows } = await this.db.query(REGISTER_SQL, [pipelineId, input.host, input.release ?? null, input.healthy]);
    const row = rows[0] as { id: number; releaseId: number | null; number: number | null; commitSha: string | null };
    const desired = toDesired(row);
    this.desired.remember(input.pipeline, input.host, { id: row.id, desired });
    return { release: desired };
  }

  /** Writes every report heard since the last flush in one statement. */
  flush(): Promise<void> {
    this.timer = null;
    const batch = this.pending;
    this.pending = new Map();
    if (batch.size === 0) return this.flushing;
    const ids = [...batch.keys()];
    const reports = [...batch.values()];
    this.flushing = this.flushing
      .then(() =>
        this.db.query(FLUSH_SQL, [ids, reports.map((r) => r.releaseId), reports.map((r) => r.healthy), reports.map((r) => r.seenAt)]),
      )
      .then(
        () => undefined,
        (error: unknown) => {
          // Requeue what no newer heartbeat replaced; the next flush retries it.
          batch.forEach((report, id) => (this.pending.has(id) ? null : this.pending.set(id, report)));
          this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS * 10);
          log.warn({ err: error, hosts: batch.size }, "writing heartbeats failed; retrying");
        },
      );
    return this.flushing;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.flush();
    await this.desired.close();
    await this.db.end().catch(() => {});
  }
}

let server: HeartbeatServer | null = null;
const heartbeats = () => (server ??= new HeartbeatServer());

export const recordHeartbeat = (input: HeartbeatInput) => heartbeats().record(input);

/** Writes pending heartbeats now (tests; shutdown). */
export const flushHeartbeats = () => server?.flush() ?? Promise.resolve();

export async function closeHeartbeatDb(): Promise<void> {
  const current = server;
  server = null;
  await current?.close();
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
