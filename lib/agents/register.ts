import type pg from "pg";
import { inPgTransaction } from "../db/pg-transaction";
import type { ReleaseColumns } from "./desired";

/** A first heartbeat's host: its row id and the release it should run; undefined when the pipeline is full. */
export type RegisteredHost = ReleaseColumns & { id: number; name: string };

type NewHost = { name: string; release: number | null; healthy: boolean };
type Waiting = NewHost & { resolve(row: RegisteredHost | undefined): void; reject(error: unknown): void };

/** Advisory lock namespace (with the pipeline id): registrations of one pipeline take turns, on every node. */
const REGISTER_LOCK = 5_347_010;

// New hosts of one pipeline, many at once. A new host is told the pipeline's
// current release at once; a reported release counts only if it is this
// pipeline's. Names the pipeline already has are updated; of the others, as
// many as maxHosts ($5) leaves room for, in arrival order. Runs under
// REGISTER_LOCK: the count is the truth only while no other node inserts.
const REGISTER_SQL = `
WITH input AS (SELECT * FROM unnest($2::text[], $3::int[], $4::bool[]) WITH ORDINALITY AS t(name, release, healthy, arrival)),
known AS (SELECT name FROM "Host" WHERE "pipelineId" = $1 AND name IN (SELECT name FROM input)),
room AS (SELECT GREATEST(0, $5 - (SELECT count(*) FROM "Host" WHERE "pipelineId" = $1)) AS hosts),
chosen AS (
  SELECT * FROM input WHERE name IN (SELECT name FROM known)
  UNION ALL
  (SELECT * FROM input WHERE name NOT IN (SELECT name FROM known) ORDER BY arrival LIMIT (SELECT hosts FROM room))
),
p AS (SELECT id, "currentReleaseId" FROM "Pipeline" WHERE id = $1),
h AS (
  INSERT INTO "Host" ("pipelineId", name, "releaseId", "desiredReleaseId", "desiredAt", healthy, "lastSeenAt")
  SELECT p.id, c.name, (SELECT r.id FROM "Release" r WHERE r.id = c.release AND r."pipelineId" = $1), p."currentReleaseId",
    CASE WHEN p."currentReleaseId" IS NULL THEN NULL ELSE now() END, c.healthy, now()
  FROM chosen c CROSS JOIN p ORDER BY c.name
  ON CONFLICT ("pipelineId", name) DO UPDATE SET "lastSeenAt" = EXCLUDED."lastSeenAt"
  RETURNING id, name, COALESCE("desiredReleaseId", "releaseId") AS target
)
SELECT h.id, h.name, r.id AS "releaseId", r.number, b.number AS "buildNumber", b."commitSha"
FROM h LEFT JOIN "Release" r ON r.id = h.target LEFT JOIN "Build" b ON b.id = r."buildId"`;

/**
 * Registers the new hosts of each pipeline in batches: those that arrive while
 * a batch is in the database go together in the next one, so a fleet's first
 * heartbeats cost one transaction per batch, not one each (the cap's lock
 * makes registrations of a pipeline take turns across nodes).
 */
export class HostRegistrations {
  private readonly queued = new Map<number, Map<string, Waiting[]>>();
  private readonly running = new Set<number>();

  constructor(private readonly db: pg.Pool) {}

  register(pipelineId: number, maxHosts: number, host: NewHost): Promise<RegisteredHost | undefined> {
    return new Promise((resolve, reject) => {
      let batch = this.queued.get(pipelineId);
      if (!batch) this.queued.set(pipelineId, (batch = new Map()));
      const sameName = batch.get(host.name);
      if (sameName) sameName.push({ ...host, resolve, reject });
      else batch.set(host.name, [{ ...host, resolve, reject }]);
      if (!this.running.has(pipelineId)) void this.run(pipelineId, maxHosts);
    });
  }

  private async run(pipelineId: number, maxHosts: number): Promise<void> {
    this.running.add(pipelineId);
    try {
      for (let batch = this.take(pipelineId); batch; batch = this.take(pipelineId)) await this.write(pipelineId, maxHosts, batch);
    } finally {
      this.running.delete(pipelineId);
    }
  }

  private take(pipelineId: number): Map<string, Waiting[]> | undefined {
    const batch = this.queued.get(pipelineId);
    this.queued.delete(pipelineId);
    return batch;
  }

  private async write(pipelineId: number, maxHosts: number, batch: Map<string, Waiting[]>): Promise<void> {
    // One row per name: the first report of a name that arrived twice counts.
    const hosts = [...batch.values()].map((waiting) => waiting[0]!);
    try {
      const rows = await inPgTransaction(async (client) => {
        await client.query("SELECT pg_advisory_xact_lock($1, $2)", [REGISTER_LOCK, pipelineId]);
        const result = await client.query<RegisteredHost>(REGISTER_SQL, [
          pipelineId, hosts.map((h) => h.name), hosts.map((h) => h.release), hosts.map((h) => h.healthy), maxHosts,
        ]);
        return result.rows;
      }, this.db);
      const byName = new Map(rows.map((row) => [row.name, row]));
      for (const [name, waiting] of batch) for (const one of waiting) one.resolve(byName.get(name));
    } catch (error) {
      for (const waiting of batch.values()) for (const one of waiting) one.reject(error);
    }
  }
}
