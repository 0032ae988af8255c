import pg from "pg";
import { HOSTS_CHANNEL } from "../engine/store/write";
import { log } from "../log";

/**
 * What each agent host should run, held in memory so a heartbeat is answered
 * without a database round trip. The engine's `tellHosts` notifies
 * HOSTS_CHANNEL in the transaction that changes a pipeline's desired releases;
 * on that notification (delivered at commit) the pipeline's hosts are reloaded
 * and `onChange` wakes the long polls, so a rollback reaches agents within a
 * query's time. A full refresh every few seconds covers notifications missed
 * while reconnecting (and settings changed by PATCH).
 */
export type DesiredRelease = { id: number; number: number; buildNumber: number | null; commitSha: string } | null;
export type CachedHost = { id: number; desired: DesiredRelease };
export type CachedPipeline = {
  id: number;
  slug: string;
  /** The target's kind: only an `agents` pipeline takes heartbeats. */
  kind: string;
  maxHosts: number;
  hosts: Map<string, CachedHost>;
};

const FULL_REFRESH_MS = 5000;
const MAX_CACHED_RELEASES = 1000;
export const DEFAULT_MAX_HOSTS = 10_000;

const PIPELINE_SQL = `
SELECT p.id, p.target->>'kind' AS kind, (p.target->>'maxHosts')::int AS "maxHosts" FROM "Pipeline" p WHERE p.slug = $1`;

// Narrow on purpose: a reload reads every host of the pipeline (10,000 rows).
const HOSTS_SQL = `SELECT id, name, COALESCE("desiredReleaseId", "releaseId") AS target FROM "Host" WHERE "pipelineId" = $1`;

// A fingerprint of everything a reload reads: the settings, and each host's id, name and answer.
const DIGEST_SQL = `
SELECT concat_ws(':', p.target->>'kind', p.target->>'maxHosts', count(h.id),
  sum(hashtextextended(h.id || ':' || h.name || ':' || COALESCE(h."desiredReleaseId", h."releaseId", 0), 0))) AS digest
FROM "Pipeline" p LEFT JOIN "Host" h ON h."pipelineId" = p.id WHERE p.id = $1 GROUP BY p.id`;

const RELEASES_SQL = `
SELECT r.id AS "releaseId", r.number, b.number AS "buildNumber", b."commitSha"
FROM "Release" r LEFT JOIN "Build" b ON b.id = r."buildId" WHERE r.id = ANY($1::int[])`;

export type ReleaseColumns = { releaseId: number | null; number: number | null; buildNumber: number | null; commitSha: string | null };
type HostRow = { id: number; name: string; target: number | null };
type PipelineRow = { id: number; kind: string | null; maxHosts: number | null };

export const toDesired = (row: ReleaseColumns): DesiredRelease =>
  row.releaseId === null ? null : { id: row.releaseId, number: row.number!, buildNumber: row.buildNumber, commitSha: row.commitSha! };

export class DesiredReleases {
  private readonly bySlug = new Map<string, CachedPipeline>();
  private readonly loading = new Map<string, Promise<CachedPipeline | null>>();
  private readonly releaseCache = new Map<number, NonNullable<DesiredRelease>>();
  /** Per pipeline id, what the last periodic check saw (DIGEST_SQL). */
  private readonly digests = new Map<number, string>();
  /** Per pipeline id, the reload running now; `again`: one more was asked for meanwhile. */
  private readonly reloading = new Map<number, { again: boolean; done: Promise<void> }>();
  private listener: pg.Client | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private closed = false;

  /** `onChange` runs after a pipeline's hosts were reloaded: long polls whose answer changed are answered. */
  constructor(
    private readonly db: pg.Pool,
    private readonly onChange: (pipeline: CachedPipeline) => void = () => {},
  ) {}

  /**
   * The pipeline's cached hosts, loading them on first use; null for an unknown
   * slug. Callers pass only slugs an agent token names, so the cache stays as
   * small as the set of pipelines.
   */
  async pipeline(slug: string): Promise<CachedPipeline | null> {
    const cached = this.bySlug.get(slug);
    if (cached) return cached;
    this.start();
    let pending = this.loading.get(slug);
    if (!pending) {
      pending = this.load(slug).finally(() => this.loading.delete(slug));
      this.loading.set(slug, pending);
    }
    return pending;
  }

  private async load(slug: string): Promise<CachedPipeline | null> {
    const { rows } = await this.db.query<PipelineRow>(PIPELINE_SQL, [slug]);
    const row = rows[0];
    if (!row) return null;
    const pipeline: CachedPipeline = {
      id: row.id,
      slug,
      kind: row.kind ?? "",
      maxHosts: row.maxHosts ?? DEFAULT_MAX_HOSTS,
      hosts: await this.loadHosts(row.id),
    };
    this.bySlug.set(slug, pipeline);
    return pipeline;
  }

  /**
   * The pipeline's hosts, updated in place: a host whose answer did not change
   * keeps its object, and hosts share one object per release, so a reload of
   * 10,000 hosts allocates little more than the rows it reads.
   */
  private async loadHosts(pipelineId: number, hosts = new Map<string, CachedHost>()): Promise<Map<string, CachedHost>> {
    const { rows } = await this.db.query<HostRow>(HOSTS_SQL, [pipelineId]);
    const releases = await this.releases(rows);
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.name);
      const desired = row.target === null ? null : releases.get(row.target)!;
      const host = hosts.get(row.name);
      if (host?.id === row.id) host.desired = desired;
      else hosts.set(row.name, { id: row.id, desired });
    }
    if (seen.size < hosts.size) for (const name of hosts.keys()) if (!seen.has(name)) hosts.delete(name);
    return hosts;
  }

  /** The releases hosts point at, read once each: a release's number, build and commit never change. */
  private async releases(rows: HostRow[]): Promise<Map<number, NonNullable<DesiredRelease>>> {
    const ids = new Set<number>();
    for (const row of rows) if (row.target !== null) ids.add(row.target);
    const missing = [...ids].filter((id) => !this.releaseCache.has(id));
    if (missing.length > 0) {
      const { rows: found } = await this.db.query<ReleaseColumns>(RELEASES_SQL, [missing]);
      // Hosts point at a handful of releases per pipeline; a cache past this many is mostly history.
      if (this.releaseCache.size > MAX_CACHED_RELEASES) this.releaseCache.clear();
      for (const row of found) this.releaseCache.set(row.releaseId!, toDesired(row)!);
    }
    // This reload's own map: another pipeline's reload may clear the cache meanwhile.
    const releases = new Map<number, NonNullable<DesiredRelease>>();
    for (const id of ids) releases.set(id, this.releaseCache.get(id)!);
    return releases;
  }

  /**
   * Reads the pipeline's hosts again (on a notification, and the periodic check).
   * Reloads run one at a time per pipeline, and a request made during one runs
   * it once more afterwards. Two at once could finish out of order: an older
   * read applied last left hosts on a release they had been moved off, and the
   * periodic check, seeing no change since, never corrected it.
   */
  reload(pipelineId: number): Promise<void> {
    const running = this.reloading.get(pipelineId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: true, done: Promise.resolve() };
    state.done = (async () => {
      try {
        while (state.again) {
          state.again = false;
          await this.reloadNow(pipelineId);
        }
      } finally {
        this.reloading.delete(pipelineId);
      }
    })();
    this.reloading.set(pipelineId, state);
    return state.done;
  }

  private async reloadNow(pipelineId: number): Promise<void> {
    for (const pipeline of this.bySlug.values()) {
      if (pipeline.id !== pipelineId) continue;
      const { rows } = await this.db.query<PipelineRow>(PIPELINE_SQL, [pipeline.slug]);
      const row = rows[0];
      if (!row) {
        this.bySlug.delete(pipeline.slug);
        continue;
      }
      Object.assign(pipeline, { kind: row.kind ?? "", maxHosts: row.maxHosts ?? DEFAULT_MAX_HOSTS });
      await this.loadHosts(pipelineId, pipeline.hosts);
      this.onChange(pipeline);
    }
  }

  /**
   * The periodic check: reloads only when the pipeline's settings or its hosts'
   * answers changed since the last check. One row to read instead of 10,000
   * every few seconds keeps a large fleet's steady state free of garbage.
   */
  private async refresh(pipeline: CachedPipeline): Promise<void> {
    const { rows } = await this.db.query<{ digest: string }>(DIGEST_SQL, [pipeline.id]);
    const digest = rows[0]?.digest ?? "";
    if (this.digests.get(pipeline.id) === digest) return;
    await this.reload(pipeline.id);
    // Only once reloaded: a reload that failed is tried again at the next check.
    this.digests.set(pipeline.id, digest);
  }

  private start(): void {
    if (this.refreshTimer || this.closed) return;
    this.refreshTimer = setInterval(() => {
      for (const pipeline of this.bySlug.values()) void this.refresh(pipeline).catch(() => {});
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
