import pg from "pg";
import { z } from "zod";
import { badRequest, conflict, notFound } from "../errors";
import { log } from "../log";
import { DesiredReleases, toDesired, type CachedPipeline, type DesiredRelease } from "./desired";
import { HostRegistrations } from "./register";

/**
 * The agents' hot path (SPEC: 10,000 hosts every 5 s = 2,000 req/s on 2 cores).
 * A heartbeat is answered from memory (DesiredReleases) and its report is
 * written in a batch every FLUSH_MS: one UPDATE for all hosts heard since the
 * last flush, on connections whose commits do not wait for fsync — losing the
 * last few heartbeats in a crash is harmless, the next poll rewrites them.
 * With `wait` a heartbeat is a long poll, answered the moment the host's
 * desired release changes (DesiredReleases' onChange), else after `wait` s.
 */
export const MAX_WAIT_SECONDS = 30;

export const heartbeatInput = z.object({
  pipeline: z.string().min(1).max(64),
  host: z.string().trim().min(1).max(255),
  release: z.number().int().positive().max(2_147_483_647).nullable().optional(),
  healthy: z.boolean(),
  wait: z.number().min(0).max(MAX_WAIT_SECONDS).optional(),
});
export type HeartbeatInput = z.infer<typeof heartbeatInput>;

export type HeartbeatAnswer = {
  /** The release this host should run, or null when it has none yet. */
  release: DesiredRelease;
  /** Seconds until the next heartbeat without `wait`: jittered so a fleet never polls in step. */
  next: number;
};


const FLUSH_MS = 20;
const NEXT_SECONDS = 5;
/** How often hosts held in a long poll are written as seen (well under the default 15 s host timeout). */
const SEEN_WHILE_WAITING_MS = 5000;

/** 5 s ± 20 %, to a tenth of a second. */
export const nextPoll = () => Math.round(NEXT_SECONDS * (0.8 + 0.4 * Math.random()) * 10) / 10;

/**
 * The connection a heartbeat came on (an http.ServerResponse is one): a long
 * poll ends when it closes. Not an AbortSignal: one per heartbeat, whose abort
 * builds a DOMException, was the largest cost of ours in a CPU profile of the
 * front (bench/heartbeat.ts: 44–48 % of a core with it, 28 % without).
 */
export type Caller = {
  readonly destroyed: boolean;
  once(event: "close", listener: () => void): unknown;
  removeListener(event: "close", listener: () => void): unknown;
};

type Report = { releaseId: number | null; healthy: boolean; seenAt: Date };
type Waiter = { hostId: number; release: number | null; healthy: boolean; done: () => void };

// Ids ascending, so concurrent flushes and the engine's host updates lock rows in one order.
const FLUSH_SQL = `
UPDATE "Host" h SET
  "releaseId" = (SELECT r.id FROM "Release" r WHERE r.id = u.release AND r."pipelineId" = h."pipelineId"),
  healthy = u.healthy,
  "lastSeenAt" = u.seen
FROM (SELECT * FROM unnest($1::int[], $2::int[], $3::bool[], $4::timestamptz[]) AS t(id, release, healthy, seen) ORDER BY id) u
WHERE h.id = u.id`;

/** Whether the answer for a host that runs `reported` is worth sending now rather than at the end of a long poll. */
const changed = (desired: DesiredRelease, reported: number | null) => desired !== null && desired.id !== reported;

/** One node's heartbeat path (exported for tests that play several nodes). */
export class HeartbeatServer {
  readonly db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 8, options: "-c synchronous_commit=off" });
  readonly desired = new DesiredReleases(this.db, (pipeline) => this.wake(pipeline));
  private readonly registrations = new HostRegistrations(this.db);
  private pending = new Map<number, Report>();
  /** Open long polls by pipeline id, then host name: one per host (a newer poll ends the older one). */
  private waiting = new Map<number, Map<string, Waiter>>();
  private timer: NodeJS.Timeout | null = null;
  private seenTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor() {
    this.db.on("error", () => {});
  }

  /** The cached pipeline an agent heartbeats for: 404 unknown, 409 when its target is not `agents`. */
  async agentsPipeline(slug: string): Promise<CachedPipeline> {
    const pipeline = await this.desired.pipeline(slug);
    if (!pipeline) throw notFound(`pipeline "${slug}" does not exist`);
    if (pipeline.kind !== "agents") throw conflict(`pipeline "${slug}" deploys to a ${pipeline.kind} target, not to agents`);
    return pipeline;
  }

  /** Records the report and answers it; with `wait`, not before the answer changes or `wait` s pass (or `caller` goes away). */
  async record(input: HeartbeatInput, caller?: Caller): Promise<HeartbeatAnswer> {
    const pipeline = await this.agentsPipeline(input.pipeline);
    const reported = input.release ?? null;
    let host = pipeline.hosts.get(input.host);
    if (!host) {
      host = await this.register(pipeline, input);
    } else {
      this.report(host.id, { releaseId: reported, healthy: input.healthy, seenAt: new Date() });
    }
    if (input.wait && !changed(host.desired, reported) && !caller?.destroyed) {
      await this.waitForChange(pipeline, input.host, { hostId: host.id, release: reported, healthy: input.healthy }, input.wait * 1000, caller);
    }
    return { release: pipeline.hosts.get(input.host)?.desired ?? host.desired, next: nextPoll() };
  }

  private report(hostId: number, report: Report): void {
    this.pending.set(hostId, report);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  private async register(pipeline: CachedPipeline, input: HeartbeatInput) {
    // Checked in memory first, so a flood of new names past the limit costs no query.
    if (pipeline.hosts.size >= pipeline.maxHosts) throw this.full(pipeline);
    const row = await this.registrations.register(pipeline.id, pipeline.maxHosts, { name: input.host, release: input.release ?? null, healthy: input.healthy });
    if (!row) throw this.full(pipeline);
    const host = { id: row.id, desired: toDesired(row) };
    pipeline.hosts.set(input.host, host);
    return host;
  }

  private full(pipeline: CachedPipeline) {
    return conflict(`pipeline "${pipeline.slug}" already has its maximum of ${pipeline.maxHosts} hosts (target.maxHosts)`);
  }

  private waitForChange(pipeline: CachedPipeline, name: string, waiter: Omit<Waiter, "done">, ms: number, caller?: Caller): Promise<void> {
    return new Promise((resolve) => {
      let hosts = this.waiting.get(pipeline.id);
      if (!hosts) this.waiting.set(pipeline.id, (hosts = new Map()));
      hosts.get(name)?.done();
      const done = () => {
        clearTimeout(timer);
        caller?.removeListener("close", done);
        if (hosts.get(name)?.done === done) hosts.delete(name);
        resolve();
      };
      const timer = setTimeout(done, ms);
      caller?.once("close", done);
      hosts.set(name, { ...waiter, done });
      this.startSeenTimer();
    });
  }

  /** After a reload: answers every long poll whose host's desired release now differs from what it runs. */
  private wake(pipeline: CachedPipeline): void {
    const hosts = this.waiting.get(pipeline.id);
    if (!hosts) return;
    for (const [name, waiter] of hosts) {
      if (changed(pipeline.hosts.get(name)?.desired ?? null, waiter.release)) waiter.done();
    }
  }

  /** A host with an open long poll counts as seen (SPEC "Agents"): its report is rewritten every few seconds. */
  private startSeenTimer(): void {
    this.seenTimer ??= setInterval(() => {
      const seenAt = new Date();
      for (const hosts of this.waiting.values()) {
        for (const waiter of hosts.values()) this.report(waiter.hostId, { releaseId: waiter.release, healthy: waiter.healthy, seenAt });
      }
    }, SEEN_WHILE_WAITING_MS);
    this.seenTimer.unref();
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
    for (const hosts of this.waiting.values()) for (const waiter of hosts.values()) waiter.done();
    if (this.seenTimer) clearInterval(this.seenTimer);
    if (this.timer) clearTimeout(this.timer);
    await this.flush();
    await this.desired.close();
    await this.db.end().catch(() => {});
  }
}

let server: HeartbeatServer | null = null;
const heartbeats = () => (server ??= new HeartbeatServer());

export const recordHeartbeat = (input: HeartbeatInput, caller?: Caller) => heartbeats().record(input, caller);

/** The heartbeat path's own pool (token lookups share it). */
export const heartbeatDb = () => heartbeats().db;

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
