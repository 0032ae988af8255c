import { createHmac } from "node:crypto";
import { Pool, type Dispatcher } from "undici";
import { backoffMs } from "../../bin/backoff.mjs";
import { E2E_WEBHOOK_SECRET } from "../../e2e/env";

/**
 * Many agents in one process, speaking the heartbeat protocol as
 * shipboard-agent does: long polls with `wait`, switch when told (taking
 * `switchMs` plus up to as much again of jitter, as a quick restart would;
 * 0 reports at once), and back off with the agent's own jitter while the
 * server is away. One keep-alive connection per agent. Requests go through
 * undici's dispatch callbacks rather than response streams: with streams,
 * this one process needed over a second to read 5,000 answers that arrive at
 * once, and measured itself rather than the server.
 */
export type Told = { host: string; releaseId: number; at: number };

export class SimulatedFleet {
  readonly told: Told[] = [];
  /** When each failed try was made (performance.now()), to show how reconnects spread. */
  readonly failedTries: number[] = [];
  /** When each agent's first answer after a failure arrived. */
  readonly recovered: number[] = [];
  private readonly running = new Map<string, number | null>();
  private readonly pool: Pool;
  private stopped = false;
  private loops: Promise<void>[] = [];
  private inFlight = 0;

  constructor(
    private readonly origin: string,
    private readonly token: string,
    private readonly pipeline: string,
    readonly hosts: string[],
    private readonly wait: number,
    private readonly switchMs = 0,
  ) {
    this.pool = new Pool(origin, { connections: hosts.length, keepAliveTimeout: 120_000, headersTimeout: 60_000, bodyTimeout: 60_000, connect: { timeout: 30_000 } });
    for (const host of hosts) this.running.set(host, null);
  }

  /** Agents whose long poll is open now. */
  get waiting(): number {
    return this.inFlight;
  }

  runs(host: string): number | null {
    return this.running.get(host) ?? null;
  }

  start(): void {
    this.loops = this.hosts.map((host) => this.agent(host));
  }

  private async agent(host: string): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let answer: Awaited<ReturnType<SimulatedFleet["heartbeat"]>>;
      this.inFlight += 1;
      try {
        answer = await this.heartbeat(host);
      } catch {
        if (this.stopped) break;
        this.failedTries.push(performance.now());
        failures += 1;
        await new Promise((resolve) => setTimeout(resolve, backoffMs(failures)));
        continue;
      } finally {
        this.inFlight -= 1;
      }
      if (failures > 0) this.recovered.push(performance.now());
      failures = 0;
      const desired = answer.release?.id ?? null;
      if (desired !== null && desired !== this.running.get(host)) {
        this.told.push({ host, releaseId: desired, at: answer.at });
        if (this.switchMs > 0) await new Promise((resolve) => setTimeout(resolve, this.switchMs * (1 + Math.random())));
        this.running.set(host, desired);
      }
    }
  }

  /** One heartbeat; `at` is when its answer arrived whole. Throws on a failure or a 5xx. */
  private heartbeat(host: string): Promise<{ release?: { id: number } | null; at: number }> {
    const body = JSON.stringify({ pipeline: this.pipeline, host, release: this.running.get(host), healthy: true, wait: this.wait });
    return new Promise((resolve, reject) => {
      let status = 0;
      const chunks: Buffer[] = [];
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart: () => {},
        onResponseStart: (_controller, statusCode) => void (status = statusCode),
        onResponseData: (_controller, chunk) => void chunks.push(chunk),
        onResponseEnd: () => {
          const at = performance.now();
          if (status >= 500) return reject(new Error(`HTTP ${status}`));
          try {
            resolve({ ...(JSON.parse(Buffer.concat(chunks).toString()) as { release?: { id: number } | null }), at });
          } catch (error) {
            reject(error as Error);
          }
        },
        onResponseError: (_controller, error) => reject(error),
      };
      this.pool.dispatch(
        { method: "POST", path: "/api/agent/heartbeat", headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" }, body },
        handler,
      );
    });
  }

  /** When `host` was first told `releaseId`, or undefined. */
  toldAt(releaseId: number): Map<string, number> {
    const at = new Map<string, number>();
    for (const told of this.told) if (told.releaseId === releaseId && !at.has(told.host)) at.set(told.host, told.at);
    return at;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const settled = this.pool.destroy().catch(() => {}).then(() => Promise.all(this.loops));
    // Once, after the crash test, this never settled and held the benchmark (and its server's
    // data directory) for minutes: whatever has not ended within 5 s is abandoned.
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  }
}

/** Admin API calls of a benchmark. */
export function adminApi(baseUrl: string, adminToken: string) {
  const headers = { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" };
  return {
    async post<T = Record<string, unknown>>(path: string, body: unknown = {}): Promise<T> {
      const response = await fetch(`${baseUrl}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
      const json = await response.json();
      if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
      return json as T;
    },
    async get<T = Record<string, unknown>>(path: string): Promise<T> {
      const response = await fetch(`${baseUrl}${path}`, { headers });
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      return (await response.json()) as T;
    },
  };
}

export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 60_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

type PipelineView = { activeRelease: unknown; currentRelease: { id: number; build: { id: number } } | null; hostSummary: { total: number } };

/** A benchmark's pipeline: its view, its live release, and green builds sent to it by signed webhook. */
export function benchPipeline(api: ReturnType<typeof adminApi>, baseUrl: string, slug: string) {
  const view = () => api.get<PipelineView>(`/api/pipelines/${slug}`);
  return {
    view,
    /** The current release once nothing is rolling out, else null. */
    async liveRelease(): Promise<number | null> {
      const pipeline = await view();
      return pipeline.activeRelease ? null : (pipeline.currentRelease?.id ?? null);
    },
    /**
     * Rolls back and waits until every host of the rollback's first batch was
     * told: the request's own time and each of those hosts' latency from the send.
     */
    async rollbackReach(fleet: SimulatedFleet, reason: string): Promise<{ releaseId: number; requestMs: number; latencies: number[] }> {
      const sent = performance.now();
      const rollback = await api.post<{ id: number; steps: { kind: string; hosts: string[] }[] }>(`/api/pipelines/${slug}/rollback`, { reason });
      const requestMs = performance.now() - sent;
      const firstBatch = rollback.steps.find((step) => step.kind === "batch")!.hosts;
      await until(() => firstBatch.every((host) => fleet.runs(host) === rollback.id), 30_000, 5);
      const told = fleet.toldAt(rollback.id);
      return { releaseId: rollback.id, requestMs, latencies: firstBatch.map((host) => told.get(host)! - sent) };
    },
    async sendGreenBuild(n: number): Promise<number> {
      const body = JSON.stringify({ externalId: `${slug}-${n}`, number: n, commitSha: n.toString(16).padStart(40, "0"), branch: "main", state: "passed", createdAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(), repository: `bench/${slug}` });
      const signature = createHmac("sha256", E2E_WEBHOOK_SECRET).update(body).digest("hex");
      const response = await fetch(`${baseUrl}/api/webhooks/generic?pipeline=${slug}`, {
        method: "POST", headers: { "Content-Type": "application/json", "X-Shipboard-Signature": `sha256=${signature}` }, body,
      });
      return ((await response.json()) as { builds: { buildId: number }[] }).builds[0]!.buildId;
    },
  };
}
