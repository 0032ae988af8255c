import pg from "pg";
import { HOSTS_CHANNEL } from "../engine/store/write";
import { log } from "../log";

/**
 * What each agent host should run, held in memory so a heartbeat is answered
 * without a database round trip. The engine's `tellHosts` notifies
 * HOSTS_CHANNEL in the transaction that changes a pipeline's desired releases;
 * on that notification (delivered at commit) the pipeline's hosts are reloaded,
 * so a rollback reaches agents within a query's time. A full refresh every few
 * seconds covers notifications missed while reconnecting.
 */
export type DesiredRelease = { id: number; number: number; commitSha: string } | null;
export type CachedHost = { id: number; desired: DesiredRelease };
type CachedPipeline = { id: number; hosts: Map<string, CachedHost> };

const FULL_REFRESH_MS = 5000;
const UNKNOWN_PIPELINE_TTL_MS = 1000;

const HOSTS_SQL = `
SELECT h.id, h.name, r.id AS "releaseId", r.number, b."commitSha"
FROM "Host" h
LEFT JOIN "Release" r ON r.id = COALESCE(h."desiredReleaseId", h."releaseId")
LEFT JOIN "Build" b ON b.id = r."buildId"
WHERE h."pipelineId" = $1`;

type HostRow = { id: number; name: string; releaseId: number | null; number: number | null; commitSha: string | null };

export const toDesired = (row: Omit<HostRow, "id" | "name">): DesiredRelease =>
  row.releaseId === null ? null : { id: row.releaseId, number: row.number!, commitSha: row.commitSha! };

export class DesiredReleases {
  private readonly bySlug = new Map<string, CachedPipeline>();
  private readonly unknownUntil = new Map<string, number>();
  private readonly loading = new Map<string, Promise<CachedPipeline | null>>();
  private listener: pg.Client | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly db: pg.Pool) {}

  /** The pipeline's cached hosts, loading them on first use; null for an unknown slug. */
  async pipeline(slug: string): Promise<CachedPipeline | null> {
    const cached = this.bySlug.get(slug);
    if (cached) return cached;
    if ((this.unknownUntil.get(slug) ?? 0) > Date.now()) return null;
    this.start();
    let pending = this.loading.get(slug);
    if (!pending) {
      pending = this.load(slug).finally(() => this.loading.delete(slug));
      this.loading.set(slug, pending);
    }
    return pending;
  }

  remember(slug: string, name: string, host: CachedHost): void {
    this.bySlug.get(slug)?.hosts.set(name, host);
  }

  private async load(slug: string): Promise<CachedPipeline | null> {
    const { rows } = await this.db.query<{ id: number }>(`SELECT id FROM "Pipeline" WHERE slug = $1`, [slug]);
    const id = rows[0]?.id;
    if (id === undefined) {
      this.unknownUntil.set(slug, Date.now() + UNKNOWN_PIPELINE_TTL_MS);
      return null;
    }
    const pipeline = { id, hosts: await this.loadHosts(id) };
    this.bySlug.set(slug, pipeline);
    return pipeline;
  }

  private async loadHosts(pipelineId: number): Promise<Map<string, CachedHost>> {
    const { rows } = await this.db.query<HostRow>(HOSTS_SQL, [pipelineId]);
    return new Map(rows.map((row) => [row.name, { id: row.id, desired: toDesired(row) }]));
  }

  private async reload(pipelineId: number): Promise<void> {
    for (const pipeline of this.bySlug.values()) {
      if (pipeline.id === pipelineId) pipeline.hosts = await this.loadHosts(pipelineId);
    }
  }

  private start(): void {
    if (this.refreshTimer || this.closed) return;
    this.refreshTimer = setInterval(() => {
      for (const pipeline of this.bySlug.values()) void this.reload(pipeline.id).catch(() => {});
    }, FULL_REFRESH_MS);
    this.refreshTimer.unref();
    void this.listen();
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    const retry = () => {
      if (this.listener !== client) return;
      this.listener = null;
      client.end().catch(() => {});
      setTimeout(() => void this.listen(), 1000).unref();
    };
    this.listener = client;
    client.on("error", retry);
    client.on("end", retry);
    client.on("notification", (message) => {
      const id = Number(message.payload);
      void this.reload(id).catch((error: unknown) => log.warn({ err: error }, "reloading desired releases failed"));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${HOSTS_CHANNEL}`);
      // Anything changed while not listening is picked up now.
      for (const pipeline of this.bySlug.values()) await this.reload(pipeline.id);
    } catch {
      retry();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => {});
  }
}
