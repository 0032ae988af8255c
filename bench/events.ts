/**
 * SPEC target: an event reaches a webhook receiver within 1 s (p99).
 * Run: `npx tsx bench/events.ts` (its own throwaway embedded PostgreSQL;
 * EVENTS=500, ROLLBACKS=40 by default; one to a few minutes).
 *
 * 1. Release finished → receiver has it: a pipeline whose releases finish on the
 *    tick that starts them (agents target, no hosts); each of EVENTS releases is
 *    promoted and ticked to success; latency runs from the finishing tick's
 *    return (its transaction committed) to the receiver reading the
 *    `release.succeeded` POST, delivered by the job runner through the queue.
 * 2. Rollback request latency (the engine call, superseding a running release)
 *    as shipped — the rollup refresh queued as a job — beside the same rollback
 *    with the rollup refresh run inside its transaction, as before, over a day
 *    that already has ~150 finished releases across 10 pipelines.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { summarize } from "./lib/stats";
import { createTestDatabase } from "../test/database";

const EVENTS = Number(process.env.EVENTS ?? 500);
const ROLLBACKS = Number(process.env.ROLLBACKS ?? 40);

const database = await createTestDatabase();
process.env.DATABASE_URL = database.url;
process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS = "1";
process.env.LOG_LEVEL = "warn";
const { db, disconnect } = await import("../lib/db");
const { promoteBuild, rollbackPipeline, tick, unlockPipeline } = await import("../lib/engine");
const { startJobRunner } = await import("../lib/jobs/runner");
const { createNotification } = await import("../lib/notifications/manage");
const { onLockedPipeline } = await import("../lib/engine/store/transaction");
const { loadActiveRelease, loadRelease, pipelineFacts } = await import("../lib/engine/store/load");
const { rollbackFrom } = await import("../lib/engine/decide/rollback");
const { startRollback } = await import("../lib/engine/rollback");
const { refreshDailyStats } = await import("../lib/metrics/rollup");

// The receiver: when each event id arrived.
const arrived = new Map<string, number>();
const waiting = new Map<string, () => void>();
const receiver = http.createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
  req.on("end", () => {
    const at = performance.now();
    const { release } = JSON.parse(raw) as { release: { id: number } };
    arrived.set(String(release.id), at);
    waiting.get(String(release.id))?.();
    res.writeHead(200).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const silent = { info() {}, warn() {}, error() {} };
const runner = await startJobRunner({ databaseUrl: database.url, log: silent, concurrency: 4 });
const admin = { actor: "bench", role: "admin" as const };

let buildNumber = 0;
const addBuild = (pipelineId: number, createdAt = new Date()) =>
  db.build.create({
    data: { pipelineId, provider: "generic", externalId: `b${++buildNumber}`, number: buildNumber, commitSha: buildNumber.toString(16).padStart(40, "0"), branch: "main", state: "passed", createdAt },
  });

/** What the delivery log and the queue say about an event that is late. */
async function explainLate(releaseId: number) {
  const deliveries = await db.notificationDelivery.findMany({ orderBy: { id: "desc" }, take: 3 });
  const jobs = await db.$queryRawUnsafe(`SELECT id::text, attempts, last_error, run_at, locked_at FROM graphile_worker._private_jobs ORDER BY id DESC LIMIT 5`);
  console.error(`release ${releaseId}: no event after 10 s`, JSON.stringify({ deliveries, jobs }, null, 1));
}

// 1. Event delivery latency.
const fast = await db.pipeline.create({ data: { slug: "events", name: "events", repository: "bench/events", autoDeploy: false, target: { kind: "agents" } } });
await createNotification("events", { kind: "webhook", url: hookUrl, events: ["release.succeeded"] }, admin);
const latencies: number[] = [];
const started = performance.now();
for (let i = 0; i < EVENTS; i++) {
  const build = await addBuild(fast.id);
  const { releaseId } = await promoteBuild("events", build.id, "bench");
  const received = new Promise<void>((resolve) => waiting.set(String(releaseId), resolve));
  let committedAt = 0;
  for (let ticks = 0; committedAt === 0; ticks++) {
    if (ticks > 20) throw new Error(`release ${releaseId} did not finish`);
    await tick();
    if ((await db.release.findUniqueOrThrow({ where: { id: releaseId }, select: { state: true } })).state === "succeeded") committedAt = performance.now();
  }
  const late = setTimeout(() => void explainLate(releaseId), 10_000);
  await received;
  clearTimeout(late);
  latencies.push(Math.max(0, arrived.get(String(releaseId))! - committedAt));
}
console.log(summarize("release finished → webhook receiver has it", latencies, `  (${((performance.now() - started) / 1000).toFixed(1)} s)`));

// 2. Rollback latency, rollup refresh queued vs inside the transaction.
const day = new Date();
const others = await Promise.all(
  Array.from({ length: 10 }, (_, i) => db.pipeline.create({ data: { slug: `day-${i}`, name: `day-${i}`, repository: `bench/day-${i}`, target: { kind: "agents" } } })),
);
for (const pipeline of others) {
  for (let n = 1; n <= 15; n++) {
    const build = await addBuild(pipeline.id, new Date(day.getTime() - 3600_000));
    const finishedAt = new Date(day.getTime() - n * 60_000);
    await db.release.create({
      data: { pipelineId: pipeline.id, number: n, buildId: build.id, kind: "deploy", trigger: "auto", state: "succeeded", createdAt: new Date(finishedAt.getTime() - 600_000), startedAt: new Date(finishedAt.getTime() - 540_000), finishedAt },
    });
  }
}
const rb = await db.pipeline.create({ data: { slug: "rb", name: "rb", repository: "bench/rb", autoDeploy: false, target: { kind: "agents" } } });
await db.host.create({ data: { pipelineId: rb.id, name: "rb-1" } });
// The agent is alive (heartbeats) but, until reportHosts, still on its old release: a batch waits for it.
const heartbeat = () => db.$executeRaw`UPDATE "Host" SET "lastSeenAt" = now() WHERE "pipelineId" = ${rb.id}`;
const reportHosts = () => db.$executeRaw`UPDATE "Host" SET "releaseId" = "desiredReleaseId", healthy = true, "lastSeenAt" = now() WHERE "pipelineId" = ${rb.id}`;
const settle = async () => {
  for (let i = 0; i < 20 && (await db.release.count({ where: { pipelineId: rb.id, state: { in: ["pending", "running"] } } })) > 0; i++) {
    await reportHosts();
    await tick();
  }
};
// A good release to go back to.
await heartbeat();
await promoteBuild("rb", (await addBuild(rb.id)).id, "bench");
await settle();

/** The rollback as it was: the same engine steps, plus the rollup refresh of the superseded release's day inside the transaction. */
const rollbackWithRollupInside = (reason: string) =>
  onLockedPipeline("rb", async (tx, pipeline, now) => {
    const active = await loadActiveRelease(tx, pipeline.id);
    const current = pipeline.currentReleaseId === null ? null : await loadRelease(tx, pipeline.currentReleaseId);
    const from = rollbackFrom(pipelineFacts(pipeline), active, current);
    await startRollback(tx, pipeline, { from, actor: "bench", trigger: "user", reason }, now);
    await refreshDailyStats(tx, pipeline.id, now);
  });

const queued: number[] = [];
const inside: number[] = [];
for (let i = 0; i < ROLLBACKS * 2; i++) {
  await unlockPipeline("rb", "bench");
  await promoteBuild("rb", (await addBuild(rb.id)).id, "bench");
  await heartbeat();
  await tick(); // running, its batch waiting for the host: the rollback supersedes it
  const t0 = performance.now();
  if (i % 2 === 0) await rollbackPipeline("rb", "bench", { reason: "bench" });
  else await rollbackWithRollupInside("bench");
  (i % 2 === 0 ? queued : inside).push(performance.now() - t0);
  await settle();
}
console.log(summarize("rollback, rollup refresh queued (as shipped)", queued));
console.log(summarize("rollback, rollup refresh inside its transaction", inside));

await runner.stop();
receiver.close();
await disconnect();
await database.drop();
process.exit(0);
